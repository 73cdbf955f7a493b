package events_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The number on the cancel button is who the cancellation tells: a
// member who joined an association after the invitations went out has no
// invitation and is neither counted nor told.
func TestCancelCountsTheMembersTold(t *testing.T) {
	h, _ := seatedEvent(t)
	late := person{ID: 9303}
	registerOrg(h, late, "Spätverein Dortmund", "Dortmund", "NW", "de", []domain.Topic{domain.TopicCulture})
	h.Exec(`INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2)`, orgID(h, kultA), h.UserID(late))
	h.DrainOutbox()
	h.Press(amira, h.Plain("de", "ev.btn_cancel", nil))
	h.Expect(amira, "Alle 4 eingeladenen Mitglieder erfahren davon")
	h.Press(amira, h.Plain("de", "ev.btn_cancel_do", map[string]any{"N": 4}))
	h.Expect(amira, h.Tr("de", "ev.cancelled_done", map[string]any{"N": 4}))
	if got := h.Deliver(); got[late.ID] != 0 {
		t.Fatalf("the member who joined late got %d messages", got[late.ID])
	}
}
