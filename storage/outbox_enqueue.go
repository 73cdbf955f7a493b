package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// outboxChannel is the LISTEN/NOTIFY channel that wakes the senders.
const outboxChannel = "miglobe_outbox"

// enqueueSQL inserts one message; a message to a chat that blocked the bot
// is given up at once, for the block, with the chat's record as its last
// error. It takes a key-share lock on the chat's record, so that it and an
// UnblockChat of the chat follow each other: one that comes while the record
// is being deleted waits and then finds the chat unblocked, and one that
// came first holds the record's deletion back until it commits, so that
// UnblockChat then finds this message to make pending again.
// The message is stored with what it is about (subject and kind, NULL for
// nothing) and its language, for restyles (outbox_restyle.go).
// A document ($8-$11, NULL for none) is stored with the row.
const enqueueSQL = `
INSERT INTO outbox (chat_id, text, buttons, created_at, not_before, failed_at, last_error, blocked, subject, kind, lang,
                    doc_name, doc_type, doc_content, doc_caption)
SELECT $1, $2, $3, $4, $4, b.blocked_at, b.reason, b.chat_id IS NOT NULL, NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''),
       $8, $9, $10, $11
FROM (SELECT 1) AS one
LEFT JOIN (SELECT chat_id, blocked_at, reason FROM blocked_chats WHERE chat_id = $1 FOR KEY SHARE) b ON true`

// enqueue writes notes to the outbox inside tx, stamped with now (the
// store's clock, not the database's, so that tests own the time), and notifies the senders
// (Postgres delivers the notification when tx commits, and not at all when
// it rolls back). Every store method whose change tells someone else calls
// it in the change's own transaction. A restyle note (IsRestyle) gives the
// messages about its record new buttons, and maybe a new text, instead
// (queueRestyle); one that queueRestyle refuses is domain.ErrInvalid, and
// nothing is written. So is a document that checkDocument refuses.
func enqueue(ctx context.Context, tx pgx.Tx, now time.Time, notes []domain.Notification) error {
	if len(notes) == 0 {
		return nil
	}
	batch := &pgx.Batch{}
	for _, n := range notes {
		if n.IsRestyle() {
			if err := queueRestyle(batch, now, n); err != nil {
				return err
			}
			continue
		}
		buttons, err := buttonsJSON(n.Message.Buttons)
		if err != nil {
			return err
		}
		kind := n.About.Kind
		if n.About.IsZero() {
			kind = ""
		}
		doc := n.Message.Document
		if doc == nil {
			batch.Queue(enqueueSQL, n.ChatID, n.Message.Text, buttons, now, n.About.Subject, kind, n.Lang, nil, nil, nil, nil)
			continue
		}
		if err := checkDocument(n); err != nil {
			return err
		}
		batch.Queue(enqueueSQL, n.ChatID, "", buttons, now, n.About.Subject, kind, n.Lang,
			doc.Name, nullIfEmpty(doc.Type), doc.Content, doc.Caption)
	}
	batch.Queue(`SELECT pg_notify($1, '')`, outboxChannel)
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return mapErr("enqueue", err)
	}
	return nil
}

// buttonsJSON is rows as the outbox stores them: JSON, nil for none.
func buttonsJSON(rows [][]domain.Button) ([]byte, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(rows)
	if err != nil {
		return nil, fmt.Errorf("storage: outbox buttons: %w", err)
	}
	return b, nil
}

// notifyIn writes notify(v)'s notifications (of a record as changed) to the
// outbox inside tx; a nil notify writes nothing.
func notifyIn[T any](ctx context.Context, tx pgx.Tx, now time.Time, notify func(T) []domain.Notification, v T) error {
	if notify == nil {
		return nil
	}
	return enqueue(ctx, tx, now, notify(v))
}

// checkDocument returns domain.ErrInvalid (wrapped) for a notification
// whose document the outbox does not carry: one without a name, empty or
// larger than domain.MaxOutboxDocument, with a caption longer than
// domain.MaxCaptionLength, or About a record (a restyle could not edit a
// document's caption); nil otherwise.
func checkDocument(n domain.Notification) error {
	d := n.Message.Document
	var why string
	switch {
	case strings.TrimSpace(d.Name) == "" || utf8.RuneCountInString(d.Name) > 255:
		why = "no file name, or one too long"
	case len(d.Content) == 0 || len(d.Content) > domain.MaxOutboxDocument:
		why = fmt.Sprintf("%d bytes", len(d.Content))
	case domain.TextLength(d.Caption) > domain.MaxCaptionLength:
		why = "caption too long"
	case !n.About.IsZero():
		why = "a document about a record"
	}
	if why != "" {
		return fmt.Errorf("storage: enqueue document to %d: %w: %s", n.ChatID, domain.ErrInvalid, why)
	}
	return nil
}

// nullIfEmpty is s, or NULL for "".
func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
