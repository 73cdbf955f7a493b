package events

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Issue 14 on the organiser's side: the figures of seats and attendance,
// the one reminder to the associations that have not answered (with a
// confirmation first) and the attendance screen (attendance.go).

// The screens of this part; an event's id is the parameter.
const (
	screenRemindAsk  = "evq" // confirm the reminder to those without an answer
	screenRemindSend = "evy" // send it
	screenAttendance = "evn" // the attendance of the associations that said yes
	screenAttend     = "evk" // record one; param "<event>.<organisation>.<1|0>"
)

// registerReminders adds the screens of this part.
func registerReminders(r *engine.Registry, d Deps) {
	r.Screen(screenRemindAsk, d.managed(d.askRemind))
	r.Screen(screenRemindSend, d.managed(d.sendRemind))
	r.Screen(screenAttendance, d.managed(func(t *engine.Turn, e domain.Event) { d.attendance(t, e) }))
	r.Screen(screenAttend, d.attend)
}

// figures are the lines a published event's screen adds to its figures:
// the seats taken and waiting of a capped event, when the associations
// without an answer were reminded, and, once it started, who came.
func figures(t *engine.Turn, e domain.Event, c domain.EventCounts) string {
	out := ""
	if e.Capacity > 0 {
		out += "\n" + t.T(keyFigSeats, map[string]any{"Taken": c.SeatsTaken, "Capacity": e.Capacity,
			"Persons": c.WaitingPersons, "Orgs": c.WaitingOrgs})
	}
	if !e.RemindedAt.IsZero() {
		out += "\n" + t.T(keyRemindSent, map[string]any{"When": t.DateTime(e.RemindedAt)})
	}
	if e.Started(t.Now()) && c.Yes > 0 {
		out += "\n" + t.T(keyFigAttendance, map[string]any{"Came": c.Came, "NotCame": c.NotCame,
			"Open": max(0, c.Yes-c.Came-c.NotCame)})
	}
	return out
}

// actionRows are the buttons of this part on a published event's screen:
// the reminder while it may be sent, the attendance once it started.
func actionRows(t *engine.Turn, e domain.Event, c domain.EventCounts) [][]engine.Button {
	switch {
	case e.Status != domain.EventPublished:
		return nil
	case canRemind(t, e, c):
		return [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnRemind, map[string]any{"N": c.NoAnswer}), screenRemindAsk, e.ID)}}
	case e.Started(t.Now()) && c.Yes > 0:
		return [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnAttendance, nil), screenAttendance, e.ID)}}
	}
	return nil
}

// canRemind reports whether the associations without an answer to e may
// be reminded: published, not started, not reminded yet, and some left.
func canRemind(t *engine.Turn, e domain.Event, c domain.EventCounts) bool {
	return e.Status == domain.EventPublished && !e.Started(t.Now()) && e.RemindedAt.IsZero() && c.NoAnswer > 0
}

// askRemind asks the organiser to confirm the reminder to event e's
// associations without an answer; when it may not be sent (any more), the
// press is refused.
func (d Deps) askRemind(t *engine.Turn, e domain.Event) {
	c, err := d.Events.Counts(t.Ctx(), e.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	if !canRemind(t, e, c) {
		t.Refuse(remindRefusal(t, e))
		return
	}
	t.Replace(engine.Screen{Text: t.T(keyRemindAsk, map[string]any{"Title": e.Title, "N": c.NoAnswer}), Rows: [][]engine.Button{
		{engine.ScreenButtonID(t.Plain(keyBtnRemindYes, nil), screenRemindSend, e.ID)},
		{engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, e.ID)}}})
}

// refused answers a store error err of a press and reports whether there
// was one: ErrConflict refused with the key conflict, ErrForbidden as
// forbidden, any other recorded as a failure.
func refused(t *engine.Turn, err error, conflict string) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, domain.ErrConflict):
		t.Refuse(conflict)
	case errors.Is(err, domain.ErrForbidden):
		t.Refuse(engine.KeyForbidden)
	default:
		t.Fail(err)
	}
	return true
}

// remindRefusal is why the reminder of e may not be sent: sent already,
// too late, or nobody left without an answer.
func remindRefusal(t *engine.Turn, e domain.Event) string {
	switch {
	case !e.RemindedAt.IsZero():
		return keyRemindDone
	case e.Status != domain.EventPublished || e.Started(t.Now()):
		return keyRemindClosed
	}
	return keyRemindNone
}

// sendRemind sends the reminder to the members of event e's associations
// without an answer (once: the store refuses a second) and shows the
// event again with the time it was sent.
func (d Deps) sendRemind(t *engine.Turn, e domain.Event) {
	a, ok := t.Actor()
	if !ok {
		return
	}
	invs, err := d.Events.RemindUnanswered(t.Ctx(), e.ID, a.ID, d.Unanswered(t, e))
	conflict := keyRemindDone // sent in the meantime
	if e.Status != domain.EventPublished || e.Started(t.Now()) {
		conflict = keyRemindClosed
	}
	if refused(t, err, conflict) {
		return
	}
	t.Log().Info("event unanswered reminded", slog.Int64("event_id", e.ID), slog.Int("members", len(invs)))
	if e, err = d.Events.EventByID(t.Ctx(), e.ID); err != nil {
		t.Fail(err)
		return
	}
	t.Note(keyRemindCount, map[string]any{"N": len(invs)})
	d.present(t, e, true)
}
