package engine_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/storage"
)

// A restyle with a text, from a press (Turn.RestyleWith) and from a job
// (Notifier.RestyleWith, one piece of code with the press's): every
// message about the record gets the text and the buttons of its own
// language; the press spares its own message (the turn answers it), the
// job spares none.
func TestRestyleWithText(t *testing.T) {
	about := domain.About{Subject: "rtest:1", Kind: "card"}
	const job = "rtest-close"
	closedText := func(texts *engine.Texts) func(lang string) string {
		return func(lang string) string { return texts.T(lang, "etest.item", map[string]any{"N": "1"}) }
	}
	var fromPress domain.Notification
	h := flowstest.NewWithStore(t, func(db *storage.Store, r *engine.Registry) {
		r.Texts(os.DirFS("testdata"))
		r.Durable("rtest", "close", func(t *engine.Turn, _ int64) {
			fromPress = t.RestyleWith(about, closedText(t.Texts()), nil)
			if err := db.Notify(t.Ctx(), []domain.Notification{fromPress}); err != nil {
				t.Fail(err)
				return
			}
			t.Quiet()
		})
		r.Job(engine.Job{Name: job, Spec: "@every 1h", Run: func(ctx context.Context, env engine.JobEnv) error {
			return db.Notify(ctx, []domain.Notification{env.Notes.RestyleWith(about, closedText(env.Texts),
				func(lang string) [][]engine.Button {
					label := env.Texts.Plain(lang, "etest.item", map[string]any{"N": lang})
					return [][]engine.Button{{engine.DurableButton(label, "rtest", "close", 1)}}
				})})
		}})
	})
	de, en := flowstest.Person{ID: 7101, LangHint: "de"}, flowstest.Person{ID: 7102, LangHint: "en"}
	h.RegisterMunicipal(de, "de") // a durable press is a registered user's
	h.Deliver()                   // the office's notice of the new contact
	card := domain.Message{Text: "Angebot: Köln", Buttons: [][]domain.Button{{{Label: "Annehmen", Data: "*:rtest:close:1"}}}}
	if err := h.DB.Notify(context.Background(), []domain.Notification{
		{ChatID: de.ID, Lang: "de", About: about, Message: card},
		{ChatID: en.ID, Lang: "en", About: about, Message: card},
	}); err != nil {
		t.Fatal(err)
	}
	h.ExpectDelivered(map[int64]int{de.ID: 1, en.ID: 1})
	pressed := h.Last(de)

	if toast := h.PressData(de, pressed.ID, "*:rtest:close:1"); toast != "" {
		t.Fatalf("the press was answered %q", toast)
	}
	h.NoError()
	if want := map[string]string{"de": "Eintrag 1", "en": "Entry 1"}; fmt.Sprint(fromPress.RestyleText) != fmt.Sprint(want) {
		t.Errorf("the press's restyle texts %v, want %v", fromPress.RestyleText, want)
	}
	if fmt.Sprint(fromPress.Spare) != fmt.Sprint([]int{pressed.ID}) || fromPress.ChatID != de.ID {
		t.Errorf("the press's restyle spares %v of chat %d, want the pressed message", fromPress.Spare, fromPress.ChatID)
	}
	h.ExpectDelivered(map[int64]int{})
	if got := h.Last(de); got.Text != card.Text || got.Edits != 0 {
		t.Errorf("the pressed message %+v was edited; the turn answers it", got)
	}
	if got := h.Last(en); got.Text != "Entry 1" || len(got.Buttons) != 0 || got.Edits != 1 {
		t.Errorf("the other message is %+v, want the English text without buttons", got)
	}

	for _, j := range h.Engine.Jobs() {
		if j.Name == job {
			if err := j.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.ExpectDelivered(map[int64]int{})
	for _, c := range []struct {
		p          flowstest.Person
		text, btns string
	}{{de, "Eintrag 1", "[[Eintrag de]]"}, {en, "Entry 1", "[[Entry en]]"}} {
		if got := h.Last(c.p); got.Text != c.text || fmt.Sprint(got.Labels()) != c.btns {
			t.Errorf("chat %d after the job: %q %v, want %q %s", c.p.ID, got.Text, got.Labels(), c.text, c.btns)
		}
	}
}
