package appointments_test

import (
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// agreeOne lets Aylin propose one option (proposeOne) and the contact
// pick it; everything is delivered.
func agreeOne(h *flowstest.H, r domain.Request) domain.Appointment {
	h.T.Helper()
	proposeOne(h, r)
	h.Press(muni, "1. Mi, 02.12.2026, 14:00–16:00 Uhr")
	h.Deliver()
	return appointmentsOf(h, r.ID)[0]
}

// proposeOne lets Aylin propose one option, Wed 02.12.2026 14:00-16:00 at
// the Rathaus; the proposal is delivered.
func proposeOne(h *flowstest.H, r domain.Request) domain.Appointment {
	h.T.Helper()
	h.PressData(aylin, h.Last(aylin).ID, flowstest.Durable(h.T, "ap", "np", r.ID))
	h.NoError()
	h.Send(aylin, "02.12.2026 14:00")
	h.Press(aylin, h.Plain("de", "btn.ap_2h", nil))
	h.Press(aylin, "Rathaus Hattingen")
	h.Press(aylin, h.Plain("de", "btn.ap_no_more", nil))
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.Deliver()
	return appointmentsOf(h, r.ID)[0]
}

// lastEvent is the event of the newest calendar file p received.
func lastEvent(h *flowstest.H, p person) goical.Event {
	h.T.Helper()
	docs := h.Documents(p)
	if len(docs) == 0 {
		h.T.Fatalf("%d got no document", p.ID)
	}
	_, ev := event(h.T, docs[len(docs)-1])
	return ev
}

// The contact moves the appointment: the advisor is told (old and new
// time), both get a calendar file with SEQUENCE 1, the old time's
// reminders do not fire, the new one's do. The advisor then calls it off:
// the contact is told, the file cancels it, no reminder follows. Forged
// presses are refused and change nothing.
func TestMoveAndCancel(t *testing.T) {
	h, r := accepted(t)
	ap := agreeOne(h, r)

	for _, p := range []person{bora, witten} {
		for _, act := range []string{"mv", "cx"} {
			if toast := h.PressData(p, h.Last(p).ID, flowstest.Durable(t, "ap", act, ap.ID)); toast != h.Plain("de", "error.forbidden", nil) {
				t.Errorf("%d pressing %s: toast %q", p.ID, act, toast)
			}
		}
	}
	if got := appointmentsOf(h, r.ID)[0]; got.Sequence != 0 || got.Status != domain.AppointmentAgreed {
		t.Fatalf("a forged press changed %+v", got)
	}

	h.Send(muni, "/termine")
	h.Expect(muni, r.Ref, "✅ Mi, 02.12.2026, 14:00–16:00 Uhr, Rathaus Hattingen")
	h.Press(muni, h.Plain("de", "btn.ap_move", map[string]any{"When": "Mi 02.12., 14:00"}))
	h.Send(muni, "04.12.2026 09:00")
	h.Press(muni, h.Plain("de", "btn.ap_3h", nil))
	h.Press(muni, "Rathaus Hattingen")
	h.SendRefused(muni, "ab", h.Tr("de", "invalid.length", map[string]any{"Min": 3, "Max": domain.MaxAppointmentReason, "Count": 2}))
	h.Send(muni, "Krankheit im Team")
	h.Press(muni, h.Plain("de", "btn.confirm", nil))
	h.Expect(muni, "Termin "+r.Ref+" verschoben auf Fr, 04.12.2026, 09:00–12:00 Uhr")
	h.ExpectDelivered(map[int64]int{aylin.ID: 2, muni.ID: 1})
	wantText(h, aylin, "statt Mi, 02.12.2026, 14:00–16:00 Uhr jetzt Fr, 04.12.2026, 09:00–12:00 Uhr, Rathaus Hattingen.\nGrund: Krankheit im Team")
	for _, p := range []person{aylin, muni} {
		ev := lastEvent(h, p)
		if seq := ev.Props.Get(goical.PropSequence).Value; seq != "1" {
			t.Errorf("SEQUENCE %q after the move", seq)
		}
		if uid := ev.Props.Get(goical.PropUID).Value; uid != ap.UID {
			t.Errorf("UID %q, want %q", uid, ap.UID)
		}
		if start, err := ev.DateTimeStart(nil); err != nil || !start.Equal(time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)) {
			t.Errorf("DTSTART %v %v", start, err)
		}
	}

	// The old time's reminder does not fire; the new time's does.
	h.Clock.Advance(time.Date(2026, 12, 1, 13, 30, 0, 0, time.UTC).Sub(h.Clock.Now()))
	runReminders(h)
	h.ExpectDelivered(map[int64]int{})
	h.Clock.Advance(time.Date(2026, 12, 3, 8, 30, 0, 0, time.UTC).Sub(h.Clock.Now()))
	runReminders(h)
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, muni.ID: 1})
	h.Expect(aylin, "Erinnerung: morgen, Fr, 04.12.2026, 09:00–12:00 Uhr")

	h.Send(aylin, "/termine")
	h.Press(aylin, h.Plain("de", "btn.ap_cancel", map[string]any{"When": "Fr 04.12., 09:00"}))
	h.Send(aylin, "Ich bin erkrankt")
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.Expect(aylin, "Termin "+r.Ref+" am Fr, 04.12.2026, 09:00–12:00 Uhr ist abgesagt")
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, muni.ID: 2})
	wantText(h, muni, "Grund: Ich bin erkrankt")
	cal, ev := event(t, h.Documents(muni)[len(h.Documents(muni))-1])
	if m := cal.Props.Get(goical.PropMethod).Value; m != "CANCEL" {
		t.Errorf("METHOD %q", m)
	}
	if s, seq := ev.Props.Get(goical.PropStatus).Value, ev.Props.Get(goical.PropSequence).Value; s != "CANCELLED" || seq != "2" {
		t.Errorf("STATUS %q SEQUENCE %q", s, seq)
	}
	h.Clock.Advance(time.Date(2026, 12, 4, 6, 30, 0, 0, time.UTC).Sub(h.Clock.Now()))
	runReminders(h)
	h.ExpectDelivered(map[int64]int{})
	// A late press on the old list changes nothing.
	if toast := h.PressData(muni, h.Last(muni).ID, flowstest.Durable(t, "ap", "mv", ap.ID)); toast != h.Plain("de", "ap.toast_not_upcoming", nil) {
		t.Errorf("moving a cancelled appointment: toast %q", toast)
	}
}
