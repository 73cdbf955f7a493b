package appointments

import (
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// load returns the acting user, request id and its seats. An unknown
// request is refused like one of somebody else's.
func (d Deps) load(t *engine.Turn, id int64) (domain.Actor, domain.Request, []domain.Seat, bool) {
	a, ok := t.Actor()
	if !ok {
		return a, domain.Request{}, nil, false
	}
	r, err := d.Requests.RequestByID(t.Ctx(), id)
	if errors.Is(err, domain.ErrNotFound) {
		t.Refuse(engine.KeyForbidden)
		return a, r, nil, false
	}
	if err != nil {
		t.Fail(err)
		return a, r, nil, false
	}
	_, seats, err := d.Offers.OffersOf(t.Ctx(), id)
	if err != nil {
		t.Fail(err)
		return a, r, nil, false
	}
	return a, r, seats, true
}

// refuseOrFail answers a store error on loading a record: unknown is
// refused like somebody else's; another error is recorded with Fail.
func (d Deps) refuseOrFail(t *engine.Turn, err error) {
	if errors.Is(err, domain.ErrNotFound) {
		t.Refuse(engine.KeyForbidden)
		return
	}
	t.Fail(err)
}

// pick agrees appointment id on option i of its current round, for
// someone of the side it awaits. A forged press (not of that side, an
// unknown appointment) is refused and changes nothing; a late one (picked
// already, called off) is told so.
func (d Deps) pick(t *engine.Turn, id int64, i int) {
	a, ap, _, ok := d.loadOpen(t, id)
	if !ok {
		return
	}
	if i >= len(ap.Options) {
		t.Refuse(keyToastTooLate)
		return
	}
	ch, err := d.Appointments.PickAppointment(t.Ctx(), ap.ID, ap.Options[i].ID, a.ID, d.teller(t, a.ID).tell)
	switch {
	case errors.Is(err, domain.ErrForbidden):
		t.Refuse(engine.KeyForbidden)
		return
	case errors.Is(err, domain.ErrConflict), errors.Is(err, domain.ErrNotFound):
		t.Refuse(keyToastTooLate)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.Replace(engine.Screen{Text: t.T(keyAgreedSelf, map[string]any{"Ref": ch.Appointment.RequestRef,
		"When": slotText(t.Texts(), t.Lang(), t.Location(), ch.Appointment.Slot), "Where": where(ch.Appointment.Slot)}),
		Rows: [][]engine.Button{t.BackToMenu()}})
}
