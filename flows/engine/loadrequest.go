package engine

import (
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// LoadRequest returns the acting user, request id and its seats, for the
// features that act on a request's work (appointments, reports). An
// unknown request is refused like one of somebody else's (KeyForbidden),
// a store error is recorded with Fail; both report false.
func (t *Turn) LoadRequest(requests domain.RequestStore, offers domain.OfferStore, id int64) (domain.Actor, domain.Request, []domain.Seat, bool) {
	a, ok := t.Actor()
	if !ok {
		return a, domain.Request{}, nil, false
	}
	r, err := requests.RequestByID(t.Ctx(), id)
	if errors.Is(err, domain.ErrNotFound) {
		t.Refuse(KeyForbidden)
		return a, r, nil, false
	}
	if err != nil {
		t.Fail(err)
		return a, r, nil, false
	}
	_, seats, err := offers.OffersOf(t.Ctx(), id)
	if err != nil {
		t.Fail(err)
		return a, r, nil, false
	}
	return a, r, seats, true
}
