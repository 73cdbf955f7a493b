package appointments_test

import (
	"testing"

	goical "github.com/emersion/go-ical"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// A tandem: Aylin proposes and Bora, the other seat holder, is told; the
// contact proposes another date instead, so the proposal's messages say
// it was replaced and lose their buttons; Bora picks, so the counter's
// messages say what was picked, for every recipient; both advisors and
// the contact get the calendar file. Aylin moves the appointment and
// calls it off: Bora is told each time and gets the new file. Presses on
// the settled messages' old buttons answer politely and change nothing.
func TestTandemSettledProposals(t *testing.T) {
	h, r := tandem(t)
	ap := proposeOne(h, r)
	toMuni := shown(h, muni, "Terminvorschlag für "+r.Ref)
	toBora := shown(h, bora, "Aylin Demir hat für "+r.Ref+" Termine vorgeschlagen")
	if len(toBora.Buttons) != 0 {
		t.Fatalf("the colleague may pick: %v", toBora.Labels())
	}

	counterOne(h, "de")
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, bora.ID: 1})
	for _, p := range []struct {
		p  person
		id int
	}{{muni, toMuni.ID}, {bora, toBora.ID}} {
		settledAs(h, p.p, p.id, "📅 Terminvorschlag für "+r.Ref+"\n↪ Ersetzt durch einen Gegenvorschlag.")
	}
	if toast := h.PressData(muni, toMuni.ID, flowstest.Durable(t, "ap", "p0", ap.ID)); toast != h.Plain("de", "ap.toast_too_late", nil) {
		t.Errorf("an old pick: toast %q", toast)
	}
	toAylin := shown(h, aylin, "Gegenvorschlag der Kommune für "+r.Ref)

	h.Press(bora, "1. Mo, 07.12.2026, 10:00–11:00 Uhr")
	h.Expect(bora, "Termin vereinbart ("+r.Ref+"): Mo, 07.12.2026, 10:00–11:00 Uhr")
	h.ExpectDelivered(map[int64]int{aylin.ID: 2, bora.ID: 1, muni.ID: 2})
	settledAs(h, aylin, toAylin.ID, "✅ Gewählt: Mo, 07.12.2026, 10:00–11:00 Uhr, Rathaus Hattingen")
	if toast := h.PressData(aylin, toAylin.ID, flowstest.Durable(t, "ap", "p0", ap.ID)); toast != h.Plain("de", "ap.toast_too_late", nil) {
		t.Errorf("an old pick: toast %q", toast)
	}
	wantText(h, aylin, "Termin vereinbart ("+r.Ref+"): Mo, 07.12.2026, 10:00–11:00 Uhr")
	wantText(h, muni, h.Plain("de", "ap.next_report", nil))
	ap = appointmentsOf(h, r.ID)[0]
	for _, p := range []person{aylin, bora, muni} {
		if uid := lastEvent(h, p).Props.Get(goical.PropUID).Value; uid != ap.UID {
			t.Errorf("%d: UID %q, want %q", p.ID, uid, ap.UID)
		}
	}

	h.Send(aylin, "/termine")
	h.Press(aylin, h.Plain("de", "btn.ap_move", map[string]any{"When": "Mo 07.12., 10:00"}))
	h.Send(aylin, "08.12.2026 09:00")
	h.Press(aylin, h.Plain("de", "btn.ap_1h", nil))
	h.Press(aylin, "Rathaus Hattingen")
	h.Send(aylin, "Zug fällt aus")
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, bora.ID: 2, muni.ID: 2})
	wantText(h, bora, "jetzt Di, 08.12.2026, 09:00–10:00 Uhr, Rathaus Hattingen.\nGrund: Zug fällt aus")
	wantText(h, muni, "jetzt Di, 08.12.2026, 09:00–10:00 Uhr, Rathaus Hattingen.\nGrund: Zug fällt aus")
	for _, p := range []person{bora, muni} { // the advisor's move reaches the other side with a higher SEQUENCE
		if seq := lastEvent(h, p).Props.Get(goical.PropSequence).Value; seq != "1" {
			t.Errorf("%d: SEQUENCE %q after the move", p.ID, seq)
		}
	}

	h.Send(aylin, "/termine")
	h.Press(aylin, h.Plain("de", "btn.ap_cancel", map[string]any{"When": "Di 08.12., 09:00"}))
	h.Send(aylin, "Krankheit")
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, bora.ID: 2, muni.ID: 2})
	wantText(h, bora, "Grund: Krankheit")
	if s := lastEvent(h, bora).Props.Get(goical.PropStatus).Value; s != "CANCELLED" {
		t.Errorf("Bora's STATUS %q after the call-off", s)
	}
	if got := appointmentsOf(h, r.ID)[0]; got.Status != domain.AppointmentCancelled {
		t.Fatalf("after the call-off: %+v", got)
	}
}
