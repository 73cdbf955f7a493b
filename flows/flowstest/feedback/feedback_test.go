package feedback_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/flowstest/feedback"
	"github.com/miglobe/miglobe-bot/storage"
)

// newHarness is the harness with the feedback feature added, as the
// composition root would add it: one registration.
func newHarness(t *testing.T) *flowstest.H {
	return flowstest.NewWithStore(t, func(db *storage.Store, r *engine.Registry) {
		feedback.Register(r, feedback.Deps{Users: db, Outbox: db})
	})
}

// A feature registered from its own folder works end to end: its command,
// menu entry, flow, durable action and job, in German and English, and
// the engine's /help and menu show it.
func TestFeatureFromItsOwnFolder(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			coordDE, coordEN := h.RegisterCoordinators()
			p := flowstest.Person{ID: 6001, LangHint: lang}
			h.RegisterMunicipal(p, lang)

			h.Send(p, "/help")
			h.Expect(p, "/feedback – "+h.Plain(lang, "cmd.feedback", nil))
			h.Send(p, "/menu")
			h.ExpectButtons(p, h.Plain(lang, "btn.feedback", nil))

			h.Press(p, h.Plain(lang, "btn.feedback", nil))
			h.Expect(p, h.Tr(lang, "feedback.prompt", nil))
			h.Send(p, "Sehr hilfreich & schnell")
			h.Expect(p, "Sehr hilfreich &amp; schnell")
			h.Press(p, h.Plain(lang, "btn.confirm", nil))
			h.Expect(p, h.Tr(lang, "feedback.sent", nil))
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
			h.Expect(coordDE, h.Tr("de", "feedback.notify", map[string]any{"Name": "Erika Mustermann", "Text": "Sehr hilfreich & schnell"}))
			h.Expect(coordEN, h.Tr("en", "feedback.notify", map[string]any{"Name": "Erika Mustermann", "Text": "Sehr hilfreich & schnell"}))

			// The durable action: someone else's press changes nothing; a
			// coordinator's thanks reach the author.
			id, data := h.Find(coordEN, h.Plain("en", "btn.feedback_ack", nil))
			if toast := h.PressData(p, id, data); toast != h.Plain(lang, "error.forbidden", nil) {
				t.Errorf("a contact pressing the coordinators' button got %q", toast)
			}
			h.ExpectDelivered(map[int64]int{})
			h.Press(coordEN, h.Plain("en", "btn.feedback_ack", nil))
			h.ExpectDelivered(map[int64]int{p.ID: 1})
			h.Expect(p, h.Tr(lang, "feedback.acked", nil))

			// The job, as the scheduler runs it.
			ran := false
			for _, j := range h.Engine.Jobs() {
				if j.Name == feedback.Job {
					ran = true
					if err := j.Run(context.Background()); err != nil {
						t.Fatal(err)
					}
				}
			}
			if !ran {
				t.Fatalf("job %s not registered", feedback.Job)
			}
			h.ExpectDelivered(map[int64]int{coordDE.ID: 1, coordEN.ID: 1})
			h.Expect(coordEN, h.Tr("en", "feedback.reminder", nil))
		})
	}
}

// Without the feature the same command is unknown: nothing outside its
// folder knows it.
func TestWithoutTheFeatureTheCommandIsUnknown(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 6002, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	h.Send(p, "/feedback")
	h.Expect(p, h.Tr("de", "hint.unknown_command", nil))
}
