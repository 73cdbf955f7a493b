package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// overdueEnv is an apptEnv whose request has one agreed appointment two
// days after the acceptance (last), and a later one that was cancelled.
type overdueEnv struct {
	apptEnv
	last domain.Appointment
}

func newOverdueEnv(t *testing.T) overdueEnv {
	t.Helper()
	e := overdueEnv{apptEnv: newApptEnv(t)}
	e.last = e.agree(t, 48)
	gone := e.agree(t, 96)
	if _, err := e.st.CancelAppointment(context.Background(), gone.ID, e.advisors[0].ID, "krank", nil); err != nil {
		t.Fatal(err)
	}
	return e
}

// overdue lists "advisor/ref/days" of the reports overdue now.
func (e overdueEnv) overdue(t *testing.T, advisorID int64) []string {
	t.Helper()
	list, err := e.st.OverdueReports(context.Background(), e.clock.Now(), advisorID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range list {
		if o.RequestID != e.req.ID || !o.LastEnd.Equal(e.last.End) {
			t.Errorf("overdue %+v, want request %d ending %v", o, e.req.ID, e.last.End)
		}
		out = append(out, fmt.Sprintf("%d/%s/%d", o.AdvisorID, o.RequestRef, o.Days))
	}
	return out
}

// report is advisor 0's report of the day of the last appointment.
func (e overdueEnv) report() domain.ReportDraft {
	d := e.last.Start.UTC()
	return domain.ReportDraft{RequestID: e.req.ID, AdvisorID: e.advisors[0].ID,
		Dates: []time.Time{time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)}, SessionMinutes: 120}
}

// The definition: overdue only once more than 14 days passed since the
// last agreed appointment's end (a cancelled later one does not count); a
// version in question is not in; a submitted or confirmed one clears it.
func TestOverdueReportsDefinition(t *testing.T) {
	t.Parallel()
	e := newOverdueEnv(t)
	ctx := context.Background()
	me := e.advisors[0].ID
	mine := func(days int) string { return fmt.Sprintf("%d/%s/%d", me, e.req.Ref, days) }

	e.clock.Add(e.last.End.Add(domain.ReportGrace).Sub(e.clock.Now()))
	expect(t, "exactly 14 days after the end", e.overdue(t, 0))
	e.clock.Add(time.Second)
	expect(t, "a second later", e.overdue(t, 0), mine(1))
	expect(t, "only the advisor's", e.overdue(t, me), mine(1))
	expect(t, "another advisor's", e.overdue(t, e.advisors[1].ID))

	v1, err := e.st.SubmitReport(ctx, e.report(), nil)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "submitted", e.overdue(t, 0))
	requester, err := e.st.ActorByTelegramID(ctx, e.requester.TelegramID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AskAboutReport(ctx, v1.Report.ID, requester, "Wie viele Stunden?", nil); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(24 * time.Hour)
	expect(t, "a question waits for the advisor", e.overdue(t, 0), mine(2))
	v2, err := e.st.SubmitReport(ctx, e.report(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ConfirmReport(ctx, v2.Report.ID, requester, nil); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(60 * 24 * time.Hour)
	expect(t, "confirmed", e.overdue(t, 0))
}

// A later agreed appointment ends nothing overdue until 14 days after it.
func TestOverdueCountsFromTheLastAppointment(t *testing.T) {
	t.Parallel()
	e := newOverdueEnv(t)
	later := e.agree(t, 24*10)
	e.clock.Add(e.last.End.Add(domain.ReportGrace + time.Hour).Sub(e.clock.Now()))
	list, err := e.st.OverdueReports(context.Background(), e.clock.Now(), 0)
	if err != nil || len(list) != 0 {
		t.Fatalf("with an appointment %v later: %+v, %v", later.End.Sub(e.last.End), list, err)
	}
}

// overdueReminders runs DueOverdueReminders on st and returns
// "advisor/week" of each claimed.
func overdueReminders(t *testing.T, st *storage.Store) []string {
	t.Helper()
	rs, err := st.DueOverdueReminders(context.Background(), func(r domain.OverdueReminder) []domain.Notification {
		return []domain.Notification{{ChatID: r.Advisor.ChatID, Message: domain.Message{
			Text: fmt.Sprintf("overdue %d %d %d", r.RequestID, r.Advisor.ID, r.Week)}}}
	})
	if err != nil {
		t.Error(err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%d/%d", r.Advisor.ID, r.Week))
	}
	return out
}

// The weekly reminder goes out once per week, also with eight runs at once
// on two instances of the store; moving the clock a week on claims the
// next one.
func TestOverdueReminderOncePerWeek(t *testing.T) {
	t.Parallel()
	e := newOverdueEnv(t)
	other, err := storage.Open(context.Background(), e.db.Config().ConnString(), storage.WithClock(e.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	runs := func() []string {
		return atOnce([]*storage.Store{e.st, other}, func(st *storage.Store) []string { return overdueReminders(t, st) })
	}
	me := e.advisors[0].ID
	e.clock.Add(e.last.End.Add(domain.ReportGrace).Sub(e.clock.Now()))
	expect(t, "not yet overdue", runs())
	e.clock.Add(time.Minute)
	expect(t, "overdue", runs(), fmt.Sprintf("%d/0", me))
	expect(t, "again", runs())
	e.clock.Add(7*24*time.Hour - 2*time.Minute)
	expect(t, "almost a week on", runs())
	e.clock.Add(2 * time.Minute)
	expect(t, "a week on", runs(), fmt.Sprintf("%d/1", me))
	expect(t, "a week on, again", runs())
	if n := e.outboxCount(t, fmt.Sprintf("overdue %d %d ", e.req.ID, me)); n != 2 {
		t.Errorf("%d reminders in the outbox, want 2", n)
	}
	if _, err := e.st.SubmitReport(context.Background(), e.report(), nil); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(7 * 24 * time.Hour)
	expect(t, "reported", runs())
}

// The candidates carry the times of their agreed appointments (not the
// cancelled one, not a proposal) and their longest overdue report.
func TestCandidatesBusyAndOverdue(t *testing.T) {
	t.Parallel()
	e := newOverdueEnv(t)
	ctx := context.Background()
	e.propose(t, 200)
	for _, a := range e.advisors {
		if err := e.st.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: a.ID, City: "Bochum", State: "NW",
			Formats: []domain.Format{domain.FormatOnline}}); err != nil {
			t.Fatal(err)
		}
	}
	load := func() (mine, other domain.AdvisorLoad) {
		t.Helper()
		now := e.clock.Now()
		list, err := e.st.Candidates(ctx, domain.QuarterStart(now, time.UTC), now.AddDate(-1, 0, 0))
		if err != nil || len(list) != 2 || list[0].ID() != e.advisors[0].ID {
			t.Fatalf("candidates: %+v, %v", list, err)
		}
		return list[0].Load, list[1].Load
	}
	mine, other := load()
	want := domain.Interval{Start: e.last.Start, End: e.last.End}
	if len(mine.Busy) != 1 || !mine.Busy[0].Start.Equal(want.Start) || !mine.Busy[0].End.Equal(want.End) ||
		mine.OverdueDays != 0 || len(other.Busy) != 0 || other.OverdueDays != 0 {
		t.Fatalf("before: %+v, other %+v; want busy %v", mine, other, want)
	}
	e.clock.Add(e.last.End.Add(domain.ReportGrace + 30*24*time.Hour + time.Minute).Sub(e.clock.Now()))
	if mine, other = load(); mine.OverdueDays != 31 || other.OverdueDays != 0 {
		t.Errorf("31 days overdue: %d, other %d", mine.OverdueDays, other.OverdueDays)
	}
}
