package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// seated is an event for 4 persons published to five associations of two
// members each (one member of the first has left it since) with their
// answers: yes for 3 (holding seats), yes for 3 (waiting: no seat is
// left), maybe, no, and none.
type seated struct {
	e       domain.Event
	orgs    []int64
	members [][]int64
	left    int64
}

func (w *evWorld) fiveAnswers(t *testing.T) seated {
	t.Helper()
	ctx := context.Background()
	var s seated
	for _, name := range []string{"Ja-Verein", "Warte-Verein", "Vielleicht-Verein", "Nein-Verein", "Stiller Verein"} {
		id, ms := w.addOrg(t, name, "Dortmund", 2)
		s.orgs, s.members = append(s.orgs, id), append(s.members, ms)
	}
	d := w.eventDraft()
	d.Capacity = 3
	e, err := w.st.CreateEvent(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.Publish(ctx, e.ID, w.organiser.ID, s.orgs, card); err != nil {
		t.Fatalf("publish: %v", err)
	}
	for i, a := range []domain.OrgAnswer{{Reply: domain.ReplyYes, Persons: 3}, {Reply: domain.ReplyYes, Persons: 3},
		{Reply: domain.ReplyMaybe}, {Reply: domain.ReplyNo}} {
		a.EventID, a.OrganisationID = e.ID, s.orgs[i]
		if _, err := w.st.Answer(ctx, s.members[i][0], a, nil); err != nil {
			t.Fatalf("answer %d: %v", i, err)
		}
	}
	s.left = s.members[0][1]
	if _, err := w.db.Exec(ctx, `DELETE FROM organisation_members WHERE user_id = $1`, s.left); err != nil {
		t.Fatal(err)
	}
	if s.e, err = w.st.EventByID(ctx, e.ID); err != nil || s.e.SeatsTaken != 3 {
		t.Fatalf("seated event %+v, %v; want 3 seats taken", s.e, err)
	}
	return s
}

// draftOf is the draft that changes nothing of e.
func draftOf(e domain.Event) domain.EventDraft { return e.EventDraft }

// toldNotes is a notify of ChangeEvent and CancelEvent: one message per
// member told.
func toldNotes(up domain.EventUpdate) []domain.Notification {
	var out []domain.Notification
	for _, m := range up.Told {
		out = append(out, domain.Notification{ChatID: m.ChatID, Message: domain.Message{Text: "Geändert: " + up.After.Title}})
	}
	return out
}

// userIDs are the members told.
func userIDs(invs []domain.EventInvitation) []int64 {
	var out []int64
	for _, inv := range invs {
		out = append(out, inv.UserID)
	}
	return sorted(out)
}

func TestChangeOfTheTimeTellsYesMaybeAndTheWaitlistWithAHigherSequence(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	s := w.fiveAnswers(t)
	outbox := w.count(t, `SELECT count(*) FROM outbox`)
	d := draftOf(s.e)
	d.Start, d.End = d.Start.Add(24*time.Hour), d.End.Add(25*time.Hour)
	up, err := w.st.ChangeEvent(ctx, s.e.ID, w.organiser.ID, d, toldNotes)
	if err != nil {
		t.Fatalf("change: %v", err)
	}
	if up.Before.Sequence != 0 || up.After.Sequence != 1 || !up.Before.Start.Equal(s.e.Start) || !up.After.Start.Equal(d.Start) ||
		up.After.Title != s.e.Title || up.After.Capacity != 3 || up.After.SeatsTaken != 3 || len(up.Promoted) != 0 {
		t.Fatalf("update before %+v after %+v promoted %v", up.Before, up.After, up.Promoted)
	}
	want := sorted([]int64{s.members[0][0]}, s.members[1], s.members[2])
	if got := userIDs(up.Told); !slices.Equal(got, want) {
		t.Fatalf("told %v, want yes (but the former member), waiting and maybe: %v", got, want)
	}
	for _, m := range up.Told {
		if m.Event.Sequence != 1 || m.Answer.Reply == "" || m.Answer.Reply == domain.ReplyNo {
			t.Fatalf("told %+v", m)
		}
	}
	if got := w.count(t, `SELECT count(*) FROM outbox`); got != outbox+len(want) {
		t.Fatalf("outbox %d -> %d, want one note per member told", outbox, got)
	}
	if n := w.count(t, `SELECT count(*) FROM audit_log WHERE action = 'event.change'`); n != 1 {
		t.Fatalf("%d audit entries", n)
	}
	// A start moved to before the answer deadline is refused.
	d.Start, d.End = s.e.Deadline.Add(-time.Hour), s.e.Deadline
	var bad *domain.EventError
	if _, err := w.st.ChangeEvent(ctx, s.e.ID, w.organiser.ID, d, toldNotes); !errors.As(err, &bad) || bad.Problem != domain.ProblemEventDeadline {
		t.Fatalf("start before the deadline: %v", err)
	}
}

func TestChangeOfTheCapacityIsRefusedBelowTheSeatsAndAHigherOnePromotes(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	s := w.fiveAnswers(t)
	outbox := w.count(t, `SELECT count(*) FROM outbox`)
	d := draftOf(s.e)
	d.Capacity = 2
	var capErr *domain.CapacityError
	if _, err := w.st.ChangeEvent(ctx, s.e.ID, w.organiser.ID, d, toldNotes); !errors.As(err, &capErr) || capErr.Taken != 3 ||
		!errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("capacity below the seats: %v, want a CapacityError with 3 taken", err)
	}
	if e, _ := w.st.EventByID(ctx, s.e.ID); e.Capacity != 3 || e.Sequence != 0 || w.count(t, `SELECT count(*) FROM outbox`) != outbox {
		t.Fatalf("after the refusal %+v", e)
	}

	d.Capacity, d.Seating.FairMax = 6, 3
	up, err := w.st.ChangeEvent(ctx, s.e.ID, w.organiser.ID, d, toldNotes)
	if err != nil || up.After.Sequence != 0 || len(up.Told) != 0 || up.After.Capacity != 6 || up.After.Seating.FairMax != 3 {
		t.Fatalf("higher capacity: %+v, %v; want no new sequence and nobody told", up, err)
	}
	if len(up.Promoted) != 1 || up.Promoted[0].Answer.OrganisationID != s.orgs[1] || up.Promoted[0].Answer.Offered != 3 ||
		up.Promoted[0].Answer.OfferUntil.IsZero() || len(up.Promoted[0].Members) != 2 || up.After.SeatsTaken != 6 {
		t.Fatalf("promoted %+v, seats taken %d; want the waiting association offered 3", up.Promoted, up.After.SeatsTaken)
	}
}

// Without a capacity any more, every waiting person gets a seat at once.
func TestChangeToNoCapacitySeatsTheWaitlist(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	s := w.fiveAnswers(t)
	d := draftOf(s.e)
	d.Capacity = 0
	up, err := w.st.ChangeEvent(context.Background(), s.e.ID, w.organiser.ID, d, toldNotes)
	if err != nil || len(up.Promoted) != 1 || up.Promoted[0].Answer.OrganisationID != s.orgs[1] ||
		up.Promoted[0].Answer.Seats != 3 || up.Promoted[0].Answer.Offered != 0 || up.After.SeatsTaken != 6 || len(up.Told) != 0 {
		t.Fatalf("no capacity: %+v, %v", up, err)
	}
	if n := w.count(t, `SELECT count(*) FROM event_answers WHERE event_id = $1 AND waiting_since IS NOT NULL`, s.e.ID); n != 0 {
		t.Fatalf("%d still wait", n)
	}
}

func TestChangeAndCancelAreRefusedForOthersStartedAndCancelledEvents(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	s := w.fiveAnswers(t)
	other := registerUser(t, w.env, 2, "Bora Yilmaz", domain.RoleAdvisor, "")
	d := draftOf(s.e)
	d.Place = "Stadthalle"
	if _, err := w.st.ChangeEvent(ctx, s.e.ID, other.ID, d, toldNotes); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("another organiser's change: %v", err)
	}
	if _, err := w.st.CancelEvent(ctx, s.e.ID, other.ID, toldNotes); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("another organiser's cancel: %v", err)
	}
	if _, err := w.st.ChangeEvent(ctx, 999999, w.organiser.ID, d, toldNotes); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown event: %v", err)
	}

	outbox := w.count(t, `SELECT count(*) FROM outbox`)
	up, err := w.st.CancelEvent(ctx, s.e.ID, w.organiser.ID, toldNotes)
	if err != nil || up.After.Status != domain.EventCancelled || up.After.Sequence != 1 || up.After.CancelledAt.IsZero() {
		t.Fatalf("cancel: %+v, %v", up.After, err)
	}
	var all []int64
	for _, ms := range s.members {
		all = append(all, ms...)
	}
	all = without(all, s.left)
	if got := userIDs(up.Told); !slices.Equal(got, sorted(all)) {
		t.Fatalf("cancel told %v, want every invited member still a member %v", got, sorted(all))
	}
	if got := w.count(t, `SELECT count(*) FROM outbox`); got != outbox+len(all) {
		t.Fatalf("outbox %d -> %d", outbox, got)
	}
	if _, err := w.st.CancelEvent(ctx, s.e.ID, w.organiser.ID, toldNotes); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("replayed cancel: %v", err)
	}
	if _, err := w.st.ChangeEvent(ctx, s.e.ID, w.organiser.ID, d, toldNotes); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("change of a cancelled event: %v", err)
	}
	if got := w.count(t, `SELECT count(*) FROM outbox`); got != outbox+len(all) {
		t.Fatalf("refusals wrote to the outbox")
	}

	// Another event, started: refused.
	s2 := w.fiveAnswers(t)
	w.clock.Add(s2.e.Start.Sub(w.clock.Now()))
	if _, err := w.st.ChangeEvent(ctx, s2.e.ID, w.organiser.ID, draftOf(s2.e), toldNotes); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("change of a started event: %v", err)
	}
	if _, err := w.st.CancelEvent(ctx, s2.e.ID, w.organiser.ID, toldNotes); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("cancel of a started event: %v", err)
	}
}

// An answer and a change at once follow each other: either the yes takes
// the last seat and the lower capacity is refused with 4 taken, or the
// capacity is lowered first and the yes waits.
func TestAnswerAndChangeAtOnceSerialize(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	for range 5 {
		s := w.fiveAnswers(t)
		d := draftOf(s.e)
		d.Capacity = 3
		errs := make(chan error, 2)
		go func() {
			_, err := w.st.ChangeEvent(ctx, s.e.ID, w.organiser.ID, d, toldNotes)
			errs <- err
		}()
		go func() {
			_, err := w.st.Answer(ctx, s.members[4][0], domain.OrgAnswer{EventID: s.e.ID, OrganisationID: s.orgs[4],
				Reply: domain.ReplyYes, Persons: 1}, nil)
			errs <- err
		}()
		var changeErr error
		for range 2 {
			if err := <-errs; err != nil {
				changeErr = err
			}
		}
		e, _ := w.st.EventByID(ctx, s.e.ID)
		seats := w.count(t, `SELECT seats FROM event_answers WHERE event_id = $1 AND organisation_id = $2`, s.e.ID, s.orgs[4])
		var capErr *domain.CapacityError
		switch {
		case changeErr == nil && e.Capacity == 3 && e.SeatsTaken == 3 && seats == 0:
		case errors.As(changeErr, &capErr) && capErr.Taken == 4 && e.Capacity == 4 && e.SeatsTaken == 4 && seats == 1:
		default:
			t.Fatalf("change %v, event capacity %d taken %d, seats of the yes %d", changeErr, e.Capacity, e.SeatsTaken, seats)
		}
	}
}

// without is ids without id.
func without(ids []int64, id int64) []int64 {
	var out []int64
	for _, v := range ids {
		if v != id {
			out = append(out, v)
		}
	}
	return out
}
