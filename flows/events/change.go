package events

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Changes and cancellation of a published event by its organiser (issue
// 14): "✏️ Ändern" offers what to change (the flow in change_flow.go),
// "🚫 Absagen" asks once more, naming how many members are told. A draft
// sets its waitlist's fairness the same way (stored with UpdateEvent).
// Every press reads the event and the actor afresh (managed); one on an
// event that started, was cancelled or is another organiser's is refused
// and changes nothing.

// The screens of changes; the event's id is the parameter.
const (
	screenChange     = "evg"  // what to change
	screenChTime     = "evgt" // the flow for the time
	screenChPlace    = "evgp" // ... the place or link
	screenChDesc     = "evgd" // ... the description
	screenChCapacity = "evgc" // ... the capacity
	screenChSeating  = "evgs" // ... the waitlist's fairness (drafts too)
	screenCancel     = "evz"  // confirm the cancellation
	screenCancelDo   = "evzz" // cancel
)

// registerChanges adds the screens and the flow of changes.
func (d Deps) registerChanges(r *engine.Registry) {
	r.Screen(screenChange, d.managed(d.changeMenu))
	for screen, what := range map[string]string{screenChTime: whatTime, screenChPlace: whatPlace, screenChDesc: whatDesc,
		screenChCapacity: whatCapacity, screenChSeating: whatSeating} {
		r.Screen(screen, d.managed(func(t *engine.Turn, e domain.Event) { d.startChange(t, e, what) }))
	}
	r.Screen(screenCancel, d.managed(d.cancelAsk))
	r.Screen(screenCancelDo, d.managed(d.cancel))
	r.Flow(d.changeFlow())
}

// changeable reports whether e may be changed and cancelled at the turn's
// now (published, not started); otherwise the press is refused.
func changeable(t *engine.Turn, e domain.Event) bool {
	if e.Status != domain.EventPublished || e.Started(t.Now()) {
		t.Refuse(keyNotChangeable)
		return false
	}
	return true
}

// changeRows are the buttons of changes under event e's screen: change
// and cancel for a published event not started, the waitlist for a
// capped draft.
func changeRows(t *engine.Turn, e domain.Event) [][]engine.Button {
	switch {
	case e.Status == domain.EventPublished && !e.Started(t.Now()):
		return [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnChange, nil), screenChange, e.ID),
			engine.ScreenButtonID(t.Plain(keyBtnCancel, nil), screenCancel, e.ID)}}
	case e.Status == domain.EventStateDraft && e.Capacity > 0:
		return [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnSeating, nil), screenChSeating, e.ID)}}
	}
	return nil
}

// changeNote is what event e's screen shows besides its figures: first
// (head) that it was cancelled, so that nobody reads on as if it took
// place; after the figures (tail) its waitlist's fairness when set (HTML,
// "" for nothing).
func changeNote(t *engine.Turn, e domain.Event) (head, tail string) {
	s := e.Seating
	if e.Capacity > 0 && (s.FairMax > 0 || s.NewFirst || s.ConfirmHours != 0 && s.ConfirmHours != domain.DefaultConfirmHours) {
		tail = "\n" + t.T(keySeatingShown, seatingData(s))
	}
	if e.Status == domain.EventCancelled {
		head = t.T(keyCancelledShown, map[string]any{"When": t.DateTime(e.CancelledAt)}) + "\n\n"
	}
	return head, tail
}

// seatingData fills keySeatingShown.
func seatingData(s domain.EventSeating) map[string]any {
	hours := s.ConfirmHours
	if hours == 0 {
		hours = domain.DefaultConfirmHours
	}
	return map[string]any{"Max": s.FairMax, "NewFirst": s.NewFirst, "Hours": hours}
}

// changeMenu offers what of published event e to change.
func (d Deps) changeMenu(t *engine.Turn, e domain.Event) {
	if !changeable(t, e) {
		return
	}
	rows := [][]engine.Button{
		{engine.ScreenButtonID(t.Plain(keyBtnChTime, nil), screenChTime, e.ID),
			engine.ScreenButtonID(t.Plain(keyBtnChPlace, nil), screenChPlace, e.ID)},
		{engine.ScreenButtonID(t.Plain(keyBtnChDesc, nil), screenChDesc, e.ID),
			engine.ScreenButtonID(t.Plain(keyBtnChCapacity, nil), screenChCapacity, e.ID)},
	}
	if e.Capacity > 0 {
		rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnSeating, nil), screenChSeating, e.ID)})
	}
	rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, e.ID)})
	t.Present(engine.Screen{Text: t.T(keyChangeMenu, map[string]any{"Title": e.Title}), Rows: rows}, true)
}

// cancelAsk asks whether to cancel event e, naming how many are told.
func (d Deps) cancelAsk(t *engine.Turn, e domain.Event) {
	if !changeable(t, e) {
		return
	}
	n, err := d.Events.CountTold(t.Ctx(), e.ID, true)
	if err != nil {
		t.Fail(err)
		return
	}
	t.Present(engine.Screen{Text: t.T(keyCancelAsk, map[string]any{"Title": e.Title, "When": when(t, e), "N": n}),
		Rows: [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnCancelDo, map[string]any{"N": n}), screenCancelDo, e.ID)},
			{engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, e.ID)}}}, true)
}

// cancel cancels event e and tells every invited member.
func (d Deps) cancel(t *engine.Turn, e domain.Event) {
	if !changeable(t, e) {
		return
	}
	a, _ := t.Actor()
	notify, err := d.Updates(t, e)
	if err != nil {
		t.Fail(err)
		return
	}
	up, err := d.Events.CancelEvent(t.Ctx(), e.ID, a.ID, notify)
	switch {
	case errors.Is(err, domain.ErrConflict), errors.Is(err, domain.ErrNotFound):
		t.Refuse(keyNotChangeable)
		return
	case errors.Is(err, domain.ErrForbidden):
		t.Refuse(engine.KeyForbidden)
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.Log().Info("event cancelled", slog.Int64("event_id", e.ID), slog.Int("told", len(up.Told)))
	t.Note(keyCancelledDone, map[string]any{"N": len(up.Told)})
	d.present(t, up.After, false)
}
