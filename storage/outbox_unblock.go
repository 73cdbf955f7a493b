package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// UnblockChat is what to call when an update comes from chatID: a user who
// writes to the bot has not blocked it (any more). When the chat is recorded
// in blocked_chats (FailOutbox with blockChat), it removes the record and
// makes the chat's messages that were given up for the block pending again,
// due at once and in their order: the one Telegram refused with 403, the
// others that were pending then, and those enqueued while the chat was
// blocked. Messages given up for other reasons (refused, too many attempts)
// stay given up. Removing the record and reviving the messages is one
// transaction, which wakes the outbox senders when it commits. It reports
// whether the chat was blocked; false, nil for a chat that is not.
//
// Cost: for a chat that is not blocked, the usual case, one read-only query
// in one round trip to Postgres: a primary-key lookup in blocked_chats,
// without a row lock or a write. For a blocked chat, a transaction of three
// more round trips: the record's deletion, and the update of the chat's
// messages given up for the block, found through a partial index that holds
// only such messages.
//
// It returns the database error on failure, and then nothing has changed.
func (s *Store) UnblockChat(ctx context.Context, chatID int64) (bool, error) {
	op := fmt.Sprintf("unblock chat %d", chatID)
	var blocked bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM blocked_chats WHERE chat_id = $1)`,
		chatID).Scan(&blocked); err != nil {
		return false, mapErr(op, err)
	}
	if !blocked {
		return false, nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, mapErr(op, err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	// The deletion waits for an enqueue of the chat that holds the record
	// (see enqueueSQL); the update, a statement of its own, then sees the
	// message that enqueue gave up.
	batch := &pgx.Batch{}
	gone := batch.Queue(`DELETE FROM blocked_chats WHERE chat_id = $1`, chatID)
	batch.Queue(`UPDATE outbox SET failed_at = NULL, blocked = false, lease_until = NULL,
	not_before = greatest(not_before, $2)
WHERE chat_id = $1 AND blocked`, chatID, s.now())
	batch.Queue(`SELECT pg_notify($1, '')`, outboxChannel)
	var deleted bool
	gone.Exec(func(tag pgconn.CommandTag) error {
		deleted = tag.RowsAffected() > 0
		return nil
	})
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return false, mapErr(op, err)
	}
	if !deleted {
		return false, nil // another caller unblocked it meanwhile
	}
	if err := tx.Commit(ctx); err != nil {
		return false, mapErr(op, err)
	}
	return true, nil
}

// BlockedChats returns the chats recorded in blocked_chats (the table is
// small: one row per chat that blocked the bot), or the database error.
func (s *Store) BlockedChats(ctx context.Context) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT chat_id FROM blocked_chats ORDER BY chat_id`)
	if err != nil {
		return nil, mapErr("blocked chats", err)
	}
	chats, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, mapErr("blocked chats", err)
	}
	return chats, nil
}
