package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Restyles: when a record changes, the messages that show it with buttons
// for its old state get the buttons of its new state (domain.Notification's
// Restyle), by the language of each message. A message still waiting in the
// outbox gets them before it is sent; one shown already gets an edit row in
// the outbox, which the sender delivers as an edit of the message, in the
// chat's order and within the chat's rate like every send. The shown
// messages are those the sender sent (MarkOutboxSent records them) and those
// the engine showed in a conversation (RecordShown). A restyle with texts
// (RestyleText) gives the waiting messages its text as theirs, and makes
// the edits of the shown ones edits of their text and buttons: the edit
// row's text is the new text ('' for an edit of the buttons alone).

// restylePendingSQL gives the rows about $1/$2 not sent yet (pending, or
// given up for a block, which UnblockChat revives) the buttons of their
// language in $3 ({"de": rows, ...}; none for a language without rows),
// and the text of their language in $4 ({"de": text, ...}; NULL for none)
// where it has one. Pending edit rows about the record are among them, so
// that a message waiting for an edit gets the newest buttons and text (an
// edit of the buttons alone keeps a text edit's text).
const restylePendingSQL = `
UPDATE outbox SET buttons = NULLIF($3::jsonb -> lang, '[]'::jsonb), text = COALESCE($4::jsonb ->> lang, text)
WHERE subject = $1 AND kind = $2 AND sent_at IS NULL AND (failed_at IS NULL OR blocked)`

// restyleShownSQL adds an edit row for every shown message about $1/$2
// without one pending, but those of chat $6 in $7 (the turn that makes the
// change redraws them itself) and those known to show the new buttons
// already when their text stays (an edit to the same keyboard is an error
// at Telegram; what text a message shows is not on record, so a new text
// is always an edit). Like enqueueSQL, an edit to a chat that blocked the
// bot is given up for the block at once, under a key-share lock on the
// chat's record.
const restyleShownSQL = `
INSERT INTO outbox (chat_id, text, buttons, created_at, not_before, failed_at, last_error, blocked,
                    subject, kind, lang, edit_message_id)
SELECT s.chat_id, COALESCE($4::jsonb ->> s.lang, ''), NULLIF($3::jsonb -> s.lang, '[]'::jsonb),
       $5, $5, b.blocked_at, b.reason, b.chat_id IS NOT NULL, s.subject, s.kind, s.lang, s.message_id
FROM shown_messages s
LEFT JOIN LATERAL (SELECT chat_id, blocked_at, reason FROM blocked_chats WHERE chat_id = s.chat_id FOR KEY SHARE) b ON true
WHERE s.subject = $1 AND s.kind = $2
  AND NOT (s.chat_id = $6 AND s.message_id = ANY($7::bigint[]))
  AND ($4::jsonb ->> s.lang IS NOT NULL
       OR s.buttons IS DISTINCT FROM COALESCE($3::jsonb -> s.lang, '[]'::jsonb))
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.chat_id = s.chat_id AND o.edit_message_id = s.message_id
                  AND o.sent_at IS NULL AND (o.failed_at IS NULL OR o.blocked))
ORDER BY s.chat_id, s.message_id`

// queueRestyle adds the statements of restyle n to batch: first the
// pending rows, then the edit rows of the shown messages. A restyle about
// nothing, or with a text that is empty or longer than one message (an
// edit cannot be split), is domain.ErrInvalid.
func queueRestyle(batch *pgx.Batch, now time.Time, n domain.Notification) error {
	if n.About.IsZero() || n.About.Kind == "" {
		return fmt.Errorf("storage: restyle: %w: about nothing", domain.ErrInvalid)
	}
	texts, err := restyleTexts(n)
	if err != nil {
		return err
	}
	rows := make(map[string][][]domain.Button, len(n.Restyle))
	for lang, r := range n.Restyle {
		rows[lang] = r
		if r == nil {
			rows[lang] = [][]domain.Button{}
		}
	}
	byLang, err := json.Marshal(rows)
	if err != nil {
		return fmt.Errorf("storage: restyle: %w", err)
	}
	spare := make([]int64, 0, len(n.Spare))
	for _, id := range n.Spare {
		spare = append(spare, int64(id))
	}
	batch.Queue(restylePendingSQL, n.About.Subject, n.About.Kind, byLang, texts)
	batch.Queue(restyleShownSQL, n.About.Subject, n.About.Kind, byLang, texts, now, n.ChatID, spare)
	return nil
}

// restyleTexts is n.RestyleText as the restyle statements take it (JSON,
// nil for none), or domain.ErrInvalid for a text that is empty or does not
// fit one message.
func restyleTexts(n domain.Notification) ([]byte, error) {
	if n.RestyleText == nil {
		return nil, nil
	}
	for lang, text := range n.RestyleText {
		switch size := domain.TextLength(text); {
		case strings.TrimSpace(text) == "" || size == 0:
			return nil, fmt.Errorf("storage: restyle %s: %w: empty text in %q", n.About.Subject, domain.ErrInvalid, lang)
		case size > domain.MaxTextLength:
			return nil, fmt.Errorf("storage: restyle %s: %w: text in %q of %d characters, more than one message",
				n.About.Subject, domain.ErrInvalid, lang, size)
		}
	}
	b, err := json.Marshal(n.RestyleText)
	if err != nil {
		return nil, fmt.Errorf("storage: restyle texts: %w", err)
	}
	return b, nil
}

// RecordShown notes that message msgID of chatID shows about in lang (see
// domain.ShownStore), with buttons not known, replacing what was noted of it, and forgets message
// forget of the chat (0: none) in the same statement: one round trip.
func (s *Store) RecordShown(ctx context.Context, chatID int64, msgID int, about domain.About, lang string, forget int) error {
	if forget == msgID {
		forget = 0
	}
	_, err := s.pool.Exec(ctx, `
WITH gone AS (DELETE FROM shown_messages WHERE chat_id = $1 AND message_id = $6)
INSERT INTO shown_messages (chat_id, message_id, subject, kind, lang, shown_at) VALUES ($1, $2, $3, $4, $5, $7)
ON CONFLICT (chat_id, message_id) DO UPDATE
SET subject = excluded.subject, kind = excluded.kind, lang = excluded.lang, buttons = NULL, shown_at = excluded.shown_at`,
		chatID, msgID, about.Subject, about.Kind, lang, forget, s.now())
	return mapErr(fmt.Sprintf("record shown message %d", msgID), err)
}

// ForgetShown forgets message msgID of chatID (see domain.ShownStore); a
// message not on record is no error.
func (s *Store) ForgetShown(ctx context.Context, chatID int64, msgID int) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM shown_messages WHERE chat_id = $1 AND message_id = $2`, chatID, msgID)
	return mapErr(fmt.Sprintf("forget shown message %d", msgID), err)
}
