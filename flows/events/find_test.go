package events_test

import (
	"strings"
	"testing"
)

// The search for an association ends with "« Zurück zum Publikum" on
// either question, or with /cancel, and the audience chosen before it
// (this city only, an association added) is shown again unchanged.
func TestSearchGoesBackToTheAudienceKept(t *testing.T) {
	h := world(t, "de")
	create(h, amira, "de", false)
	h.Press(amira, h.Plain("de", "btn.ev_city_only", map[string]any{"City": "Dortmund"}))
	h.Press(amira, h.Plain("de", "btn.ev_find", nil))
	h.Send(amira, "hamburg")
	h.Press(amira, h.Plain("de", "btn.ev_hit", map[string]any{"Name": "Hamburger Forum", "City": "Hamburg", "Members": 1}))
	whole := h.Plain("de", "btn.ev_whole_state", map[string]any{"State": "Nordrhein-Westfalen"})
	kept := func(how string) {
		t.Helper()
		h.Expect(amira, "Kulturverein Dortmund", "Hamburger Forum")
		h.ExpectButtons(amira, whole, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2}))
		if text := h.Last(amira).Text; strings.Contains(text, "Bochumer") {
			t.Fatalf("after %s the audience is no longer Dortmund only:\n%s", how, text)
		}
		if s := h.Session(amira); s.Flow != "" {
			t.Fatalf("after %s the search %q goes on", how, s.Flow)
		}
	}
	back := h.Plain("de", "btn.ev_back_audience", nil)

	h.Press(amira, h.Plain("de", "btn.ev_find", nil))
	h.Expect(amira, h.Tr("de", "ev.query_prompt", nil))
	h.Press(amira, back)
	kept("going back from the query")

	h.Press(amira, h.Plain("de", "btn.ev_find", nil))
	h.Send(amira, "bochum")
	h.Expect(amira, h.Tr("de", "ev.pick_prompt", map[string]any{"Query": "bochum"}))
	h.Press(amira, back)
	kept("going back from the associations found")

	h.Press(amira, h.Plain("de", "btn.ev_find", nil))
	h.Send(amira, "/cancel")
	h.Expect(amira, h.Tr("de", "ev.find_cancelled", nil))
	kept("/cancel")
	h.Press(amira, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2}))
	cards, _ := invited(h)
	if len(cards) != 2 || cards[0] != kultA.ID || cards[1] != hamb.ID {
		t.Fatalf("cards to %v, want Kulturverein Dortmund's and Hamburger Forum's members", cards)
	}
}
