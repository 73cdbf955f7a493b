package invitations_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// answerOf returns association org's answer to event id.
func answerOf(w *world, id, org int64) domain.OrgAnswer {
	w.h.T.Helper()
	all, err := w.h.DB.AnswersOf(context.Background(), id)
	if err != nil {
		w.h.T.Fatal(err)
	}
	for _, a := range all {
		if a.OrganisationID == org {
			return a
		}
	}
	w.h.T.Fatalf("association %d is not invited", org)
	return domain.OrgAnswer{}
}

// runSeatsJob runs the job event_seats as the scheduler does.
func runSeatsJob(w *world) {
	w.h.T.Helper()
	for _, j := range w.h.Engine.Jobs() {
		if j.Name == "event_seats" {
			if err := j.Run(context.Background()); err != nil {
				w.h.T.Fatal(err)
			}
			return
		}
	}
	w.h.T.Fatal("job event_seats not registered")
}

// yes answers yes with persons for p (no needs offered).
func yes(w *world, p person, lang, persons string) {
	w.h.T.Helper()
	w.h.Press(p, w.h.Plain(lang, "btn.iv_yes", nil))
	w.h.Press(p, persons)
}

// twoSeats is a world whose event of 2 seats (no needs) is published to
// the three associations, the cards delivered.
func twoSeats(t *testing.T, capacity int) (*world, domain.Event) {
	t.Helper()
	w := newWorld(t)
	threeOrgs(w)
	d := fest()
	d.Capacity, d.Needs = capacity, nil
	e, _ := w.publish(d, orgKB, orgBR, orgNB)
	w.h.Deliver()
	return w, e
}

// A yes beyond the seats waits and says so; a no promotes the waiting
// association, whose members are asked to confirm and see it on their
// cards; a forged confirmation is refused; the confirmation makes the
// seats theirs, and a replayed one changes nothing.
func TestWaitlistPromotionAndConfirmation(t *testing.T) {
	w, e := twoSeats(t, 2)
	h := w.h
	yes(w, kb1.p, "de", "2")
	if last := h.Last(kb1.p).Text; !contains(last, "🪑 Ihr Verein hat 2 Plätze.") {
		t.Fatalf("after the yes:\n%s", last)
	}
	h.Deliver()
	yes(w, br2.p, "en", "1")
	if last := h.Last(br2.p).Text; !contains(last, "⏳ 1 Person steht auf der Warteliste.") {
		t.Fatalf("after the yes beyond the seats:\n%s", last)
	}
	h.Deliver()
	if c := w.card(br1.p); !contains(c.Text, "⏳ 1 person is on the waiting list.") || contains(c.Text, "Confirm seats") {
		t.Fatalf("Bridges' card while waiting:\n%s", c.Text)
	}

	h.Clock.Advance(time.Hour)
	h.Press(kb1.p, h.Plain("de", "btn.iv_no", nil))
	h.ExpectDelivered(map[int64]int{br1.p.ID: 1, br2.p.ID: 1, organiser.ID: 1})
	for _, p := range []person{br1.p, br2.p} {
		if m := h.Last(p); !contains(m.Text, "1 seat has become free for <b>Interkulturelles Fest</b> (Bridges e.V.). Please confirm by") {
			t.Fatalf("chat %d promotion:\n%s", p.ID, m.Text)
		}
		if c := w.card(p); !contains(c.Text, "🎟 1 seat has become free for your association: please confirm by") {
			t.Fatalf("chat %d card when offered:\n%s", p.ID, c.Text)
		}
	}
	if a := answerOf(w, e.ID, orgBR); a.Offered != 1 || !a.OfferUntil.Equal(h.Clock.Now().Add(24*time.Hour)) {
		t.Fatalf("Bridges' answer %+v", a)
	}

	// Forged: Kulturbrücke confirms Bridges' offer, or an unknown one.
	bridges := invitationOf(w, br1.p).ID
	own := w.card(kb1.p).ID
	forbidden := h.Plain("de", "iv.forbidden", nil)
	for _, id := range []int64{bridges, 999999} {
		if toast := h.PressUnchanged(kb1.p, own, flowstest.Durable(t, "iv", "c", id)); toast != forbidden {
			t.Errorf("confirm %d by Kulturbrücke: toast %q", id, toast)
		}
	}
	// Kulturbrücke's own card offers nothing: the offer is not open.
	if toast := h.PressUnchanged(kb1.p, own, flowstest.Durable(t, "iv", "c", invitationOf(w, kb1.p).ID)); toast != h.Plain("de", "iv.seat_gone", nil) {
		t.Errorf("confirm with nothing offered: toast %q", toast)
	}
	h.ExpectDelivered(map[int64]int{})
	if a := answerOf(w, e.ID, orgBR); a.Offered != 1 || a.Seats != 0 {
		t.Fatalf("the forged presses changed %+v", a)
	}

	id, data := h.Find(br1.p, h.Plain("en", "iv.seat_btn_confirm", nil))
	if toast := h.PressData(br1.p, id, data); toast != h.Plain("en", "iv.seat_confirmed", nil) {
		t.Fatalf("confirm: toast %q", toast)
	}
	h.NoError()
	h.Deliver()
	for _, p := range []person{br1.p, br2.p} {
		if c := w.card(p); !contains(c.Text, "🪑 Your association has 1 seat.") || contains(c.Text, "please confirm") {
			t.Fatalf("chat %d card after the confirmation:\n%s", p.ID, c.Text)
		}
		for _, m := range h.Msgr.Messages(p.ID) {
			for _, row := range m.Buttons {
				for _, b := range row {
					if b.Data == flowstest.Durable(t, "iv", "c", invitationOf(w, p).ID) {
						t.Fatalf("chat %d still shows a confirm button on:\n%s", p.ID, m.Text)
					}
				}
			}
			if contains(m.Text, "Please confirm by") { // the offer's note says it is confirmed
				t.Errorf("chat %d still asks to confirm:\n%s", p.ID, m.Text)
			}
		}
		confirmed := h.Tr("en", "iv.seat_note_confirmed", map[string]any{"Org": "Bridges e.V.", "N": 1, "Title": e.Title})
		if !slices.ContainsFunc(h.Msgr.Messages(p.ID), func(m flowstest.Sent) bool { return m.Text == confirmed }) {
			t.Errorf("chat %d lacks the confirmed note %q", p.ID, confirmed)
		}
	}
	if a := answerOf(w, e.ID, orgBR); a.Seats != 1 || a.Offered != 0 {
		t.Fatalf("Bridges after the confirmation %+v", a)
	}
	if toast := h.PressUnchanged(br1.p, id, data); toast != h.Plain("en", "iv.seat_gone", nil) {
		t.Errorf("replayed confirm: toast %q", toast)
	}
	h.ExpectDelivered(map[int64]int{})
}

// An offer not confirmed in time is passed over by the job: its members
// are told and their cards follow, the next association is promoted;
// the job run twice tells once.
func TestAnOfferNotConfirmedIsPassedOver(t *testing.T) {
	w, e := twoSeats(t, 1)
	h := w.h
	yes(w, kb1.p, "de", "1")
	yes(w, br2.p, "en", "1")
	h.Clock.Advance(time.Minute)
	yes(w, nb1.p, "de", "1")
	h.Deliver()
	h.Press(kb1.p, h.Plain("de", "btn.iv_no", nil))
	h.ExpectDelivered(map[int64]int{br1.p.ID: 1, br2.p.ID: 1, organiser.ID: 1})

	runSeatsJob(w) // the window is open: nothing
	h.ExpectDelivered(map[int64]int{})
	h.Clock.Advance(24 * time.Hour)
	runSeatsJob(w)
	runSeatsJob(w)
	h.ExpectDelivered(map[int64]int{br1.p.ID: 1, br2.p.ID: 1, nb1.p.ID: 1})
	if m := h.Last(br1.p).Text; !contains(m, "You did not confirm the seats for <b>Interkulturelles Fest</b> in time") {
		t.Fatalf("Bridges told:\n%s", m)
	}
	if c := w.card(br2.p); !contains(c.Text, "❌ No") || contains(c.Text, "please confirm") {
		t.Fatalf("Bridges' card after the pass-over:\n%s", c.Text)
	}
	if m := h.Last(nb1.p).Text; !contains(m, "Für <b>Interkulturelles Fest</b> ist 1 Platz frei geworden (Nachbarn e.V.)") {
		t.Fatalf("Nachbarn told:\n%s", m)
	}
	if a := answerOf(w, e.ID, orgBR); a.Reply != domain.ReplyNo || a.Offered != 0 {
		t.Fatalf("Bridges %+v", a)
	}
	if a := answerOf(w, e.ID, orgNB); a.Offered != 1 {
		t.Fatalf("Nachbarn %+v", a)
	}
	// Bridges' old confirm button is refused politely.
	h.Send(br1.p, "/einladungen") // the first turn of a chat learns who they are
	if toast := h.PressUnchanged(br1.p, w.card(br1.p).ID, flowstest.Durable(t, "iv", "c", invitationOf(w, br1.p).ID)); toast != h.Plain("en", "iv.seat_gone", nil) {
		t.Errorf("confirm after the pass-over: toast %q", toast)
	}
}
