package appointments_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// In English: the contact proposes another date, so the proposal they
// got says it was replaced and keeps no buttons; an old pick answers
// politely. Aylin picks: the contact learns the next step (the report),
// and "My requests" shows the request's new status.
func TestSettledProposalEnglish(t *testing.T) {
	h, r := acceptedWith(t, false, "en")
	ap := proposeOne(h, r)
	toMuni := shown(h, muni, "Proposed dates for "+r.Ref)
	counterOne(h, "en")
	h.ExpectDelivered(map[int64]int{aylin.ID: 1})
	settledAs(h, muni, toMuni.ID, "📅 Proposed dates for "+r.Ref+"\n↪ Replaced by a counter-proposal.")
	if toast := h.PressData(muni, toMuni.ID, flowstest.Durable(t, "ap", "p0", ap.ID)); toast != h.Plain("en", "ap.toast_too_late", nil) {
		t.Errorf("an old pick: toast %q", toast)
	}

	h.Press(aylin, "1. Mo, 07.12.2026, 10:00–11:00 Uhr")
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, muni.ID: 2})
	wantText(h, muni, "Appointment agreed ("+r.Ref+")")
	wantText(h, muni, "After the appointment, the advisor writes a report that you confirm with one tap.")
	h.Send(muni, "/myrequests")
	h.Expect(muni, r.Ref, "Date agreed")
}

// The contact picks the first appointment: the proposal they pressed
// says it is agreed and what comes next; no other party got it, so
// nothing else is edited.
func TestPickTellsNextStep(t *testing.T) {
	h, r := accepted(t)
	proposeOne(h, r)
	toMuni := shown(h, muni, "Terminvorschlag für "+r.Ref)
	h.Press(muni, "1. Mi, 02.12.2026, 14:00–16:00 Uhr")
	if m := h.Message(muni, toMuni.ID); !strings.Contains(m.Text, "Termin vereinbart ("+r.Ref+"): Mi, 02.12.2026, 14:00–16:00 Uhr") ||
		slices.ContainsFunc(m.Labels(), func(row []string) bool { return slices.Contains(row, "1. Mi, 02.12.2026, 14:00–16:00 Uhr") }) {
		t.Fatalf("the pressed proposal: %q %v", m.Text, m.Labels())
	}
	h.Expect(muni, "Nach dem Termin schreibt die Beratung einen Bericht, den Sie mit einem Tipp bestätigen.")
	h.ExpectDelivered(map[int64]int{aylin.ID: 2, muni.ID: 1})
	wantText(h, aylin, "Termin vereinbart ("+r.Ref+")")
	if m := shown(h, aylin, "Termin vereinbart"); m.Text != h.Tr("de", "ap.agreed", map[string]any{"Ref": r.Ref,
		"When": "Mi, 02.12.2026, 14:00–16:00 Uhr", "Where": "Rathaus Hattingen"}) {
		t.Errorf("the advisor is told the requester's next step: %q", m.Text)
	}
}
