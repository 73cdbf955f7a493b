package events_test

import (
	"fmt"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// press presses screen with id on p's newest message, as a button of the
// bot (a link from elsewhere) would, and fails on an error.
func press(h *flowstest.H, p person, screen string, id int64) {
	h.T.Helper()
	data, err := engine.CallbackData(h.Nonce(p), "m", fmt.Sprintf("%s.%d", screen, id))
	if err != nil {
		h.T.Fatal(err)
	}
	h.PressData(p, h.Last(p).ID, data)
	h.NoError()
}

// A coordinator edits an advisor's draft: it is saved with the advisor
// still its organiser, and the audience follows; another advisor still
// cannot.
func TestCoordinatorEditsAnAdvisorsDraft(t *testing.T) {
	h := world(t, "de")
	coord, _ := h.RegisterCoordinators()
	e := create(h, amira, "de", false)
	h.Send(coord, "/menu")
	press(h, coord, "eve", e.ID)
	h.Change(coord, "de", h.Plain("de", "ev.field_title", nil))
	h.Send(coord, "Fest der Nachbarschaft")
	h.Press(coord, h.Plain("de", "btn.confirm", nil))
	h.Expect(coord, h.Tr("de", "ev.saved", nil))
	h.ExpectButtons(coord, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2}))
	evs := eventsOf(h, amira)
	if len(evs) != 1 || evs[0].ID != e.ID || evs[0].Title != "Fest der Nachbarschaft" || evs[0].OrganiserID != h.UserID(amira) {
		t.Fatalf("Amira's events after the coordinator's edit %+v", evs)
	}
	if evs := eventsOf(h, coord); len(evs) != 0 {
		t.Fatalf("the coordinator organises %+v", evs)
	}
	h.Send(bora, "/menu")
	if toast := forge(h, bora, "eve", e.ID); toast != h.Plain("de", "error.forbidden", nil) {
		t.Errorf("Bora's edit: toast %q", toast)
	}
	if ev := eventsOf(h, amira)[0]; ev.Title != "Fest der Nachbarschaft" || ev.Status != domain.EventStateDraft {
		t.Fatalf("after Bora's press %+v", ev)
	}
}
