package assignments_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// An advisor sees the open offer with its deadline and the accepted
// assignment with the contact and the place, the quarter's share, and the
// assignment's detail; a municipal contact is told who has the screen.
func TestAdvisorSeesOffersAndAssignments(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			w := newWorld(t, lang)
			first, second := w.approved("first"), w.approved("second")
			w.accept(w.offer(first, domain.ModeDirect, w.amiraID)[0])
			w.offer(second, domain.ModeParallel, w.amiraID, w.benID)

			cmd := map[string]string{"de": "/einsaetze", "en": "/assignments"}[lang]
			w.Send(w.amira, cmd)
			deadline := map[string]string{"de": "Do, 26.11., 18:00", "en": "Thu, 26 Nov, 18:00"}[lang]
			m := w.Expect(w.amira, w.tr("assignments.open_head", nil), w.tr("assignments.held_head", nil),
				second.Ref+" · "+w.label("topic.migrant_organisations", nil)+" · Hattingen", deadline,
				first.Ref+" · Hattingen\nErika Mustermann, Integrationsbeauftragte · Rathaus Hattingen",
				w.tr("assignments.quarter", map[string]any{"Received": 2, "Accepted": 1}))
			if strings.Contains(m.Text, w.tr("assignments.empty", nil)) {
				t.Errorf("the screen says it is empty:\n%s", m.Text)
			}
			if lines := strings.Count(m.Text, "\n") + 1; lines > 14 {
				t.Errorf("%d lines do not fit a phone:\n%s", lines, m.Text)
			}
			offerBtn := w.label("btn.asg_offer", map[string]any{"Ref": second.Ref})
			w.ExpectButtons(w.amira, offerBtn, w.label("btn.asg_item", map[string]any{"Ref": first.Ref, "Municipality": "Hattingen"}))
			if _, data := w.Find(w.amira, offerBtn); !strings.HasPrefix(data, "*:of:vw:") {
				t.Errorf("the open offer's button is %q, want the offer card", data)
			}

			w.Press(w.amira, w.label("btn.asg_item", map[string]any{"Ref": first.Ref, "Municipality": "Hattingen"}))
			w.Expect(w.amira, "<b>"+first.Ref+"</b>", "Erika Mustermann, Integrationsbeauftragte", "Amt für Integration",
				"Rathaus Hattingen", "Hattingen ("+w.label("state.NW", nil)+")", w.label("mode.on_site", nil))
			w.Press(w.amira, w.label("btn.asg_back", nil))
			w.Expect(w.amira, w.tr("assignments.title", nil))

			// Ben declined nothing and holds nothing: his share counts the offer.
			w.Send(w.ben, cmd)
			w.Expect(w.ben, w.tr("assignments.quarter", map[string]any{"Received": 1, "Accepted": 0}))
			if slices.ContainsFunc(w.Buttons(w.ben), func(b string) bool { return strings.Contains(b, first.Ref) }) {
				t.Errorf("Ben sees Amira's assignment: %q", w.Buttons(w.ben))
			}

			w.Send(w.requester, cmd)
			w.Expect(w.requester, w.tr("assignments.refused", nil))
		})
	}
}

// Without offers the screen says what will show there.
func TestAdvisorWithoutWork(t *testing.T) {
	w := newWorld(t, "de")
	w.Send(w.amira, "/menu")
	w.Press(w.amira, w.label("btn.assignments", nil))
	w.Expect(w.amira, w.tr("assignments.empty", nil), w.tr("assignments.quarter", map[string]any{"Received": 0, "Accepted": 0}))
}
