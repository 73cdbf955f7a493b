package reports_test

import (
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A question goes to the advisor, whose correction opens at the summary
// with the answers of the version asked about; the corrected version is
// confirmed, and both versions stay. A correction of the confirmed
// version is a third one, which must be confirmed again.
func TestQuestionThenCorrection(t *testing.T) {
	h, r := assigned(t, false, "de")
	report(h, aylin, r, "de")
	h.Deliver()
	h.Press(muni, h.Plain("de", "btn.rp_ask", nil))
	h.Expect(muni, "Was möchten Sie zum Bericht "+r.Ref+" wissen?")
	h.SendRefused(muni, "a", h.Tr("de", "invalid.length", map[string]any{"Min": 3, "Max": domain.MaxQuestionLen, "Count": 1}))
	h.Send(muni, "Waren es wirklich 120 km?")
	h.Expect(muni, "Ihre Rückfrage zu "+r.Ref+" ist an Aylin Demir geschickt")
	h.ExpectDelivered(map[int64]int{aylin.ID: 1})
	h.Expect(aylin, "Rückfrage zu Ihrem Bericht "+r.Ref, "Waren es wirklich 120 km?")
	if reps := reportsOf(h, r.ID); len(reps) != 1 || reps[0].Status != domain.ReportQuestion {
		t.Fatalf("reports %+v", reps)
	}
	// The card on the contact's phone shows the question, without buttons.
	found := false
	for _, m := range h.Msgr.Messages(muni.ID) {
		if strings.Contains(m.Text, "Bericht zu "+r.Ref) {
			found = true
			if strings.Contains(m.Text, "Version") || !strings.Contains(m.Text, "❓ Rückfrage vom") || len(m.Buttons) != 0 {
				t.Errorf("the card asked about shows %q with buttons %v", m.Text, m.Buttons)
			}
		}
	}
	if !found {
		t.Error("no card of the first version")
	}

	h.Press(aylin, h.Plain("de", "btn.rp_answer_ref", map[string]any{"Ref": r.Ref}))
	h.Expect(aylin, "Ihr Bericht zu "+r.Ref, "120 km", "3 h")
	h.Change(aylin, "de", h.Plain("de", "rp.field_travel", nil))
	h.Press(aylin, h.Plain("de", "btn.rp_travel_km", map[string]any{"Rate": "0,30 €"}))
	h.Send(aylin, "80")
	h.Expect(aylin, "Fahrt:</b> 80 km × 0,30 € = 24,00 €")
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Expect(muni, "(Version 2, korrigiert)", "80 km × 0,30 € = 24,00 €")
	h.Press(muni, h.Plain("de", "btn.rp_confirm", nil))
	reps := reportsOf(h, r.ID)
	if len(reps) != 2 || reps[0].Status != domain.ReportQuestion || reps[1].Status != domain.ReportConfirmed || reps[1].Km != 80 {
		t.Fatalf("reports %+v", reps)
	}
	if s := status(h, r.ID); s != domain.StatusCompleted {
		t.Fatalf("status %s", s)
	}
	h.Deliver()
	// A correction of the confirmed version is a new one that waits.
	h.Send(aylin, "/menu") // the menu's entry opens the list in place
	h.Press(aylin, h.Plain("de", "btn.rp_menu", nil))
	h.Expect(aylin, "✅ Bestätigt.")
	h.Press(aylin, h.Plain("de", "btn.rp_correct_ref", map[string]any{"Ref": r.Ref}))
	h.Change(aylin, "de", h.Plain("de", "rp.field_other", nil))
	h.Send(aylin, "12,50 €")
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	reps = reportsOf(h, r.ID)
	if len(reps) != 3 || reps[1].Status != domain.ReportConfirmed || reps[1].OtherCents != 0 ||
		reps[2].Status != domain.ReportSubmitted || reps[2].OtherCents != 1250 {
		t.Fatalf("reports after the correction %+v", reps)
	}
	h.Deliver()
	h.Send(muni, "/bericht")
	h.Expect(muni, "(Version 3, korrigiert)", "Sonstige Kosten: 12,50 €")
}
