package events_test

import (
	"slices"
	"testing"
)

// A member of two matching associations is counted once on "Einladen" and
// in the languages, as they get one invitation: the list keeps each
// association's own number.
func TestMemberOfTwoAssociationsCountedOnce(t *testing.T) {
	h := world(t, "de")
	h.Exec(`INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2)`, orgID(h, kultB), h.UserID(kultA))
	e := create(h, amira, "de", false)
	h.Expect(amira, "(Bochum, 2 Mitgl.)", "(Dortmund, 1 Mitgl.)", "🌐 Einladungen auf Deutsch (1), English (1)",
		"<b>2 Vereine mit 2 Mitgliedern</b>")
	invite := h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2})
	h.ExpectButtons(amira, invite)
	h.Press(amira, invite)
	h.Expect(amira, h.Tr("de", "ev.published", map[string]any{"Title": e.Title, "Members": 2, "Orgs": 2}))
	cards, files := invited(h)
	if want := []int64{kultA.ID, kultB.ID}; !slices.Equal(cards, want) || !slices.Equal(files, want) {
		t.Fatalf("cards to %v and files to %v, want one each to %v", cards, files, want)
	}
}
