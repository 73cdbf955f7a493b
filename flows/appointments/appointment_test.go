package appointments_test

import (
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// From an accepted offer: the advisor proposes two dates, the contact
// picks one, both are told and get a calendar file, and the 24 h and
// 2 h reminders arrive once each.
func TestProposePickRemind(t *testing.T) {
	h, r := accepted(t)
	h.Send(aylin, "/termine")
	h.Expect(aylin, "Ihre Termine", r.Ref, "Noch kein Termin.")
	h.Press(aylin, h.Plain("de", "btn.ap_propose", map[string]any{"Ref": r.Ref}))
	h.Expect(aylin, h.Tr("de", "ap.start_prompt", map[string]any{"N": 1}))

	// A time already past gets the sentence and the question again.
	h.SendRefused(aylin, "24.11.2026 10:00", h.Tr("de", "date.time_past", map[string]any{"Date": "24.11.2026, 10:00 Uhr"}))
	if got := h.Session(aylin); got.Data["s1"] != "" {
		t.Fatalf("a past start was taken: %q", got.Data["s1"])
	}

	h.Send(aylin, "02.12.2026 14:00")
	h.Press(aylin, h.Plain("de", "btn.ap_2h", nil))
	h.Press(aylin, "Rathaus Hattingen")
	h.Press(aylin, h.Plain("de", "btn.ap_more", nil))
	h.Send(aylin, "03.12.2026 10:00")
	h.Press(aylin, h.Plain("de", "btn.ap_1h", nil))
	h.SendRefused(aylin, "ab", h.Tr("de", "invalid.length", map[string]any{"Min": 3, "Max": domain.MaxAppointmentPlace, "Count": 2}))
	h.Send(aylin, "https://meet.example.org/abc")
	h.Press(aylin, h.Plain("de", "btn.ap_no_more", nil))
	h.Expect(aylin, "Ihr Terminvorschlag", "Rathaus Hattingen", "https://meet.example.org/abc")
	h.Press(aylin, h.Plain("de", "btn.confirm", nil))
	h.Expect(aylin, "Ihr Vorschlag für "+r.Ref+" ist verschickt", "1. Mi, 02.12.2026, 14:00–16:00 Uhr, Rathaus Hattingen",
		"2. Do, 03.12.2026, 10:00–11:00 Uhr, https://meet.example.org/abc")
	h.ExpectDelivered(map[int64]int{muni.ID: 1})
	h.Expect(muni, "Terminvorschlag für "+r.Ref)
	h.ExpectButtons(muni, "1. Mi, 02.12.2026, 14:00–16:00 Uhr", "2. Do, 03.12.2026, 10:00–11:00 Uhr")
	aps := appointmentsOf(h, r.ID)
	if len(aps) != 1 || len(aps[0].Options) != 2 {
		t.Fatalf("appointments %+v", aps)
	}
	ap := aps[0]

	// Forged picks: the advisor who did not accept, a contact of another
	// municipality, the proposing advisor; nothing changes.
	for _, p := range []person{bora, witten, aylin} {
		if toast := h.PressData(p, h.Last(p).ID, flowstest.Durable(t, "ap", "p0", ap.ID)); toast == "" {
			t.Errorf("%d picked", p.ID)
		}
		if toast := h.PressData(p, h.Last(p).ID, flowstest.Durable(t, "ap", "np", r.ID)); p != aylin && toast != h.Plain("de", "error.forbidden", nil) {
			t.Errorf("%d proposing: toast %q", p.ID, toast)
		}
	}
	if got := appointmentsOf(h, r.ID); got[0].Status != domain.AppointmentProposed {
		t.Fatalf("a forged pick changed %+v", got[0])
	}
	h.Deliver()

	h.Press(muni, "1. Mi, 02.12.2026, 14:00–16:00 Uhr")
	h.Expect(muni, "Termin vereinbart ("+r.Ref+"): Mi, 02.12.2026, 14:00–16:00 Uhr, Rathaus Hattingen")
	h.ExpectDelivered(map[int64]int{aylin.ID: 2, muni.ID: 1})
	wantText(h, aylin, "Termin vereinbart ("+r.Ref+"): Mi, 02.12.2026, 14:00–16:00 Uhr, Rathaus Hattingen")
	ap = appointmentsOf(h, r.ID)[0]
	for _, p := range []person{aylin, muni} {
		docs := h.Documents(p)
		if len(docs) != 1 {
			t.Fatalf("%d got %d documents", p.ID, len(docs))
		}
		_, ev := event(t, docs[0])
		if uid := ev.Props.Get(goical.PropUID).Value; uid != ap.UID {
			t.Errorf("UID %q, want %q", uid, ap.UID)
		}
		if seq := ev.Props.Get(goical.PropSequence).Value; seq != "0" {
			t.Errorf("SEQUENCE %q", seq)
		}
		start, err := ev.DateTimeStart(nil)
		if err != nil || !start.Equal(time.Date(2026, 12, 2, 13, 0, 0, 0, time.UTC)) {
			t.Errorf("DTSTART %v %v", start, err)
		}
	}
	// A late second pick changes nothing.
	if toast := h.PressData(muni, h.Last(muni).ID, flowstest.Durable(t, "ap", "p1", ap.ID)); toast != h.Plain("de", "ap.toast_too_late", nil) {
		t.Errorf("second pick: toast %q", toast)
	}

	// The reminders: 24 h and 2 h before, once each, with the job run twice.
	h.Clock.Advance(time.Date(2026, 12, 1, 13, 30, 0, 0, time.UTC).Sub(h.Clock.Now()))
	runReminders(h)
	runReminders(h)
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, muni.ID: 1})
	h.Expect(muni, "Erinnerung: morgen, Mi, 02.12.2026, 14:00–16:00 Uhr")
	h.Clock.Advance(22 * time.Hour)
	runReminders(h)
	runReminders(h)
	h.ExpectDelivered(map[int64]int{aylin.ID: 1, muni.ID: 1})
	h.Expect(aylin, "Erinnerung: in 2 Stunden, Mi, 02.12.2026, 14:00–16:00 Uhr")
}
