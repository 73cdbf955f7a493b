package storage_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestOutboxStoresAndClaimsDocuments(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	content := []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n\x00\xff")
	buttons := [][]domain.Button{{{Label: "Ja", Data: "*:ev:y:1"}}}
	doc := &domain.Document{Name: "termin.ics", Type: "text/calendar; charset=utf-8", Content: content, Caption: "<b>Termin</b> &amp; Ort"}
	notify(t, e, domain.Notification{ChatID: 7, Message: domain.Message{Document: doc, Buttons: buttons}}, note(8, "plain"))

	_, claimed := claimTexts(t, e)
	if len(claimed) != 2 {
		t.Fatalf("claimed %d, want 2", len(claimed))
	}
	var got, plain domain.Outgoing
	for _, o := range claimed {
		if o.ChatID == 7 {
			got = o
		} else {
			plain = o
		}
	}
	d := got.Message.Document
	if d == nil {
		t.Fatalf("document row claimed without its document: %+v", got)
	}
	if d.Name != doc.Name || d.Type != doc.Type || d.Caption != doc.Caption || !bytes.Equal(d.Content, content) {
		t.Errorf("claimed document %q %q %q %q, want what was stored", d.Name, d.Type, d.Caption, d.Content)
	}
	if got.Message.Text != "" || len(got.Message.Buttons) != 1 || got.Message.Buttons[0][0].Data != "*:ev:y:1" {
		t.Errorf("document row text %q buttons %v", got.Message.Text, got.Message.Buttons)
	}
	if plain.Message.Document != nil || plain.Message.Text != "plain" {
		t.Errorf("text row claimed as %+v", plain.Message)
	}
	if err := e.st.MarkOutboxSent(ctx, got, 3, 0); err != nil {
		t.Fatalf("mark document sent: %v", err)
	}
}

func TestOutboxRefusesBadDocuments(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	ok := func() *domain.Document { return &domain.Document{Name: "a.ics", Content: []byte("x")} }
	cases := map[string]domain.Notification{
		"too large":      {ChatID: 1, Message: domain.Message{Document: &domain.Document{Name: "a.ics", Content: make([]byte, domain.MaxOutboxDocument+1)}}},
		"empty":          {ChatID: 1, Message: domain.Message{Document: &domain.Document{Name: "a.ics"}}},
		"no name":        {ChatID: 1, Message: domain.Message{Document: &domain.Document{Content: []byte("x")}}},
		"long caption":   {ChatID: 1, Message: domain.Message{Document: &domain.Document{Name: "a.ics", Content: []byte("x"), Caption: strings.Repeat("ä", domain.MaxCaptionLength+1)}}},
		"about a record": domain.Notification{ChatID: 1, Message: domain.Message{Document: ok()}}.Regarding(domain.About{Subject: "rq:1", Kind: "view"}),
	}
	for name, n := range cases {
		// A good message in the same call is not written either.
		err := e.st.Notify(ctx, []domain.Notification{note(2, "fine"), n})
		if !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%s: err %v, want ErrInvalid", name, err)
		}
	}
	if n, err := e.st.PendingOutbox(ctx); err != nil || n != 0 {
		t.Errorf("pending after refusals = %d (%v), want 0", n, err)
	}
	// The largest allowed document goes in.
	big := domain.Notification{ChatID: 3, Message: domain.Message{Document: &domain.Document{Name: "big.bin", Content: make([]byte, domain.MaxOutboxDocument)}}}
	notify(t, e, big)
	_, claimed := claimTexts(t, e)
	if len(claimed) != 1 || claimed[0].Message.Document == nil || len(claimed[0].Message.Document.Content) != domain.MaxOutboxDocument {
		t.Fatalf("1 MB document not claimed whole")
	}
}
