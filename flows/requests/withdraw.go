package requests

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Withdrawing a request from its detail: a confirmation, then the status
// change with notifications to the coordinators (and to the requester when
// a colleague withdrew it) in the same transaction.

// cancelTarget loads request id for withdrawing it: the user must be on
// the requester's side, and the request must still be cancellable (else
// the detail says why). It reports false when the turn is answered already.
func (d Deps) cancelTarget(t *engine.Turn, id int64) (domain.Request, domain.Actor, bool) {
	r, a, ok := d.load(t, id, "cancel", domain.OnRequesterSide)
	if !ok {
		return r, a, false
	}
	if !domain.CanWithdraw(a, r) {
		d.tooLate(t, a, r)
		return r, a, false
	}
	return r, a, true
}

// tooLate shows the detail of r, which can no longer be withdrawn, with the
// reason.
func (d Deps) tooLate(t *engine.Turn, a domain.Actor, r domain.Request) {
	notice := t.T(keyMyRequestsTooLate, map[string]any{"Ref": r.Ref, "Status": statusName(t, r.Status)})
	if s, ok := d.detailScreen(t, a, r, notice); ok {
		t.Replace(s)
	}
}

// askCancel asks whether to withdraw request id.
func (d Deps) askCancel(t *engine.Turn, id int64) {
	r, _, ok := d.cancelTarget(t, id)
	if !ok {
		return
	}
	t.Replace(engine.Screen{
		About: aboutRequest(r.ID, kindView),
		Text:  t.T(keyMyRequestsCancelPrompt, map[string]any{"Ref": r.Ref}),
		Rows: [][]engine.Button{{
			engine.ScreenButtonID(t.Plain(keyBtnWithdrawYes, nil), screenCancelYes, r.ID),
			engine.ScreenButtonID(t.Plain(keyBtnWithdrawNo, nil), screenDetail, r.ID),
		}},
	})
}

// cancelRequest withdraws request id and tells the coordinators (and the
// requester, when a colleague withdrew it) through the outbox. A request
// decided meanwhile is explained with its current status.
func (d Deps) cancelRequest(t *engine.Turn, id int64) {
	r, a, ok := d.cancelTarget(t, id)
	if !ok {
		return
	}
	coords, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return
	}
	var requester *domain.User
	if r.RequesterID != a.ID {
		u, err := d.Users.UserByID(t.Ctx(), r.RequesterID)
		switch {
		case err == nil:
			requester = &u
		case !errors.Is(err, domain.ErrNotFound): // a deleted requester is told nothing
			t.Fail(err)
			return
		}
	}
	var closeCards []domain.Notification
	if d.Offer.Withdrawn != nil {
		if closeCards, ok = d.Offer.Withdrawn(t, r); !ok {
			return
		}
	}
	notes := t.Notifier()
	cancelNote := func(u domain.User, r domain.Request, key string) domain.Notification {
		return notes.Notification(u, key, map[string]any{"Ref": r.Ref, "Municipality": r.Municipality}, nil)
	}
	notify := func(r domain.Request) []domain.Notification {
		out := closeCards
		for _, c := range coords {
			if c.ID != a.ID {
				out = append(out, cancelNote(c, r, keyMyRequestsNotifyCancelled))
			}
		}
		if requester != nil {
			out = append(out, cancelNote(*requester, r, keyMyRequestsNotifyColleague))
		}
		return out
	}
	done, err := d.Requests.Transition(t.Ctx(), r.ID, a.ID, domain.CancellableStatuses, domain.StatusCancelled,
		domain.EventStatus, "", withRestyles(t, notify))
	var conflict *domain.StatusConflict
	switch {
	case errors.As(err, &conflict):
		r.Status = conflict.Status
		d.tooLate(t, a, r)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.Log().Info("request cancelled", slog.Int64("request_id", r.ID), slog.Int64("user_id", a.ID))
	if s, ok := d.detailScreen(t, a, done, t.T(keyMyRequestsCancelled, map[string]any{"Ref": done.Ref})); ok {
		t.Replace(s)
	}
}
