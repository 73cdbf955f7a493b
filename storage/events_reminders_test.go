package storage_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// remindNote is a notify of DueEventReminders: one message per reminder.
func remindNote(r domain.EventReminder) []domain.Notification {
	return []domain.Notification{{ChatID: r.Invitation.ChatID, Lang: r.Invitation.Lang,
		Message: domain.Message{Text: fmt.Sprintf("remind %s %d", r.Kind, r.Invitation.ID)}}}
}

// eventReminders runs DueEventReminders on st and lists "kind/user".
func eventReminders(t *testing.T, st *storage.Store) []string {
	t.Helper()
	rs, err := st.DueEventReminders(context.Background(), remindNote)
	if err != nil {
		t.Error(err)
		return nil
	}
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s/%d", r.Kind, r.Invitation.UserID))
	}
	return out
}

// kinds lists "kind/user" for each user.
func kinds(kind string, users ...int64) []string {
	var out []string
	for _, u := range users {
		out = append(out, fmt.Sprintf("%s/%d", kind, u))
	}
	return out
}

// The nudge, the 48 h and the 2 h reminder go out once each, to the right
// members, while eight runs go at once on two instances of the store.
func TestEventRemindersOnceEachUnderConcurrentRuns(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	e, orgs, members := w.published(t)
	w.reply(t, e, orgs[0], members[0][0], domain.ReplyYes, 3)
	w.reply(t, e, orgs[1], members[1][0], domain.ReplyMaybe, 0)
	w.reply(t, e, orgs[2], members[2][0], domain.ReplyNo, 0)
	other, err := storage.Open(context.Background(), w.db.Config().ConnString(), storage.WithClock(w.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	runs := func() []string {
		return atOnce([]*storage.Store{w.st, other}, func(st *storage.Store) []string { return eventReminders(t, st) })
	}
	at := func(before time.Duration) { w.clock.Add(e.Start.Add(-before).Sub(w.clock.Now())) }
	expect(t, "a week ahead", runs())
	at(e.Start.Sub(e.Deadline) + domain.NudgeLead)
	expect(t, "a day before the deadline", runs(), kinds("nudge", members[1]...)...)
	expect(t, "a day before the deadline, again", runs())
	at(48 * time.Hour)
	expect(t, "48 h ahead", runs(), append(kinds("48h", members[0]...), kinds("48h", members[1]...)...)...)
	expect(t, "48 h ahead, again", runs())
	at(2 * time.Hour)
	expect(t, "2 h ahead", runs(), kinds("2h", members[0]...)...)
	at(time.Hour)
	expect(t, "an hour ahead", runs())
	at(-time.Minute)
	expect(t, "after the start", runs())
	if n := w.count(t, `SELECT count(*) FROM outbox WHERE text LIKE 'remind %'`); n != 2+4+2 {
		t.Fatalf("%d reminders in the outbox, want 8", n)
	}
}

// Waiting persons hold no seat: no reminder for them; a yes holding
// seats gets both.
func TestEventRemindersSkipTheWaitlist(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	orgs, members := w.fourOrgs(t)
	d := w.eventDraft()
	d.Capacity = 2
	e := w.publishDraft(t, d, 0, orgs[:2])
	w.reply(t, e, orgs[0], members[0][0], domain.ReplyYes, 2)
	w.reply(t, e, orgs[1], members[1][0], domain.ReplyYes, 2)
	w.assertSeats(t, e.ID, domain.EventCounts{SeatsTaken: 2, WaitingPersons: 2, WaitingOrgs: 1})
	w.clock.Add(e.Start.Add(-47 * time.Hour).Sub(w.clock.Now()))
	expect(t, "47 h ahead", eventReminders(t, w.st), kinds("48h", members[0]...)...)
	w.clock.Add(46 * time.Hour)
	expect(t, "an hour ahead", eventReminders(t, w.st), kinds("2h", members[0]...)...)
}

// An event published 30 hours before its start gets no "in two days"
// reminder, but the 2 h one.
func TestEventRemindersWaitForTheTimeToBeKnown(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	orgs, members := w.fourOrgs(t)
	d := w.eventDraft()
	d.Deadline = time.Time{}
	e := w.publishDraft(t, d, 30*time.Hour, orgs[:1])
	w.reply(t, e, orgs[0], members[0][1], domain.ReplyYes, 1)
	expect(t, "30 h ahead, just published", eventReminders(t, w.st))
	w.clock.Add(28*time.Hour + time.Minute)
	expect(t, "2 h ahead", eventReminders(t, w.st), kinds("2h", members[0]...)...)
}

// An answer given after a reminder's lead began is not reminded of at
// once: a yes a day before the start gets no 48 h reminder (the 2 h one
// still comes), a maybe given 10 hours before the deadline no nudge.
func TestEventRemindersSkipAnswersGivenLate(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	orgs, members := w.fourOrgs(t)
	d := w.eventDraft()
	d.Deadline = d.Start.Add(-26 * time.Hour)
	e := w.publishDraft(t, d, 72*time.Hour, orgs[:2])
	w.clock.Add(e.Start.Add(-36 * time.Hour).Sub(w.clock.Now())) // 10 h before the deadline
	w.reply(t, e, orgs[0], members[0][1], domain.ReplyYes, 1)
	w.reply(t, e, orgs[1], members[1][1], domain.ReplyMaybe, 0)
	expect(t, "36 h ahead, answered just now", eventReminders(t, w.st))
	w.clock.Add(34*time.Hour + time.Minute)
	expect(t, "2 h ahead", eventReminders(t, w.st), kinds("2h", members[0]...)...)
}

// publishDraft stores d and publishes it to orgs, lead before its start
// (0: now), and fails the test on error.
func (w *evWorld) publishDraft(t *testing.T, d domain.EventDraft, lead time.Duration, orgs []int64) domain.Event {
	t.Helper()
	ctx := context.Background()
	e, err := w.st.CreateEvent(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if lead > 0 {
		w.clock.Add(e.Start.Add(-lead).Sub(w.clock.Now()))
	}
	if _, err := w.st.Publish(ctx, e.ID, w.organiser.ID, orgs, nil); err != nil {
		t.Fatal(err)
	}
	return e
}

// assertSeats checks the seat figures of Counts.
func (w *evWorld) assertSeats(t *testing.T, eventID int64, want domain.EventCounts) {
	t.Helper()
	c, err := w.st.Counts(context.Background(), eventID)
	if err != nil || c.SeatsTaken != want.SeatsTaken || c.WaitingPersons != want.WaitingPersons ||
		c.WaitingOrgs != want.WaitingOrgs || c.Came != want.Came || c.NotCame != want.NotCame {
		t.Fatalf("counts %+v, %v; want seats %+v", c, err, want)
	}
}

// The organiser reminds the associations without an answer once; a
// stranger, a second press and a press after the start change nothing.
func TestRemindUnansweredOnce(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.published(t)
	w.reply(t, e, orgs[0], members[0][0], domain.ReplyMaybe, 0)
	stranger := registerUser(t, w.env, 2, "Anderer Berater", domain.RoleAdvisor, "")
	before := w.count(t, `SELECT count(*) FROM outbox`)
	for _, actor := range []int64{stranger.ID, members[1][0], 999999} {
		if _, err := w.st.RemindUnanswered(ctx, e.ID, actor, card); !errors.Is(err, domain.ErrForbidden) {
			t.Fatalf("remind by %d: %v, want forbidden", actor, err)
		}
	}
	if _, err := w.st.RemindUnanswered(ctx, e.ID+1000, w.organiser.ID, card); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown event: %v", err)
	}
	invs, err := w.st.RemindUnanswered(ctx, e.ID, w.organiser.ID, card)
	var users []int64
	for _, inv := range invs {
		users = append(users, inv.UserID)
		if inv.Answer.Reply != "" || inv.Event.ID != e.ID {
			t.Fatalf("invitation %+v", inv)
		}
	}
	if err != nil || fmt.Sprint(w.chatsOf(t, users)) != fmt.Sprint(w.chatsOf(t, sorted(members[1], members[2]))) {
		t.Fatalf("reminded %v, %v; want the members of the two associations without an answer", users, err)
	}
	if n := w.count(t, `SELECT count(*) FROM outbox`); n != before+4 {
		t.Fatalf("outbox %d -> %d, want 4 reminders", before, n)
	}
	got, err := w.st.EventByID(ctx, e.ID)
	if err != nil || !got.RemindedAt.Equal(w.clock.Now()) {
		t.Fatalf("reminded at %v, %v", got.RemindedAt, err)
	}
	if _, err := w.st.RemindUnanswered(ctx, e.ID, w.organiser.ID, card); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("second reminder: %v, want conflict", err)
	}
	if n := w.count(t, `SELECT count(*) FROM outbox`); n != before+4 {
		t.Fatalf("second reminder wrote %d messages", n-before-4)
	}

	// Another event, started: too late to remind.
	e2 := w.publishDraft(t, w.eventDraft(), 0, orgs[:1])
	w.clock.Add(e2.Start.Sub(w.clock.Now()))
	if _, err := w.st.RemindUnanswered(ctx, e2.ID, w.organiser.ID, card); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("after the start: %v, want conflict", err)
	}
	if got, _ := w.st.EventByID(ctx, e2.ID); !got.RemindedAt.IsZero() {
		t.Fatal("a refused reminder was marked sent")
	}
}

// Attendance is recorded after the start for yes answers only, by the
// organiser; the figures count it.
func TestRecordAttendance(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.published(t)
	w.reply(t, e, orgs[0], members[0][0], domain.ReplyYes, 2)
	w.reply(t, e, orgs[1], members[1][0], domain.ReplyYes, 1)
	w.reply(t, e, orgs[2], members[2][0], domain.ReplyMaybe, 0)
	came := []domain.Attendance{{OrganisationID: orgs[0], Came: true}}
	if err := w.st.RecordAttendance(ctx, e.ID, w.organiser.ID, came); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("before the start: %v, want conflict", err)
	}
	w.clock.Add(e.Start.Sub(w.clock.Now()) + time.Hour)
	stranger := registerUser(t, w.env, 2, "Anderer Berater", domain.RoleAdvisor, "")
	if err := w.st.RecordAttendance(ctx, e.ID, stranger.ID, came); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("stranger: %v, want forbidden", err)
	}
	mixed := append(came, domain.Attendance{OrganisationID: orgs[2], Came: true})
	if err := w.st.RecordAttendance(ctx, e.ID, w.organiser.ID, mixed); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a maybe: %v, want forbidden", err)
	}
	w.assertSeats(t, e.ID, domain.EventCounts{SeatsTaken: 3})
	for range 2 { // a replay records the same
		if err := w.st.RecordAttendance(ctx, e.ID, w.organiser.ID, came); err != nil {
			t.Fatal(err)
		}
	}
	w.assertSeats(t, e.ID, domain.EventCounts{SeatsTaken: 3, Came: 1})
	if err := w.st.RecordAttendance(ctx, e.ID, w.organiser.ID, []domain.Attendance{{OrganisationID: orgs[0]},
		{OrganisationID: orgs[1]}}); err != nil {
		t.Fatal(err)
	}
	w.assertSeats(t, e.ID, domain.EventCounts{SeatsTaken: 3, NotCame: 2})
	answers, err := w.st.AnswersOf(ctx, e.ID)
	if err != nil || answers[0].Attended == nil || *answers[0].Attended {
		t.Fatalf("answers %+v, %v", answers, err)
	}
	// A cancelled event records none.
	if _, err := w.db.Exec(ctx, `UPDATE events SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`, e.ID, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := w.st.RecordAttendance(ctx, e.ID, w.organiser.ID, came); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("cancelled: %v, want conflict", err)
	}
	w.assertSeats(t, e.ID, domain.EventCounts{SeatsTaken: 3, NotCame: 2})
}
