package flowstest_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Deliver brings an outbox document to the chat, caption and buttons with
// it, where a feature test reads it back with Documents.
func TestDeliverDocuments(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 4711, FirstName: "Ada", LangHint: "de"}
	at := h.Clock.Now().Add(48 * time.Hour)
	doc, err := engine.CalendarFile(engine.CalendarEvent{UID: "ev-9@miglobe", Stamp: h.Clock.Now(), Start: at, End: at.Add(time.Hour), Summary: "Fest"}, "fest.ics")
	if err != nil {
		t.Fatal(err)
	}
	doc.Caption = "<b>Fest</b>"
	buttons := [][]domain.Button{{{Label: "Ja", Data: "*:ev:y:9"}}}
	if err := h.DB.Notify(context.Background(), []domain.Notification{
		{ChatID: p.ID, Message: domain.Message{Document: &doc, Buttons: buttons}},
		{ChatID: p.ID, Message: domain.Message{Text: "Hallo"}},
	}); err != nil {
		t.Fatal(err)
	}
	h.ExpectDelivered(map[int64]int{p.ID: 2})
	docs := h.Documents(p)
	if len(docs) != 1 || docs[0].Name != "fest.ics" || docs[0].Caption != "<b>Fest</b>" || !bytes.Equal(docs[0].Content, doc.Content) {
		t.Fatalf("documents %+v, want fest.ics as built", docs)
	}
	msgs := h.Msgr.Messages(p.ID)
	if len(msgs) != 2 || msgs[0].Document == nil || msgs[0].Text != "" || msgs[0].Buttons[0][0].Data != "*:ev:y:9" || msgs[1].Text != "Hallo" {
		t.Fatalf("chat shows %+v", msgs)
	}
}
