package outbox

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// documentSends returns the fake's sendDocument calls with the given code.
func (r *outboxRig) documentSends(code int) []telegramfake.Call {
	return r.callsOf("sendDocument", code)
}

// An outbox document goes out with sendDocument, its caption as HTML and
// the buttons under it, once, after the 429 that came first; a text
// message of the same chat follows it in order.
func TestOutboxSendsDocuments(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramLimits)
	ctx := context.Background()
	r.users(7101, 1)
	content := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
	buttons := [][]domain.Button{{{Label: "Zusagen", Data: "*:ev:y:5"}}}
	doc := &domain.Document{Name: "einladung.ics", Type: "text/calendar", Content: content, Caption: "<b>Sommerfest</b> &amp; Grillen"}
	if err := r.store.Notify(ctx, []domain.Notification{
		{ChatID: 7101, Message: domain.Message{Document: doc, Buttons: buttons}},
		{ChatID: 7101, Message: domain.Message{Text: "danach"}},
	}); err != nil {
		t.Fatal(err)
	}
	r.fake.FailNext(1, 1)
	s := r.sender(nil, 30, 1)
	r.run(s)
	r.waitSent(1, 15*time.Second)
	waitUntil(t, 15*time.Second, "both recorded", func() bool {
		n, err := r.store.PendingOutbox(ctx)
		return err == nil && n == 0
	})
	if refused, sent := r.documentSends(429), r.documentSends(200); len(refused) != 1 || len(sent) != 1 {
		t.Fatalf("sendDocument: %d refused with 429 and %d sent, want 1 and 1", len(refused), len(sent))
	}
	msgs := r.fake.Messages(7101)
	if len(msgs) != 2 {
		t.Fatalf("chat got %d messages, want the document and the text", len(msgs))
	}
	d := msgs[0]
	if d.Document == nil || d.Document.FileName != "einladung.ics" || !bytes.Equal(d.Document.Data, content) {
		t.Fatalf("first message %+v, want the document as stored", d)
	}
	if d.Caption != doc.Caption {
		t.Errorf("caption %q, want %q", d.Caption, doc.Caption)
	}
	if len(d.Buttons) != 1 || len(d.Buttons[0]) != 1 || d.Buttons[0][0].Data != "*:ev:y:5" {
		t.Errorf("buttons %+v, want Zusagen", d.Buttons)
	}
	if msgs[1].Text != "danach" {
		t.Errorf("second message %q, want the text after the document", msgs[1].Text)
	}
}

// A document to a chat that blocked the bot gives the chat up as a message
// does, and the chat's next message with it.
func TestOutboxDocumentToBlockedChat(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramLimits)
	ctx := context.Background()
	r.users(7201, 1)
	r.fake.Block(7201)
	doc := &domain.Document{Name: "a.ics", Content: []byte("x"), Caption: "blockiert"}
	if err := r.store.Notify(ctx, []domain.Notification{
		{ChatID: 7201, Message: domain.Message{Document: doc}},
		{ChatID: 7201, Message: domain.Message{Text: "danach"}},
	}); err != nil {
		t.Fatal(err)
	}
	s := r.sender(nil, 30, 1)
	r.run(s)
	waitUntil(t, 15*time.Second, "the chat given up as blocked", func() bool {
		return counterValue(t, s.metrics.failed.WithLabelValues("blocked")) == 1
	})
	if n := len(r.documentSends(403)); n != 1 {
		t.Fatalf("%d sendDocument calls answered 403, want 1", n)
	}
	if n, err := r.store.PendingOutbox(ctx); err != nil || n != 0 {
		t.Fatalf("pending = %d, %v; want 0 (both given up for the block)", n, err)
	}
	if n := len(r.sends(200)); n != 0 {
		t.Fatalf("%d messages sent to the blocked chat", n)
	}
}
