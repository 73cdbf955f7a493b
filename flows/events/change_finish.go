package events

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// changedDraft is event e with the change's answers: the time, the place
// or link, the description, the capacity or the seating.
func changedDraft(t *engine.Turn, e domain.Event) domain.EventDraft {
	d := e.EventDraft
	loc := t.Location()
	switch t.Get(dataWhat) {
	case whatTime:
		d.Start, _ = engine.ParseDateTime(t.Get(stepStart), loc)
		d.End, _ = engine.ParseDateTime(t.Get(stepEnd), loc)
	case whatPlace:
		d.Place, d.Link = t.Get(stepPlace), ""
		if t.Get(stepWhere) == whereOnline {
			d.Place, d.Link = "", t.Get(stepPlace)
		}
	case whatDesc:
		d.Description = t.Get(stepDesc)
	case whatCapacity:
		d.Capacity, _ = strconv.Atoi(t.Get(stepCapacity))
	case whatSeating:
		d.Seating.FairMax, _ = strconv.Atoi(t.Get(stepFairMax))
		d.Seating.NewFirst = t.Get(stepNewFirst) == "1"
		d.Seating.ConfirmHours, _ = strconv.Atoi(t.Get(stepConfirmH))
	}
	return d
}

// finishChange stores the change: ChangeEvent for a published event (the
// members told through Updates), UpdateEvent for a draft's seating. A
// capacity below the seats taken is refused with the numbers and asked
// again, as is a field the store refuses; an event no longer changeable
// or someone who may no longer ends the flow with a sentence.
func (d Deps) finishChange(t *engine.Turn) {
	a, ok := t.Actor()
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(t.Get(dataEvent), 10, 64)
	e, err := d.Events.EventByID(t.Ctx(), id)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		t.Fail(err)
		return
	}
	var after domain.Event
	told := 0
	switch {
	case err != nil:
	case e.Status == domain.EventStateDraft && t.Get(dataWhat) == whatSeating:
		after, err = d.Events.UpdateEvent(t.Ctx(), id, a.ID, changedDraft(t, e))
	default:
		var notify func(domain.EventUpdate) []domain.Notification
		if notify, err = d.Updates(t, e); err != nil {
			t.Fail(err)
			return
		}
		var up domain.EventUpdate
		up, err = d.Events.ChangeEvent(t.Ctx(), id, a.ID, changedDraft(t, e), notify)
		after, told = up.After, len(up.Told)
	}
	if !d.changeRefused(t, err) {
		t.Log().Info("event changed", slog.Int64("event_id", id), slog.String("what", t.Get(dataWhat)), slog.Int("told", told))
		t.EndFlow()
		t.Note(keyChanged, map[string]any{"N": told})
		d.present(t, after, false)
	}
}

// changeRefused handles err of a change: false for none, else it asked
// again or ended the flow (or recorded a store error) and reports true.
func (d Deps) changeRefused(t *engine.Turn, err error) bool {
	var capErr *domain.CapacityError
	var bad *domain.EventError
	switch {
	case err == nil:
		return false
	case errors.As(err, &capErr):
		t.Del(stepCapacity)
		t.Del(stepConfirmed)
		t.Note(keyCapacityTaken, map[string]any{"N": capErr.Taken})
		t.Advance(false)
	case errors.As(err, &bad):
		for _, s := range whatSteps[t.Get(dataWhat)] {
			t.Del(s)
		}
		t.Del(stepConfirmed)
		if bad.Problem == domain.ProblemEventDeadline {
			t.Note(keyStartBeforeDeadline, nil)
		} else {
			t.Note(keyAskAgain, nil)
		}
		t.Advance(false)
	case errors.Is(err, domain.ErrForbidden):
		t.EndFlow()
		t.Note(keyRefused, nil)
	case errors.Is(err, domain.ErrConflict), errors.Is(err, domain.ErrNotFound):
		t.EndFlow()
		t.Note(keyNotChangeableLong, nil)
	default:
		t.Fail(err)
	}
	return true
}
