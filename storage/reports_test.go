package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// reportEnv is an offerEnv whose request is scheduled, with its seats held
// (both, for a tandem) since the clock's start, and the clock three days on.
type reportEnv struct {
	offerEnv
}

func newReportEnv(t *testing.T, tandem bool) reportEnv {
	t.Helper()
	seats := 1
	if tandem {
		seats = 2
	}
	e := reportEnv{newOfferEnv(t, 3, tandem)}
	ch := e.start(t, domain.ModeParallel, 0, seats, nil)
	for _, o := range ch.Opened {
		if _, err := e.st.AcceptOffer(context.Background(), o.ID, o.Advisor.ID, nil); err != nil {
			t.Fatalf("accept: %v", err)
		}
	}
	if _, err := e.st.Transition(context.Background(), e.req.ID, e.advisors[0].ID, []domain.Status{domain.StatusAssigned},
		domain.StatusScheduled, domain.EventStatus, "", nil); err != nil {
		t.Fatalf("schedule: %v", err)
	}
	e.clock.Add(72 * time.Hour) // 27 November 2026
	return e
}

// day is midnight UTC of a day of November 2026.
func day(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }

// draft is advisor i's report: 3 h preparation, 4 h on site, 120 km.
func (e reportEnv) draft(i int) domain.ReportDraft {
	return domain.ReportDraft{RequestID: e.req.ID, AdvisorID: e.advisors[i].ID, Dates: []time.Time{day(25), day(26)},
		PrepMinutes: 180, SessionMinutes: 240, Km: 120, KmRateCents: 30, OtherCents: 1250, Note: "Workshop mit 14 Vereinen."}
}

// actor is the acting user with telegram id tg, as the engine reads them.
func (e reportEnv) actor(t *testing.T, tg int64) domain.Actor {
	t.Helper()
	a, err := e.st.ActorByTelegramID(context.Background(), tg)
	if err != nil {
		t.Fatalf("actor %d: %v", tg, err)
	}
	return a
}

// submit submits d and fails the test on error.
func (e reportEnv) submit(t *testing.T, d domain.ReportDraft) domain.Report {
	t.Helper()
	ch, err := e.st.SubmitReport(context.Background(), d, tellReport)
	if err != nil {
		t.Fatalf("submit report: %v", err)
	}
	return ch.Report
}

// confirm confirms version id by the requester and fails the test on error.
func (e reportEnv) confirm(t *testing.T, id int64) domain.ReportChange {
	t.Helper()
	ch, err := e.st.ConfirmReport(context.Background(), id, e.actor(t, 1), tellReport)
	if err != nil {
		t.Fatalf("confirm report %d: %v", id, err)
	}
	return ch
}

// tellReport writes one outbox row per change.
func tellReport(ch domain.ReportChange) []domain.Notification {
	return []domain.Notification{{ChatID: 1, Message: domain.Message{
		Text: fmt.Sprintf("report %d v%d %s completed=%v", ch.Report.ID, ch.Report.Version, ch.Report.Status, ch.Completed)}}}
}

// state is what the refusals must leave as it was.
func (e reportEnv) state(t *testing.T) string {
	t.Helper()
	var s string
	if err := e.db.QueryRow(context.Background(), `SELECT
		(SELECT COALESCE(string_agg(concat_ws('/', id, version, status, confirmed_by, question), ',' ORDER BY id), '') FROM reports)
		|| (SELECT status FROM requests WHERE id = $1)
		|| (SELECT count(*) FROM request_events)::text || (SELECT count(*) FROM outbox)::text
		|| (SELECT count(*) FROM report_ratings)::text`, e.req.ID).Scan(&s); err != nil {
		t.Fatalf("state: %v", err)
	}
	return s
}

// Submit, question, resubmit, confirm; the confirmed version is locked,
// and a correction is version 3, which needs confirming again; all stay.
func TestReportVersions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newReportEnv(t, false)
	requester := e.actor(t, 1)

	v1 := e.submit(t, e.draft(0))
	if v1.Version != 1 || v1.Status != domain.ReportSubmitted || v1.RequestRef != e.req.Ref || v1.Advisor != "Berater 0" ||
		len(v1.Dates) != 2 || !v1.Dates[0].Equal(day(25)) || v1.TravelCents() != 3600 || !v1.SubmittedAt.Equal(e.clock.Now()) {
		t.Fatalf("version 1 = %+v", v1)
	}
	if _, err := e.st.SubmitReport(ctx, e.draft(0), nil); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("second submit while v1 waits: %v, want ErrConflict", err)
	}
	ch, err := e.st.AskAboutReport(ctx, v1.ID, requester, "Waren es wirklich 120 km?", tellReport)
	if err != nil || ch.Report.Status != domain.ReportQuestion || ch.Report.QuestionBy != requester.ID ||
		ch.Report.Question != "Waren es wirklich 120 km?" || !ch.Report.QuestionAt.Equal(e.clock.Now()) {
		t.Fatalf("question: %+v, %v", ch.Report, err)
	}
	if _, err := e.st.ConfirmReport(ctx, v1.ID, requester, nil); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("confirming a version asked about: %v, want ErrConflict", err)
	}
	d := e.draft(0)
	d.Km = 96
	v2 := e.submit(t, d)
	if v2.Version != 2 || v2.Km != 96 || v2.Status != domain.ReportSubmitted {
		t.Fatalf("version 2 = %+v", v2)
	}
	e.clock.Add(time.Hour)
	ch = e.confirm(t, v2.ID)
	if ch.Report.ConfirmedBy != requester.ID || ch.Report.ConfirmedByName != "Sabine Krüger" ||
		!ch.Report.ConfirmedAt.Equal(e.clock.Now()) || !ch.Completed || ch.Request.Status != domain.StatusCompleted {
		t.Fatalf("confirm: %+v", ch)
	}
	history, err := e.st.History(ctx, e.req.ID)
	if last := history[len(history)-1]; err != nil || last.To != domain.StatusCompleted || last.From != domain.StatusScheduled ||
		last.ActorID != requester.ID {
		t.Fatalf("history ends with %+v, %v", last, err)
	}
	if _, err := e.st.ConfirmReport(ctx, v2.ID, requester, nil); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("confirming twice: %v, want ErrConflict", err)
	}

	// No UPDATE changes a confirmed version, not even one past the store.
	for _, q := range []string{`UPDATE reports SET km = 2000 WHERE id = $1`,
		`UPDATE reports SET status = 'submitted', confirmed_by = NULL, confirmed_at = NULL WHERE id = $1`} {
		if _, err := e.db.Exec(ctx, q, v2.ID); err == nil || !strings.Contains(err.Error(), "locked") {
			t.Fatalf("%s: %v, want the lock's error", q, err)
		}
	}

	// A correction is version 3: the request stays completed, v3 waits.
	d.OtherCents = 0
	v3 := e.submit(t, d)
	if v3.Version != 3 || v3.Status != domain.ReportSubmitted {
		t.Fatalf("version 3 = %+v", v3)
	}
	ch = e.confirm(t, v3.ID)
	if ch.Completed || ch.Request.Status != domain.StatusCompleted {
		t.Fatalf("confirming the correction: %+v", ch)
	}
	all, err := e.st.ReportsOf(ctx, e.req.ID)
	if err != nil || len(all) != 3 {
		t.Fatalf("reports of the request: %d, %v", len(all), err)
	}
	want := []string{"1 question 120 1250", "2 confirmed 96 1250", "3 confirmed 96 0"}
	for i, p := range all {
		if got := fmt.Sprintf("%d %s %d %d", p.Version, p.Status, p.Km, p.OtherCents); got != want[i] {
			t.Errorf("version %d: %s, want %s", i+1, got, want[i])
		}
	}
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE text LIKE 'report %'`); n != 6 {
		t.Errorf("%d notifications, want 6 (v1, question, v2, confirm, v3, confirm)", n)
	}
}

// A tandem completes only when both advisors' reports are confirmed.
func TestReportTandem(t *testing.T) {
	t.Parallel()
	e := newReportEnv(t, true)
	a := e.submit(t, e.draft(0))
	b := e.submit(t, e.draft(1))
	if ch := e.confirm(t, a.ID); ch.Completed || ch.Request.Status != domain.StatusScheduled {
		t.Fatalf("one of two confirmed: %+v", ch)
	}
	if ch := e.confirm(t, b.ID); !ch.Completed || ch.Request.Status != domain.StatusCompleted {
		t.Fatalf("both confirmed: %+v", ch)
	}
}
