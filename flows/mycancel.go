package flows

import (
	"errors"
	"log/slog"
)

// Withdrawing a request from "Meine Anfragen": a confirmation, then the
// status change with notifications to the coordinators (and to the
// requester when a colleague withdrew it) in the same transaction.

// cancellable are the statuses a request may be withdrawn from (CanCancel).
var cancellable = []Status{StatusSubmitted, StatusInReview, StatusQuestion, StatusApproved, StatusMatching}

// cancelTarget loads request id for withdrawing it: the user must be on
// the requester's side (ownRequest), and the request must still be
// cancellable (else the detail says why). It reports false when the turn
// is answered already.
func (t *turn) cancelTarget(id int64) (Request, bool) {
	r, ok := t.ownRequest(id, "cancel")
	if !ok {
		return Request{}, false
	}
	if !CanCancel(r.Status) {
		t.tooLate(r)
		return Request{}, false
	}
	return r, true
}

// ownRequest loads request id for an action of the requester's side (what,
// for the log): the user must be its requester or a colleague of the same
// municipality; anyone else is refused and nothing changes. It reports
// false when the turn is answered already.
func (t *turn) ownRequest(id int64, what string) (Request, bool) {
	r, ok := t.loadRequest(id)
	if !ok {
		return Request{}, false
	}
	may, err := t.mayCancel(r)
	if err != nil {
		t.fail(err)
		return Request{}, false
	}
	if !may {
		t.e.cfg.Log.Warn("request action refused", slog.String("action", what),
			slog.Int64("request_id", r.ID), slog.Int64("user_id", t.sess.UserID))
		t.refuse()
		return Request{}, false
	}
	return r, true
}

// tooLate shows the detail of r, which can no longer be withdrawn, with the
// reason.
func (t *turn) tooLate(r Request) {
	t.replace(t.detailScreen(r, t.tr(keyMyRequestsTooLate, map[string]any{
		"Ref": r.Ref, "Status": t.statusName(r.Status)})))
}

// askCancel asks whether to withdraw request id.
func (t *turn) askCancel(id int64) {
	r, ok := t.cancelTarget(id)
	if !ok {
		return
	}
	t.replace(screen{
		text: t.tr(keyMyRequestsCancelPrompt, map[string]any{"Ref": r.Ref}),
		rows: [][]button{{
			{label: t.tr(keyBtnWithdrawYes, nil), action: actMenu, arg: requestArg(argCancelYes, r.ID)},
			{label: t.tr(keyBtnWithdrawNo, nil), action: actMenu, arg: requestArg(argDetail, r.ID)},
		}},
	})
}

// cancelRequest withdraws request id and tells the coordinators (and the
// requester, when a colleague withdrew it) through the outbox. A request
// decided meanwhile is explained with its current status.
func (t *turn) cancelRequest(id int64) {
	r, ok := t.cancelTarget(id)
	if !ok {
		return
	}
	coords, err := t.e.cfg.Requests.Coordinators(t.ctx)
	if err != nil {
		t.fail(err)
		return
	}
	var requester *User
	if r.RequesterID != t.sess.UserID {
		u, err := t.e.cfg.Requests.UserByID(t.ctx, r.RequesterID)
		switch {
		case err == nil:
			requester = &u
		case !errors.Is(err, ErrNotFound): // a deleted requester is told nothing
			t.fail(err)
			return
		}
	}
	actor := t.sess.UserID
	notify := func(r Request) []Notification {
		var out []Notification
		for _, c := range coords {
			if c.ID != actor {
				out = append(out, t.cancelNote(c, r, keyMyRequestsNotifyCancelled))
			}
		}
		if requester != nil {
			out = append(out, t.cancelNote(*requester, r, keyMyRequestsNotifyColleague))
		}
		return out
	}
	done, err := t.e.cfg.Requests.Transition(t.ctx, r.ID, actor, cancellable, StatusCancelled, EventStatus, "", notify)
	var conflict *StatusConflict
	switch {
	case errors.As(err, &conflict):
		r.Status = conflict.Status
		t.tooLate(r)
		return
	case err != nil:
		t.fail(err)
		return
	}
	t.e.cfg.Log.Info("request cancelled", slog.Int64("request_id", r.ID), slog.Int64("user_id", actor))
	t.replace(t.detailScreen(done, t.tr(keyMyRequestsCancelled, map[string]any{"Ref": done.Ref})))
}

// cancelNote tells u, in u's language, that r was withdrawn.
func (t *turn) cancelNote(u User, r Request, key string) Notification {
	return t.notification(u, key, map[string]any{"Ref": r.Ref, "Municipality": r.Municipality}, nil)
}
