package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// The 24 h and the 2 h reminder go out once each, to the advisor and the
// requester, while eight runs go at once on two instances of the store.
func TestRemindersOnceEachUnderConcurrentRuns(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ap := e.agree(t, 72)
	other, err := storage.Open(context.Background(), e.db.Config().ConnString(), storage.WithClock(e.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	runs := func() []string {
		return atOnce([]*storage.Store{e.st, other}, func(st *storage.Store) []string { return reminders(t, st) })
	}
	expect(t, "two days ahead", runs())
	e.clock.Add(ap.Start.Sub(e.clock.Now()) - 24*time.Hour)
	expect(t, "24 h ahead", runs(), "24h/0")
	expect(t, "24 h ahead, again", runs())
	e.clock.Add(22*time.Hour + time.Minute)
	expect(t, "2 h ahead", runs(), "2h/0")
	e.clock.Add(time.Hour)
	expect(t, "an hour ahead", runs())
	e.clock.Add(2 * time.Hour)
	expect(t, "after the start", runs())
	for _, kind := range []string{"24h", "2h"} {
		if n := e.outboxCount(t, fmt.Sprintf("remind %s %d 0", kind, ap.ID)); n != 2 {
			t.Errorf("%s reminder sent %d times, want once to each side", kind, n)
		}
	}
}

// A reschedule raises the sequence: the old time's reminders do not go
// out, the new time's do, once each.
func TestRescheduleMovesTheReminders(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ctx := context.Background()
	ap := e.agree(t, 72)
	e.clock.Add(ap.Start.Sub(e.clock.Now()) - 23*time.Hour)
	expect(t, "old time, 23 h ahead", reminders(t, e.st), "24h/0")
	to := e.slot(72 + 48)
	ch, err := e.st.RescheduleAppointment(ctx, ap.ID, e.requester.ID, to, "Gemeinderat tagt", apptTell)
	if err != nil {
		t.Fatal(err)
	}
	got := ch.Appointment
	if got.Sequence != 1 || !got.Start.Equal(to.Start) || got.Reason != "Gemeinderat tagt" || got.UID != ap.UID ||
		!ch.Previous.Start.Equal(ap.Start) || ch.Event != domain.AppointmentWasRescheduled {
		t.Fatalf("rescheduled %+v, previous %+v", got, ch.Previous)
	}
	if n := e.outboxCount(t, fmt.Sprintf("appt rescheduled %d 1", ap.ID)); n != 2 {
		t.Errorf("reschedule told %d times", n)
	}
	e.clock.Add(22 * time.Hour)
	expect(t, "old time, an hour ahead", reminders(t, e.st))
	e.clock.Add(26 * time.Hour)
	expect(t, "new time, 23 h ahead", reminders(t, e.st), "24h/1")
	e.clock.Add(22 * time.Hour)
	expect(t, "new time, 2 h ahead", reminders(t, e.st), "2h/1")
	expect(t, "new time, again", reminders(t, e.st))
	// By the advisor, an hour before, to half an hour later: no reminder
	// for a time set under 2 h ahead (the change itself told both sides).
	later := to
	later.Start, later.End = to.Start.Add(30*time.Minute), to.End.Add(30*time.Minute)
	if _, err := e.st.RescheduleAppointment(ctx, ap.ID, e.advisors[0].ID, later, "Zug fällt aus", apptTell); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(time.Hour)
	expect(t, "set 90 minutes before, 30 minutes ahead", reminders(t, e.st))
}

// A cancelled appointment gets no reminders, and is cancelled once; a
// time first seen by the job under 2 h ahead gets only the 2 h reminder.
func TestCancelledAppointmentNotReminded(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ctx := context.Background()
	kept := e.agree(t, 72)
	gone := e.agree(t, 72)
	ch, err := e.st.CancelAppointment(ctx, gone.ID, e.advisors[0].ID, "krank", apptTell)
	if err != nil || ch.Appointment.Status != domain.AppointmentCancelled || ch.Appointment.Sequence != 1 ||
		ch.Appointment.CancelledBy != e.advisors[0].ID || ch.Appointment.Reason != "krank" {
		t.Fatalf("cancel: %+v, %v", ch.Appointment, err)
	}
	_, err = e.st.CancelAppointment(ctx, gone.ID, e.requester.ID, "doppelt", apptTell)
	checkErr(t, "cancelling twice", err, domain.ErrConflict)
	_, err = e.st.RescheduleAppointment(ctx, gone.ID, e.requester.ID, e.slot(100), "doch", apptTell)
	checkErr(t, "rescheduling a cancelled appointment", err, domain.ErrConflict)
	e.clock.Add(kept.Start.Sub(e.clock.Now()) - time.Hour)
	expect(t, "an hour ahead", reminders(t, e.st), "2h/0")
	if n := e.outboxCount(t, fmt.Sprintf("remind 2h %d", gone.ID)); n != 0 {
		t.Errorf("cancelled appointment reminded %d times", n)
	}
	e.clock.Add(2 * time.Hour) // started: neither side can call it off
	_, err = e.st.CancelAppointment(ctx, kept.ID, e.requester.ID, "zu spät", apptTell)
	checkErr(t, "cancelling a started appointment", err, domain.ErrConflict)
}

// Bad input is an ErrInvalid naming the problem, and writes nothing.
func TestBadAppointmentInput(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ctx := context.Background()
	ap := e.agree(t, 48)
	open := e.propose(t, 60)
	before := e.rows(t)
	bad := func(f func(*domain.Slot)) domain.Slot { s := e.slot(50); f(&s); return s }
	cases := []struct {
		name    string
		options []domain.Slot
		want    domain.AppointmentProblem
	}{
		{"end before start", []domain.Slot{bad(func(s *domain.Slot) { s.End = s.Start.Add(-time.Minute) })}, domain.ProblemEndBeforeStart},
		{"before the acceptance", []domain.Slot{e.slot(50), bad(func(s *domain.Slot) {
			s.Start, s.End = e.acceptedAt.Add(-time.Hour), e.acceptedAt.Add(-time.Minute)
		})}, domain.ProblemBeforeAcceptance},
		{"place too long", []domain.Slot{bad(func(s *domain.Slot) { s.Place = strings.Repeat("x", 201) })}, domain.ProblemPlaceTooLong},
		{"no place", []domain.Slot{bad(func(s *domain.Slot) { s.Place = "" })}, domain.ProblemNoPlace},
		{"no options", nil, domain.ProblemNoOptions},
		{"six options", make([]domain.Slot, 6), domain.ProblemTooManyOptions},
	}
	for _, c := range cases {
		_, err := e.st.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: e.req.ID, AdvisorID: e.advisors[0].ID,
			Options: c.options}, apptTell)
		checkInvalid(t, "propose, "+c.name, err, c.want)
		_, err = e.st.CounterAppointment(ctx, open.ID, e.requester.ID, c.options, "", apptTell)
		checkInvalid(t, "counter, "+c.name, err, c.want)
		if len(c.options) == 1 {
			_, err = e.st.RescheduleAppointment(ctx, ap.ID, e.requester.ID, c.options[0], "Grund", apptTell)
			checkInvalid(t, "reschedule, "+c.name, err, c.want)
		}
	}
	_, err := e.st.RescheduleAppointment(ctx, ap.ID, e.requester.ID, e.slot(52), "", apptTell)
	checkInvalid(t, "reschedule without a reason", err, domain.ProblemNoReason)
	_, err = e.st.CancelAppointment(ctx, ap.ID, e.requester.ID, strings.Repeat("ü", 501), apptTell)
	checkInvalid(t, "cancel with a reason too long", err, domain.ProblemReasonTooLong)
	_, err = e.st.CounterAppointment(ctx, open.ID, e.requester.ID, []domain.Slot{e.slot(52)}, strings.Repeat("ü", 501), apptTell)
	checkInvalid(t, "counter with a note too long", err, domain.ProblemReasonTooLong)
	after := e.rows(t)
	if after != before {
		t.Errorf("rows before %v, after %v", before, after)
	}
	if got, _ := e.st.AppointmentByID(ctx, ap.ID); got.Sequence != 0 || !got.Start.Equal(ap.Start) {
		t.Errorf("agreed appointment changed: %+v", got)
	}
	e.clock.Add(62 * time.Hour) // the open proposal's option is past
	_, err = e.st.PickAppointment(ctx, open.ID, open.Options[0].ID, e.requester.ID, apptTell)
	checkInvalid(t, "picking a past option", err, domain.ProblemPast)
}

// rows counts the rows a change of appointments may write: appointments,
// options, outbox messages and history rows.
func (e apptEnv) rows(t *testing.T) [4]int {
	t.Helper()
	var n [4]int
	for i, table := range []string{"appointments", "appointment_options", "outbox", "request_events"} {
		n[i] = e.count(t, `SELECT count(*) FROM `+table)
	}
	return n
}

// checkInvalid fails t unless err is the *AppointmentError of want.
func checkInvalid(t *testing.T, what string, err error, want domain.AppointmentProblem) {
	t.Helper()
	var e *domain.AppointmentError
	if !errors.As(err, &e) || e.Problem != want || !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("%s: %v, want %s", what, err, want)
	}
}
