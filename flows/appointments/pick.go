package appointments

import (
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// load returns the acting user, request id and its seats (see
// engine.Turn.LoadRequest).
func (d Deps) load(t *engine.Turn, id int64) (domain.Actor, domain.Request, []domain.Seat, bool) {
	return t.LoadRequest(d.Requests, d.Offers, id)
}

// loadFor returns the acting user and appointment id when may allows
// them the change. Someone of neither side is refused alike whether it
// exists or not; a change no longer possible is told with lateKey.
func (d Deps) loadFor(t *engine.Turn, id int64, lateKey string,
	may func(domain.Actor, domain.Request, []domain.Seat, domain.Appointment) bool) (domain.Actor, domain.Appointment, bool) {
	ap, err := d.Appointments.AppointmentByID(t.Ctx(), id)
	if errors.Is(err, domain.ErrNotFound) {
		t.Refuse(engine.KeyForbidden)
		return domain.Actor{}, ap, false
	}
	if err != nil {
		t.Fail(err)
		return domain.Actor{}, ap, false
	}
	a, r, seats, ok := d.load(t, ap.RequestID)
	switch {
	case !ok:
		return a, ap, false
	case domain.SideOf(a, r, seats) == "":
		t.Refuse(engine.KeyForbidden)
		return a, ap, false
	case !may(a, r, seats, ap):
		t.Refuse(lateKey)
		return a, ap, false
	}
	return a, ap, true
}

// pick agrees appointment id on option i of its current round, for
// someone of the side it awaits. A forged press (not of that side, an
// unknown appointment) is refused and changes nothing; a late one (picked
// already, called off) is told so.
func (d Deps) pick(t *engine.Turn, id int64, i int) {
	a, ap, ok := d.loadOpen(t, id)
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
	t.Replace(engine.Screen{Text: t.T(keyAgreedSelf, agreedData(t.Texts(), t.Lang(), t.Location(), ch,
		ch.ActorSide == domain.SideRequester)), Rows: [][]engine.Button{t.BackToMenu()}})
}
