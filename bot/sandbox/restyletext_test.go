package sandbox_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A card that a restyle with a text closes (the outbox's editMessageText)
// shows on the page as in Telegram: the stream brings the card, then the
// same bubble edited, with the new text and without its buttons.
func TestStreamShowsTheOutboxTextEdit(t *testing.T) {
	t.Parallel()
	store, url := startSandboxBot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, next := openStream(ctx, t, url, sandbox.AdvisorID)
	next("snapshot")

	card := domain.About{Subject: "sbx:1", Kind: "card"}
	if err := store.Notify(ctx, []domain.Notification{{ChatID: sandbox.AdvisorID, Lang: "de", About: card, Message: domain.Message{
		Text: "<b>Angebot</b>\nKöln, Rathaus", Buttons: [][]domain.Button{{{Label: "Annehmen", Data: "*:sbx:ac:1"}}}}}}); err != nil {
		t.Fatal(err)
	}
	sent := next("upsert")
	if !strings.Contains(string(sent.Rich), "Rathaus") || len(sent.Buttons) != 1 || sent.Edited {
		t.Fatalf("the card came as %+v", sent)
	}
	if err := store.Notify(ctx, []domain.Notification{{About: card, Restyle: map[string][][]domain.Button{"de": nil},
		RestyleText: map[string]string{"de": "<b>Vergeben</b>"}}}); err != nil {
		t.Fatal(err)
	}
	edited := next("upsert")
	if edited.ID != sent.ID || !edited.Edited || len(edited.Buttons) != 0 ||
		string(edited.Rich) != `[{"tag":"b","kids":[{"text":"Vergeben"}]}]` {
		t.Fatalf("after the restyle the bubble is %+v (%s), want the card edited to Vergeben without buttons", edited, edited.Rich)
	}
}
