package requests_test

import (
	"context"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Issue 10, point 7: the request takes the municipality and the function
// from the profile without asking (both in the summary, the function
// editable), so it begins with the department; every question says "Schritt
// n von m", counting the steps that apply as the answers stand.
func TestRequestStepsFromTheProfile(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			tr := func(key string) string { return h.Tr(lang, key, nil) }
			label := func(key string) string { return h.Plain(lang, key, nil) }
			// at checks that the newest question is promptKey's, step n of total.
			at := func(p person, promptKey string, n, total int) {
				t.Helper()
				m := h.Expect(p, tr(promptKey))
				progress := strings.SplitN(h.Tr(lang, "flow.progress", map[string]any{"N": n, "Total": total, "Next": engine.HTML("x")}), "x", 2)[0]
				if !strings.Contains(m.Text, "\n"+progress) {
					t.Fatalf("%s is not step %d of %d:\n%s", promptKey, n, total, m.Text)
				}
			}
			p := person{ID: 6201, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			h.Press(p, label("btn.request"))
			at(p, "request.department_prompt", 1, 13)
			h.Expect(p, tr("request.intro"))
			h.Send(p, "Integration")
			at(p, "request.topic_prompt", 2, 13)
			h.Press(p, label("topic.other_topic")) // one step more
			at(p, "request.topic_other_prompt", 3, 14)
			h.Send(p, "Mehrsprachige Bürgerberatung")
			h.Send(p, "Wir möchten unsere Bürgerberatung mehrsprachig aufstellen.")
			h.Send(p, "Ein tragfähiges Konzept")
			at(p, "request.format_prompt", 6, 14)
			h.Press(p, label("mode.online")) // no place: one step less
			at(p, "timeframe.earliest_prompt", 7, 13)
			h.Press(p, label("btn.back"))
			at(p, "request.format_prompt", 6, 13)
			h.Press(p, label("mode.online"))
			h.Send(p, "01.12.2026")
			h.Send(p, "15.01.2027")
			at(p, "request.languages_prompt", 9, 13)
			h.Press(p, label("btn.skip"))
			h.Press(p, label("btn.skip"))
			h.Press(p, label("btn.skip"))
			h.Press(p, label("btn.tandem_no"))
			at(p, "request.urgency_prompt", 13, 13)
			h.Press(p, label("urgency.normal"))
			h.Expect(p, summaryTitle(h, lang, "Hattingen"), "<b>"+tr("field.function")+":</b> Integrationsbeauftragte")
		})
	}
}

// A contact of two municipalities picks one first (step 1 of 14), and the
// function follows the pick; the request is made for it.
func TestRequestContactOfTwoMunicipalities(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 6202, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			h.Exec(`WITH m AS (INSERT INTO municipalities (name, state) VALUES ('Sprockhövel', 'NW') RETURNING id)
				INSERT INTO municipal_contacts (user_id, municipality_id, function, created_at)
				SELECT $1, m.id, 'Leitung Soziales', (SELECT created_at + interval '1 day' FROM municipal_contacts WHERE user_id = $1) FROM m`,
				h.UserID(p))
			h.Press(p, h.Plain(lang, "btn.request", nil))
			m := h.Expect(p, h.Tr(lang, "request.intro", nil), h.Tr(lang, "request.municipality_prompt", nil),
				strings.SplitN(h.Tr(lang, "flow.progress", map[string]any{"N": 1, "Total": 14}), " ·", 2)[0])
			if got := m.Labels(); len(got) != 2 || got[0][0] != "Hattingen" || got[1][0] != "Sprockhövel" {
				t.Fatalf("the municipalities offered: %q", got)
			}
			h.Press(p, "Sprockhövel")
			requestAnswers(h, p, lang, nil)
			h.Expect(p, summaryTitle(h, lang, "Sprockhövel"), "<b>"+h.Tr(lang, "field.function", nil)+":</b> Leitung Soziales")
			h.Press(p, h.Plain(lang, "btn.confirm", nil))
			list, err := h.DB.ListByRequester(context.Background(), h.UserID(p))
			if err != nil || len(list) != 1 || list[0].Municipality != "Sprockhövel" || list[0].ContactFunction != "Leitung Soziales" {
				t.Fatalf("requests: %+v, %v", list, err)
			}
		})
	}
}
