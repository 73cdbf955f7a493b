package onboarding_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Every question of the onboarding says where the user stands, "Schritt 3
// von 4", on one line with what comes next, counting the steps that apply
// as the answers stand: before a role is chosen the four common steps,
// after "Kommune" seven; going back counts the same; a role preset by the
// configuration is not counted.
func TestOnboardingProgress(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			label := func(key string) string { return h.Plain(lang, key, nil) }
			// at checks that the newest question is step n of total,
			// followed by the label of the next one (nextKey) or the summary.
			at := func(p flowstest.Person, n, total int, nextKey string) {
				t.Helper()
				next := h.Tr(lang, "flow.next_summary", nil)
				if nextKey != "" {
					next = h.Tr(lang, "flow.next", map[string]any{"Step": label(nextKey)})
				}
				h.Expect(p, h.Tr(lang, "flow.progress", map[string]any{"N": n, "Total": total, "Next": engine.HTML(next)}))
			}
			p := flowstest.Person{ID: 1301, LangHint: lang}
			h.Send(p, "/start")
			at(p, 1, 4, "field.consent")
			h.Press(p, h.Plain(lang, "lang.name", nil))
			at(p, 2, 4, "field.role")
			h.Press(p, label("btn.consent_yes"))
			at(p, 3, 4, "field.name")
			h.Press(p, label("role.municipal_contact"))
			at(p, 4, 7, "field.municipality")
			h.Send(p, "Erika Mustermann")
			at(p, 5, 7, "field.state")
			h.Press(p, label("btn.back"))
			at(p, 4, 7, "field.municipality")
			h.Send(p, "Erika Mustermann")
			h.Send(p, "Hattingen")
			at(p, 6, 7, "field.function")
			h.Press(p, label("state.NW"))
			at(p, 7, 7, "")

			// The configuration presets a coordinator's role: three steps.
			c := flowstest.Person{ID: flowstest.CoordinatorID, LangHint: lang}
			h.Send(c, "/start")
			at(c, 1, 3, "field.consent")
			h.Press(c, h.Plain(lang, "lang.name", nil))
			h.Press(c, label("btn.consent_yes"))
			at(c, 3, 3, "")
		})
	}
}
