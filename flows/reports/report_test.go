package reports_test

import (
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The advisor reports through the chat, and bad input at every step gets
// a sentence and the question again; the contact confirms with one tap,
// the advisor and the coordinators are told, the request completes, the
// contact rates it and it is closed. Forged presses change nothing.
func TestReportConfirmRate(t *testing.T) {
	h, r := assigned(t, false, "de")
	h.Send(aylin, "/bericht")
	h.Expect(aylin, "Berichte", r.Ref, "Noch kein Bericht.")
	h.Press(aylin, h.Plain("de", "btn.rp_write_ref", map[string]any{"Ref": r.Ref}))
	h.Expect(aylin, "An welchen Tagen")
	h.SendRefused(aylin, "20.11.2026", h.Tr("de", "rp.day_before_acceptance", map[string]any{"Date": "20.11.2026", "Limit": "24.11.2026"}))
	h.SendRefused(aylin, "30.11.2026", h.Tr("de", "rp.day_future", map[string]any{"Date": "30.11.2026", "Limit": "27.11.2026"}))
	h.Send(aylin, "25.11.")
	if m := h.Expect(aylin, h.Tr("de", "multi.added", nil)); strings.Contains(m.Text, h.Tr("de", "rp.intro", nil)) {
		t.Errorf("the question came again with the flow's introduction:\n%s", m.Text)
	}
	h.Press(aylin, "✓ Mi, 25.11.2026") // taken back
	h.Press(aylin, "Do, 26.11.2026")
	h.Press(aylin, h.Plain("de", "btn.done", map[string]any{"N": 1}))

	h.SendRefused(aylin, "-3", h.Tr("de", "rp.negative", nil))
	h.SendRefused(aylin, "drei", h.Tr("de", "rp.hours_format", nil))
	h.Send(aylin, "3")
	h.SendRefused(aylin, "22", h.Tr("de", "rp.too_many_hours", map[string]any{"Total": "25 h", "Days": 1, "Max": 24}))
	h.Send(aylin, "4")
	h.Press(aylin, "0")
	h.Press(aylin, h.Plain("de", "btn.rp_travel_km", map[string]any{"Rate": "0,30 €"}))
	h.SendRefused(aylin, "2001", h.Tr("de", "rp.km_too_many", nil))
	h.Send(aylin, "120")
	h.SendRefused(aylin, "12,345", h.Tr("de", "rp.euros_format", nil))
	h.Press(aylin, h.Plain("de", "btn.rp_none", nil))
	h.SendRefused(aylin, long(domain.MaxReportNoteLen+1),
		h.Tr("de", "invalid.length", map[string]any{"Min": 3, "Max": domain.MaxReportNoteLen, "Count": domain.MaxReportNoteLen + 1}))
	h.Send(aylin, "Workshop mit 14 Ämtern, Leitbild entworfen.")
	h.Expect(aylin, "Ihr Bericht zu "+r.Ref, "Do, 26.11.2026", "3 h", "4 h", "0 h", "120 km", "Sonstige Kosten:</b> keine")
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.Expect(aylin, "ist an Hattingen geschickt")
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Expect(muni, "Bericht zu "+r.Ref, "Aylin Demir", "Do, 26.11.2026", "Vorbereitung 3 h", "vor Ort/online 4 h",
		"= <b>7 h</b>", "120 km × 0,30 € = 36,00 €", "Workshop mit 14 Ämtern")
	reps := reportsOf(h, r.ID)
	if len(reps) != 1 || reps[0].PrepMinutes != 180 || reps[0].SessionMinutes != 240 || reps[0].Km != 120 || reps[0].KmRateCents != 30 {
		t.Fatalf("reports %+v", reps)
	}
	rep := reps[0]

	// Forged confirmations: an advisor of the request, one who holds no
	// seat, a contact of another municipality.
	for _, p := range []person{aylin, bora, witten} {
		if p != aylin {
			h.Send(p, "/menu")
		}
		if toast := h.PressUnchanged(p, h.Last(p).ID, flowstest.Durable(t, "rp", "ok", rep.ID)); toast != h.Plain("de", "error.forbidden", nil) {
			t.Errorf("%d confirming: toast %q", p.ID, toast)
		}
		h.PressUnchanged(p, h.Last(p).ID, flowstest.Durable(t, "rp", "q", rep.ID))
	}
	// Writing a report on a request one holds no seat of.
	for _, p := range []person{bora, muni, witten} {
		if toast := h.PressUnchanged(p, h.Last(p).ID, flowstest.Durable(t, "rp", "w", r.ID)); toast != h.Plain("de", "error.forbidden", nil) {
			t.Errorf("%d writing a report: toast %q", p.ID, toast)
		}
	}
	if got := reportsOf(h, r.ID); got[0].Status != domain.ReportSubmitted {
		t.Fatalf("a forged press changed the report: %+v", got[0])
	}

	h.Press(muni, h.Plain("de", "btn.rp_confirm", nil))
	h.Expect(muni, "✅ Bestätigt von Erika Mustermann", "Wie zufrieden waren Sie?")
	if s := status(h, r.ID); s != domain.StatusCompleted {
		t.Fatalf("status %s after the last confirmation", s)
	}
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, coord.ID: 1, flowstest.Coordinator2ID: 1})
	h.Expect(aylin, "Ihr Bericht zu "+r.Ref+" ist bestätigt", "abgeschlossen")
	h.Expect(coord, "Bericht bestätigt: "+r.Ref, "Aylin Demir", "7 h", "36,00 €")
	// A second press on the card, and a confirmed report cannot change.
	if toast := h.PressUnchanged(muni, h.Last(muni).ID, flowstest.Durable(t, "rp", "ok", rep.ID)); toast != h.Plain("de", "rp.toast_answered", nil) {
		t.Errorf("second confirmation: toast %q", toast)
	}

	// The advisor cannot rate; the contact rates 5 stars.
	h.Send(aylin, "/menu")
	h.PressUnchanged(aylin, h.Last(aylin).ID, flowstest.Durable(t, "rp", "s5", r.ID))
	h.Press(muni, "★★★★★")
	h.Expect(muni, "5 von 5 Sternen")
	h.Send(muni, "Sehr hilfreich.")
	h.Expect(muni, "Danke für Ihre Bewertung", r.Ref)
	if s := status(h, r.ID); s != domain.StatusClosed {
		t.Fatalf("status %s after the rating", s)
	}
	h.ExpectDelivered(map[int64]int{aylin.ID: 1})
	h.Expect(aylin, "ist geschlossen", "★★★★★", "Sehr hilfreich.")
	// The rating is the advisor's to see, and the office's: the
	// contact's detail does not show it, the coordinator's does.
	h.Send(muni, "/anfragen")
	h.Press(muni, r.Ref+" – Abgeschlossen")
	if m := h.Expect(muni, "Berichte:</b> Aylin Demir: ✅ Bestätigt. 7 h"); strings.Contains(m.Text, "★") {
		t.Errorf("the contact's detail shows the rating:\n%s", m.Text)
	}
	h.Send(aylin, "/einsaetze") // the closed assignment counts as completed in Meine Einsätze
	h.Expect(aylin, "Abgeschlossen:</b> 1 (zuletzt "+r.Ref+")")
	h.Send(coord, "/menu")
	h.PressData(coord, h.Last(coord).ID, flowstest.Durable(t, "rq", "vw", r.ID))
	h.Expect(coord, "Bewertung:</b> ★★★★★ – Sehr hilfreich.")
	if toast := h.PressUnchanged(aylin, h.Last(aylin).ID, flowstest.Durable(t, "rp", "w", r.ID)); toast != h.Plain("de", "rp.toast_not_reporting", nil) {
		t.Errorf("a report on a closed request: toast %q", toast)
	}
	if got := reportsOf(h, r.ID); len(got) != 1 || got[0].Status != domain.ReportConfirmed {
		t.Fatalf("reports after closing %+v", got)
	}
}

// In January a day typed without a year is last December's, not a day
// in the future.
func TestDayWithoutYearInJanuary(t *testing.T) {
	h, r := assigned(t, false, "de")
	h.Clock.Advance(time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC).Sub(h.Clock.Now()))
	h.Send(aylin, "/bericht")
	h.Press(aylin, h.Plain("de", "btn.rp_write_ref", map[string]any{"Ref": r.Ref}))
	h.Send(aylin, "15.12.")
	h.Expect(aylin, h.Tr("de", "multi.added", nil))
	h.Press(aylin, "✓ Di, 15.12.2026")
	h.SendRefused(aylin, "06.01.2027", h.Tr("de", "rp.day_future", map[string]any{"Date": "06.01.2027", "Limit": "05.01.2027"}))
}
