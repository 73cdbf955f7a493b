package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// A report waiting a week is nudged once, and a completed request nobody
// rates is closed once (with a history row by the system), while eight
// runs of each go at once on two instances of the store; neither touches
// what is not due.
func TestNudgeAndCloseOnceUnderConcurrentRuns(t *testing.T) {
	t.Parallel()
	e := newReportEnv(t, false)
	ctx := context.Background()
	other, err := storage.Open(ctx, e.db.Config().ConnString(), storage.WithClock(e.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	rep := e.submit(t, e.draft(0))
	nudges := func() []string {
		return atOnce([]*storage.Store{e.st, other}, func(st *storage.Store) []string {
			got, err := st.NudgeWaiting(ctx, e.clock.Now().Add(-7*24*time.Hour), func(w domain.WaitingReport) []domain.Notification {
				return []domain.Notification{{ChatID: 1, Message: domain.Message{Text: fmt.Sprintf("nudge %d", w.ID)}}}
			})
			if err != nil {
				t.Error(err)
			}
			var out []string
			for _, w := range got {
				out = append(out, fmt.Sprintf("nudge %d to %d", w.ID, w.Requester.ID))
			}
			return out
		})
	}
	expect(t, "six days on", nudges())
	e.clock.Add(7*24*time.Hour + time.Minute)
	expect(t, "a week on", nudges(), fmt.Sprintf("nudge %d to %d", rep.ID, e.requester.ID))
	expect(t, "a week on, again", nudges())

	e.confirm(t, rep.ID)
	closes := func(before time.Time) []string {
		return atOnce([]*storage.Store{e.st, other}, func(st *storage.Store) []string {
			got, err := st.CloseCompleted(ctx, before, func(p domain.Participants) []domain.Notification {
				return []domain.Notification{{ChatID: 1, Message: domain.Message{Text: "closed " + p.Request.Ref}}}
			})
			if err != nil {
				t.Error(err)
			}
			var out []string
			for _, r := range got {
				out = append(out, fmt.Sprintf("closed %d %s", r.ID, r.Status))
			}
			return out
		})
	}
	expect(t, "not due", closes(e.clock.Now().Add(-time.Minute)))
	expect(t, "due", closes(e.clock.Now().Add(time.Minute)), fmt.Sprintf("closed %d closed", e.req.ID))
	expect(t, "due, again", closes(e.clock.Now().Add(time.Minute)))
	events, err := e.st.History(ctx, e.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.To != domain.StatusClosed || last.ActorID != 0 {
		t.Errorf("the closing's history row %+v, want one by the system", last)
	}
}
