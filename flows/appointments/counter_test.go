package appointments_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The contact proposes another date instead of picking; the advisor who
// accepted picks it (the other advisor cannot), and both are told.
func TestCounterProposal(t *testing.T) {
	h, r := accepted(t)
	ap := proposeOne(h, r)

	// Only the side the proposal awaits may propose others.
	if toast := h.PressData(aylin, h.Last(aylin).ID, flowstest.Durable(t, "ap", "ct", ap.ID)); toast != h.Plain("de", "ap.toast_too_late", nil) {
		t.Errorf("the proposer countering: toast %q", toast)
	}
	if toast := h.PressData(witten, h.Last(witten).ID, flowstest.Durable(t, "ap", "ct", ap.ID)); toast != h.Plain("de", "error.forbidden", nil) {
		t.Errorf("another municipality countering: toast %q", toast)
	}

	h.Press(muni, h.Plain("de", "btn.ap_counter", nil))
	h.Send(muni, "07.12.2026 10:00")
	h.Press(muni, h.Plain("de", "btn.ap_1h", nil))
	h.Press(muni, "Rathaus Hattingen")
	h.Press(muni, h.Plain("de", "btn.ap_no_more", nil))
	h.Expect(muni, "Ihr Gegenvorschlag", "07.12.2026")
	h.Press(muni, h.Plain("de", "btn.confirm", nil))
	h.Expect(muni, "Ihr Gegenvorschlag für "+r.Ref+" ist verschickt", "1. Mo, 07.12.2026, 10:00–11:00 Uhr, Rathaus Hattingen")
	h.ExpectDelivered(map[int64]int{aylin.ID: 1})
	h.Expect(aylin, "Gegenvorschlag der Kommune für "+r.Ref)

	if toast := h.PressData(bora, h.Last(bora).ID, flowstest.Durable(t, "ap", "p0", ap.ID)); toast != h.Plain("de", "error.forbidden", nil) {
		t.Errorf("the other advisor picking: toast %q", toast)
	}
	if toast := h.PressData(muni, h.Last(muni).ID, flowstest.Durable(t, "ap", "p0", ap.ID)); toast != h.Plain("de", "ap.toast_too_late", nil) {
		t.Errorf("the contact picking their own counter: toast %q", toast)
	}
	h.Press(aylin, "1. Mo, 07.12.2026, 10:00–11:00 Uhr")
	h.Expect(aylin, "Termin vereinbart ("+r.Ref+"): Mo, 07.12.2026, 10:00–11:00 Uhr, Rathaus Hattingen")
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, muni.ID: 2})
	wantText(h, muni, "Termin vereinbart ("+r.Ref+"): Mo, 07.12.2026, 10:00–11:00 Uhr")
	if got := appointmentsOf(h, r.ID)[0]; got.Status != domain.AppointmentAgreed || got.Round != 2 {
		t.Fatalf("after the pick: %+v", got)
	}
}
