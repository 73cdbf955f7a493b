package assignments

import (
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The notifications of the office's changes, built before the change (the
// recipients are loaded first) and filled inside its transaction.

// refsOrEmpty joins refs for a sentence in lang; "" for none, so that the
// text leaves the part out.
func refsOrEmpty(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return refs(list)
}

// withdrawNotes returns the notify function of taking request r back: the
// advisor is told, their card of the offer loses its buttons, and the
// requester is told that the request is offered again (not when their
// data was deleted). It reports false after recording a store error.
func (d Deps) withdrawNotes(t *engine.Turn, r domain.Request) (func(domain.SeatWithdrawal) []domain.Notification, bool) {
	requester, err := d.Users.UserByID(t.Ctx(), r.RequesterID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		requester = domain.User{}
	case err != nil:
		t.Fail(err)
		return nil, false
	}
	changes, ok := d.OfferNotes(t)
	if !ok {
		return nil, false
	}
	notes := t.Notifier()
	return func(w domain.SeatWithdrawal) []domain.Notification {
		req := w.Change.Request
		out := append(changes(w.Change),
			notes.Notification(w.Advisor, keyToldWithdrawn, map[string]any{"Ref": req.Ref, "Municipality": req.Municipality}, nil))
		if requester.ID != 0 {
			out = append(out, notes.Notification(requester, keyToldRequester, map[string]any{"Ref": req.Ref}, nil))
		}
		return out
	}, true
}
