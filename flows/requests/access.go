package requests

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// load returns request id and the acting user when policy allows the
// action what (for the log). A request that does not exist and one the
// user may not touch are refused alike (so ids reveal nothing), and nothing
// changes; a store error is recorded. It reports false when the turn is
// answered already.
func (d Deps) load(t *engine.Turn, id int64, what string, policy func(domain.Actor, domain.Request) bool) (domain.Request, domain.Actor, bool) {
	a, ok := t.Actor()
	if !ok {
		if !t.Failed() {
			t.Refuse(keyMyRequestsForbidden)
		}
		return domain.Request{}, domain.Actor{}, false
	}
	r, err := d.Requests.RequestByID(t.Ctx(), id)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		t.Refuse(keyMyRequestsForbidden)
		return domain.Request{}, a, false
	case err != nil:
		t.Fail(err)
		return domain.Request{}, a, false
	case !policy(a, r):
		t.Log().Warn("request action refused", slog.String("action", what),
			slog.Int64("request_id", r.ID), slog.Int64("user_id", a.ID))
		t.Refuse(keyMyRequestsForbidden)
		return domain.Request{}, a, false
	}
	return r, a, true
}

// mayReview is domain.MayReview for a request: coordinators may review
// any request (whether it is still open is told, not refused).
func mayReview(a domain.Actor, _ domain.Request) bool { return domain.MayReview(a) }
