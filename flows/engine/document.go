package engine

import (
	"fmt"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// SendDocument sends doc (a file with its name, content and caption, in
// Telegram HTML) to the turn's own chat when the turn ends, after its
// screens, so that the file is the newest message. Like every answer of a
// turn it is sent only when the turn succeeds: a refused press (Refuse), a
// stale one and a turn with a store error (Fail) send no file. Documents
// for other chats go through the outbox as notifications.
func (t *Turn) SendDocument(doc domain.Document) { t.docs = append(t.docs, doc) }

// flushDocuments sends the turn's documents, in order.
func (t *Turn) flushDocuments() error {
	for i := range t.docs {
		if _, err := t.e.cfg.Messenger.Send(t.ctx, t.u.ChatID, domain.Message{Document: &t.docs[i]}); err != nil {
			return fmt.Errorf("send document: %w", err)
		}
	}
	return nil
}
