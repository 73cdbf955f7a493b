package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows"
)

// outboxChannel is the LISTEN/NOTIFY channel that wakes the senders.
const outboxChannel = "miglobe_outbox"

// enqueue writes notes to the outbox inside tx and notifies the senders
// (Postgres delivers the notification when tx commits, and not at all when
// it rolls back). Every store method whose change tells someone else calls
// it in the change's own transaction.
func enqueue(ctx context.Context, tx pgx.Tx, notes []flows.Notification) error {
	if len(notes) == 0 {
		return nil
	}
	batch := &pgx.Batch{}
	for _, n := range notes {
		var buttons []byte
		if len(n.Message.Buttons) > 0 {
			b, err := json.Marshal(n.Message.Buttons)
			if err != nil {
				return fmt.Errorf("storage: enqueue: %w", err)
			}
			buttons = b
		}
		batch.Queue(`INSERT INTO outbox (chat_id, text, buttons) VALUES ($1, $2, $3)`, n.ChatID, n.Message.Text, buttons)
	}
	batch.Queue(`SELECT pg_notify($1, '')`, outboxChannel)
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return mapErr("enqueue", err)
	}
	return nil
}
