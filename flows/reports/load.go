package reports

import (
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Every press loads the acting user and the record from Postgres: a
// request or report that is not the presser's (a forged or forwarded
// button) is refused alike whether it exists or not, and what decides is
// the store's change under the request's lock, so a replayed or late
// press changes nothing.

// load returns the acting user, request id and its seats (see
// engine.Turn.LoadRequest).
func (d Deps) load(t *engine.Turn, id int64) (domain.Actor, domain.Request, []domain.Seat, bool) {
	return t.LoadRequest(d.Requests, d.Offers, id)
}

// loadReport returns the acting user, report version id, its request and
// the request's seats, for someone on the request's requester side who is
// not its advisor.
func (d Deps) loadReport(t *engine.Turn, id int64) (domain.Actor, domain.Report, domain.Request, []domain.Seat, bool) {
	rep, err := d.Reports.ReportByID(t.Ctx(), id)
	if errors.Is(err, domain.ErrNotFound) {
		t.Refuse(engine.KeyForbidden)
		return domain.Actor{}, rep, domain.Request{}, nil, false
	}
	if err != nil {
		t.Fail(err)
		return domain.Actor{}, rep, domain.Request{}, nil, false
	}
	a, r, seats, ok := d.load(t, rep.RequestID)
	if ok && (!domain.OnRequesterSide(a, r) || rep.AdvisorID == a.ID) {
		t.Refuse(engine.KeyForbidden)
		return a, rep, r, seats, false
	}
	return a, rep, r, seats, ok
}

// newest is the newest version of advisorID's report among reports (the
// versions of one request); false when they have none.
func newest(reports []domain.Report, advisorID int64) (domain.Report, bool) {
	var out domain.Report
	for _, rep := range reports {
		if rep.AdvisorID == advisorID && rep.Version > out.Version {
			out = rep
		}
	}
	return out, out.Version > 0
}

// settled tells the outcome of a store change that answered err and
// reports whether it went through: a change no longer possible (a
// conflict, the request moved on) is told with lateKey, a forbidden one
// with the engine's refusal; another error is recorded with Fail. A
// running flow ends.
func settled(t *engine.Turn, err error, lateKey string) bool {
	var moved *domain.StatusConflict
	if t.InFlow() != "" {
		t.EndFlow()
	}
	switch {
	case err == nil:
		return true
	case errors.Is(err, domain.ErrForbidden), errors.Is(err, domain.ErrNotFound):
		t.Note(engine.KeyForbidden, nil)
	case errors.Is(err, domain.ErrConflict), errors.As(err, &moved):
		t.Note(lateKey, nil)
	default:
		t.Fail(err)
		return false
	}
	t.ShowMenu(false)
	return false
}
