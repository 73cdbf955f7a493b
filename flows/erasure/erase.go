package erasure

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// finish ends the flow: "no" keeps everything; "yes" settles what others
// rely on, erases the rest in one transaction, clears the chat's Redis
// state and resets the session.
func (d Deps) finish(t *engine.Turn) {
	if t.Get(dataConfirm) != "yes" {
		t.EndFlow()
		t.Note(keyKept, nil)
		t.ShowMenu(false)
		return
	}
	a, ok := t.Actor()
	if t.Failed() {
		return
	}
	var e domain.Erasure
	if ok {
		p, err := d.Erasure.ErasurePlan(t.Ctx(), a.ID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			t.Fail(err)
			return
		}
		if err == nil {
			if e, ok = d.erase(t, a, p); !ok {
				return
			}
		}
	}
	if d.Chats != nil {
		u := t.Update()
		if err := d.Chats.ForgetChat(t.Ctx(), u.ChatID, u.UserID); err != nil {
			t.Fail(err)
			return
		}
	}
	if e.Billing > 0 {
		t.Note(keyDoneBilling, map[string]any{"Until": t.FormatDate(e.LockedUntil)}) // before the language goes
	} else {
		t.Note(keyDone, nil)
	}
	t.ResetSession()
}

// erase settles plan p of actor a and erases a; it reports false after
// recording a store error (what was settled stays settled; the next
// confirmation finds it so).
func (d Deps) erase(t *engine.Turn, a domain.Actor, p domain.ErasurePlan) (domain.Erasure, bool) {
	office, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return domain.Erasure{}, false
	}
	s := settler{d: d, t: t, a: a, office: office}
	if !s.offers(p) || !s.seats(p) || !s.answers(p) || !s.events(p) {
		return domain.Erasure{}, false
	}
	notify, ok := s.scheduled(p)
	if !ok {
		return domain.Erasure{}, false
	}
	e, err := d.Erasure.EraseUserWith(t.Ctx(), a.ID, notify)
	switch {
	case errors.Is(err, domain.ErrNotFound): // erased meanwhile: nothing left to do
		return domain.Erasure{}, true
	case err != nil:
		t.Fail(err)
		return domain.Erasure{}, false
	}
	t.Log().Info("user erased", slog.Int64("user_id", a.ID), slog.Int("offers", len(p.Offers)),
		slog.Int("seats", len(p.Seats)), slog.Int("answers", len(p.Answers)), slog.Int("events", len(p.Events)),
		slog.Int("billing_records", e.Billing))
	return e, true
}
