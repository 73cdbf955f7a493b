package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// pendingSQL is the condition of a message neither sent nor given up.
const pendingSQL = `sent_at IS NULL AND failed_at IS NULL`

// claimSQL leases due messages: per chat only its oldest pending message, and
// only when no other sender holds it and the chat has not blocked the bot.
// SKIP LOCKED lets several senders claim at once without waiting.
const claimSQL = `
WITH due AS (
	SELECT o.id FROM outbox o
	WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.not_before <= $1
	  AND (o.lease_until IS NULL OR o.lease_until <= $1)
	  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_id = o.chat_id AND e.id < o.id
	                  AND e.sent_at IS NULL AND e.failed_at IS NULL)
	  AND NOT EXISTS (SELECT 1 FROM blocked_chats b WHERE b.chat_id = o.chat_id)
	ORDER BY o.not_before, o.id
	LIMIT $3
	FOR UPDATE OF o SKIP LOCKED
)
UPDATE outbox SET lease_until = $2 FROM due WHERE outbox.id = due.id
RETURNING outbox.id, outbox.chat_id, outbox.text, outbox.buttons, outbox.attempts, outbox.lease_until,
	COALESCE(outbox.subject, ''), COALESCE(outbox.kind, ''), COALESCE(outbox.edit_message_id, 0),
	outbox.doc_name, COALESCE(outbox.doc_type, ''), outbox.doc_content, COALESCE(outbox.doc_caption, '')`

// ClaimOutbox leases up to limit due messages for lease, at most one per
// chat, oldest first, a document with its Message.Document. A message whose lease runs out without being marked
// (its sender died) is due again. It returns an empty slice when nothing is
// due, or the database error.
func (s *Store) ClaimOutbox(ctx context.Context, limit int, lease time.Duration) ([]domain.Outgoing, error) {
	now := s.now()
	rows, err := s.pool.Query(ctx, claimSQL, now, now.Add(lease), limit)
	if err != nil {
		return nil, mapErr("claim outbox", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Outgoing, error) {
		var o domain.Outgoing
		var buttons []byte
		var docName *string
		var doc domain.Document
		if err := row.Scan(&o.ID, &o.ChatID, &o.Message.Text, &buttons, &o.Attempts, &o.Lease,
			&o.About.Subject, &o.About.Kind, &o.EditID, &docName, &doc.Type, &doc.Content, &doc.Caption); err != nil {
			return o, err
		}
		if docName != nil {
			doc.Name = *docName
			o.Message.Document = &doc
		}
		if len(buttons) > 0 {
			if err := json.Unmarshal(buttons, &o.Message.Buttons); err != nil {
				return o, fmt.Errorf("buttons of outbox message %d: %w", o.ID, err)
			}
		}
		return o, nil
	})
	if err != nil {
		return nil, mapErr("claim outbox", err)
	}
	slices.SortFunc(out, func(a, b domain.Outgoing) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// markSentSQL records a delivery ($1, leased until $4) and holds the chat's
// next pending message back until $3. A message about a record, sent as
// message $5 with buttons $6, goes on record in shown_messages with them
// (an edit row's message is there already: it gets the buttons). When it
// was restyled while it was on its way (the row's buttons differ from those
// sent, $6, or its text from the text sent, $7), an edit row brings the
// newest buttons after it, and the newest text when that is what changed.
const markSentSQL = `
WITH sent AS (
	UPDATE outbox SET sent_at = $2, lease_until = NULL
	WHERE id = $1 AND lease_until = $4 AND ` + pendingSQL + `
	RETURNING chat_id, subject, kind, lang, buttons, text, COALESCE(edit_message_id, $5) AS message_id,
	          edit_message_id IS NULL AS new
), paused AS (
	UPDATE outbox SET not_before = greatest(not_before, $3)
	WHERE id = (SELECT min(o.id) FROM outbox o JOIN sent ON o.chat_id = sent.chat_id
	            WHERE o.id <> $1 AND o.sent_at IS NULL AND o.failed_at IS NULL)
), shown AS (
	INSERT INTO shown_messages (chat_id, message_id, subject, kind, lang, buttons, shown_at)
	SELECT chat_id, message_id, subject, kind, COALESCE(lang, ''), COALESCE($6::jsonb, '[]'::jsonb), $2 FROM sent
	WHERE subject IS NOT NULL AND new AND message_id > 0
	ON CONFLICT (chat_id, message_id) DO UPDATE
	SET subject = excluded.subject, kind = excluded.kind, lang = excluded.lang, buttons = excluded.buttons,
	    shown_at = excluded.shown_at
), edited AS (
	UPDATE shown_messages sm SET buttons = COALESCE($6::jsonb, '[]'::jsonb)
	FROM sent WHERE NOT sent.new AND sm.chat_id = sent.chat_id AND sm.message_id = sent.message_id
), redo AS (
	INSERT INTO outbox (chat_id, text, buttons, created_at, not_before, subject, kind, lang, edit_message_id)
	SELECT chat_id, CASE WHEN text <> $7 THEN text ELSE '' END, buttons, $2, $3, subject, kind, lang, message_id FROM sent
	WHERE subject IS NOT NULL AND message_id > 0 AND (buttons IS DISTINCT FROM $6::jsonb OR text <> $7)
)
SELECT EXISTS (SELECT 1 FROM sent)`

// MarkOutboxSent records that m was delivered, as message msgID of its chat
// (0: unknown; for an edit, the edited message is known), and holds the
// chat's next pending message back for chatPause (the per-chat rate). A
// message About a record goes on record as shown, so that a later restyle
// edits it; one restyled after the claim gets an edit to the newest buttons
// (and text, when the restyle changed it). Only the holder of m's claim records it:
// it returns domain.ErrConflict and changes nothing when the claim is no
// longer the caller's (its lease ran out and another sender took the
// message over, or m was recorded already); a lease that ran out without
// being taken over is still the caller's. It returns the database error
// otherwise.
func (s *Store) MarkOutboxSent(ctx context.Context, m domain.Outgoing, msgID int, chatPause time.Duration) error {
	now := s.now()
	var sent []byte // compared only for a message about a record
	if !m.About.IsZero() {
		var err error
		if sent, err = buttonsJSON(m.Message.Buttons); err != nil {
			return err
		}
	}
	var marked bool
	err := s.pool.QueryRow(ctx, markSentSQL, m.ID, now, now.Add(chatPause), m.Lease, msgID, sent, m.Message.Text).Scan(&marked)
	if err != nil {
		return mapErr(fmt.Sprintf("mark outbox %d sent", m.ID), err)
	}
	if !marked {
		return opErr(fmt.Sprintf("mark outbox %d sent", m.ID), domain.ErrConflict)
	}
	return nil
}

// RetryOutbox gives m back for another attempt after the given wait, with
// attempts failed attempts so far and reason as its last error. It returns
// domain.ErrConflict when the claim is no longer the caller's (its lease ran
// out and another sender took the message), or the database error.
func (s *Store) RetryOutbox(ctx context.Context, m domain.Outgoing, after time.Duration, attempts int, reason string) error {
	tag, err := s.pool.Exec(ctx, `
UPDATE outbox SET not_before = $2, attempts = $3, last_error = $4, lease_until = NULL
WHERE id = $1 AND lease_until = $5 AND `+pendingSQL, m.ID, s.now().Add(after), attempts, reason, m.Lease)
	if err != nil {
		return mapErr(fmt.Sprintf("retry outbox %d", m.ID), err)
	}
	if tag.RowsAffected() == 0 {
		return opErr(fmt.Sprintf("retry outbox %d", m.ID), domain.ErrConflict)
	}
	return nil
}

// FailOutbox gives up on m with reason as the record. With blockChat (the
// user blocked the bot) it also records the chat in blocked_chats and gives
// up on every other pending message of the chat with the same reason; later
// messages to the chat are given up as they are enqueued. All of these are
// marked as given up for the block, which UnblockChat undoes. Like
// MarkOutboxSent, only the holder of m's claim records it: it returns
// domain.ErrConflict and changes nothing when the claim is no longer the
// caller's, or the database error.
func (s *Store) FailOutbox(ctx context.Context, m domain.Outgoing, reason string, blockChat bool) error {
	op := fmt.Sprintf("fail outbox %d", m.ID)
	now := s.now()
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return mapErr(op, err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	tag, err := tx.Exec(ctx, `UPDATE outbox SET failed_at = $2, last_error = $3, lease_until = NULL, blocked = $5
WHERE id = $1 AND lease_until = $4 AND `+pendingSQL, m.ID, now, reason, m.Lease, blockChat)
	if err != nil {
		return mapErr(op, err)
	}
	if tag.RowsAffected() == 0 {
		return opErr(op, domain.ErrConflict)
	}
	if blockChat {
		if _, err := tx.Exec(ctx, `INSERT INTO blocked_chats (chat_id, blocked_at, reason) VALUES ($1, $2, $3)
ON CONFLICT (chat_id) DO UPDATE SET blocked_at = excluded.blocked_at, reason = excluded.reason`, m.ChatID, now, reason); err != nil {
			return mapErr(op, err)
		}
		if _, err := tx.Exec(ctx, `UPDATE outbox SET failed_at = $2, last_error = $3, lease_until = NULL, blocked = true
WHERE chat_id = $1 AND `+pendingSQL, m.ChatID, now, reason); err != nil {
			return mapErr(op, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return mapErr(op, err)
	}
	return nil
}

// PendingOutbox returns how many messages wait to be sent (due or not), or
// the database error.
func (s *Store) PendingOutbox(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE `+pendingSQL).Scan(&n); err != nil {
		return 0, mapErr("count pending outbox", err)
	}
	return n, nil
}

// Notify writes notes to the outbox in a transaction of their own, for
// senders of messages that change nothing else (a reminder job). Either all
// notes are written or none; it returns the database error.
func (s *Store) Notify(ctx context.Context, notes []domain.Notification) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return mapErr("notify", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if err := enqueue(ctx, tx, s.now(), notes); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return mapErr("notify", err)
	}
	return nil
}
