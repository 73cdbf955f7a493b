package invitations_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/invitations"
	"github.com/miglobe/miglobe-bot/storage"
)

// updateCommands adds the organiser's test-only commands for the event
// published last: /testchange changes it to the world's draft and
// /testcancel cancels it, both with the feature's Updates (the
// organiser's own screens are flows/events').
func updateCommands(w *world, db *storage.Store, deps invitations.Deps, r *engine.Registry) {
	for name, run := range map[string]func(t *engine.Turn, a domain.Actor, notify func(domain.EventUpdate) []domain.Notification) error{
		"testchange": func(t *engine.Turn, a domain.Actor, notify func(domain.EventUpdate) []domain.Notification) error {
			_, err := db.ChangeEvent(t.Ctx(), w.last.ID, a.ID, w.draft, notify)
			return err
		},
		"testcancel": func(t *engine.Turn, a domain.Actor, notify func(domain.EventUpdate) []domain.Notification) error {
			_, err := db.CancelEvent(t.Ctx(), w.last.ID, a.ID, notify)
			return err
		},
	} {
		r.Command(engine.Command{Name: name, Desc: engine.KeyBtnMenu, Order: 999, Run: func(t *engine.Turn) {
			a, ok := t.Actor()
			if !ok {
				t.Fail(fmt.Errorf("%s: no actor", name))
				return
			}
			notify, err := deps.Updates(t, w.last)
			if err == nil {
				err = run(t, a, notify)
			}
			if err != nil {
				t.Fail(err)
				return
			}
			t.NoteText(name + " done")
		}})
	}
}

// confirmButtons counts the messages in p's chat that show "Plätze
// bestätigen" of p's invitation.
func confirmButtons(w *world, p person) int {
	w.h.T.Helper()
	data := flowstest.Durable(w.h.T, "iv", "c", invitationOf(w, p).ID)
	n := 0
	for _, m := range w.h.Msgr.Messages(p.ID) {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Data == data {
					n++
				}
			}
		}
	}
	return n
}

// promotedBridges is a world whose event of 1 seat (no needs) was
// answered yes by Kulturbrücke and then by Bridges (waiting), and then
// no by Kulturbrücke: Bridges' members are offered the seat, their
// promotion messages and cards showing "Plätze bestätigen". before runs
// on the world before the answers (it may move the clock).
func promotedBridges(t *testing.T, before func(w *world)) *world {
	t.Helper()
	w, _ := twoSeats(t, 1)
	h := w.h
	before(w)
	yes(w, kb1.p, "de", "1")
	yes(w, br2.p, "en", "1")
	h.Deliver()
	h.Press(kb1.p, h.Plain("de", "btn.iv_no", nil))
	h.ExpectDelivered(map[int64]int{br1.p.ID: 1, br2.p.ID: 1, organiser.ID: 1})
	for _, p := range []person{br1.p, br2.p} {
		if n := confirmButtons(w, p); n != 2 { // the promotion and the card
			t.Fatalf("chat %d shows %d confirm buttons, want 2", p.ID, n)
		}
	}
	return w
}

// wantNoConfirm fails unless no message of Bridges' members shows
// "Plätze bestätigen" any more.
func wantNoConfirm(t *testing.T, w *world, after string) {
	t.Helper()
	for _, p := range []person{br1.p, br2.p} {
		if n := confirmButtons(w, p); n != 0 {
			t.Fatalf("after %s chat %d still shows %d confirm buttons", after, p.ID, n)
		}
	}
}

// A no of the association promoted ends its offer: the promotion message
// loses its button with the cards.
func TestTheOfferLosesItsButtonAfterANo(t *testing.T) {
	w := promotedBridges(t, func(*world) {})
	w.h.Press(br1.p, w.h.Plain("en", "btn.iv_no", nil))
	w.h.Deliver()
	wantNoConfirm(t, w, "the no")
}

// A cancellation ends the offer: the promotion message loses its button.
func TestTheOfferLosesItsButtonAfterACancellation(t *testing.T) {
	w := promotedBridges(t, func(*world) {})
	w.h.Send(organiser, "/testcancel")
	w.h.Deliver()
	wantNoConfirm(t, w, "the cancellation")
}

// A start moved to within 2 hours gives the seat offered at once: the
// promotion message loses its button, and the cards show the seat held.
func TestTheOfferLosesItsButtonWhenAChangeGivesTheSeat(t *testing.T) {
	w := promotedBridges(t, func(w *world) { // past the answer deadline, so that the start may move close
		w.h.Clock.Advance(w.last.Deadline.Add(time.Hour).Sub(w.h.Clock.Now()))
	})
	d := fest()
	d.Capacity, d.Needs = 1, nil
	d.Start = w.h.Clock.Now().Add(time.Hour)
	d.End = d.Start.Add(2 * time.Hour)
	w.draft = d
	w.h.Send(organiser, "/testchange")
	w.h.Deliver()
	wantNoConfirm(t, w, "the change")
	if c := w.card(br1.p); !contains(c.Text, "🪑 Your association has 1 seat.") {
		t.Fatalf("Bridges' card after the change:\n%s", c.Text)
	}
}

// A start moved so that the offer ends earlier (2 hours before the new
// start) shows that end on the promotion message, which keeps its
// button.
func TestTheOfferShowsItsEarlierEndAfterAChange(t *testing.T) {
	w := promotedBridges(t, func(w *world) {
		w.h.Clock.Advance(w.last.Deadline.Add(time.Hour).Sub(w.h.Clock.Now()))
	})
	h := w.h
	old := h.Texts.DateTime("en", h.Clock.Now().Add(24*time.Hour), h.Location)
	d := fest()
	d.Capacity, d.Needs = 1, nil
	d.Start = h.Clock.Now().Add(25 * time.Hour)
	d.End = d.Start.Add(2 * time.Hour)
	w.draft = d
	h.Send(organiser, "/testchange")
	h.Deliver()
	until := h.Texts.DateTime("en", d.Start.Add(-2*time.Hour), h.Location)
	found := 0
	for _, m := range h.Msgr.Messages(br1.p.ID) {
		if !contains(m.Text, "Please confirm by") {
			continue
		}
		if found++; !contains(m.Text, "Please confirm by "+until) || contains(m.Text, old) {
			t.Fatalf("the promotion after the change shows (want the end %s):\n%s", until, m.Text)
		}
	}
	if found != 1 {
		t.Fatalf("%d promotions in the chat, want 1", found)
	}
	if n := confirmButtons(w, br1.p); n != 2 {
		t.Fatalf("%d confirm buttons after the change, want 2 (the promotion and the card)", n)
	}
}
