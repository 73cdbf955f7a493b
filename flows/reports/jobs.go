package reports

import (
	"context"
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// ratingWindow is how long a completed request waits for its rating
// before it is closed without one.
const ratingWindow = 14 * 24 * time.Hour

// nudgeAfter is how long a report waits for the municipal side before
// the requester is shown it once more.
const nudgeAfter = 7 * 24 * time.Hour

// runJobs is the feature's hourly job: the waiting reports shown once
// more, the unrated requests closed.
func (d Deps) runJobs(ctx context.Context, env engine.JobEnv) error {
	if err := d.nudge(ctx, env); err != nil {
		return err
	}
	return d.closeUnratedJob(ctx, env)
}

// nudge shows the requester each report that has waited nudgeAfter for
// their answer once more, as a card with its buttons (every copy of the
// card is restyled once it is answered). The store nudges each once, also
// when two runs race.
func (d Deps) nudge(ctx context.Context, env engine.JobEnv) error {
	sent, err := d.Reports.NudgeWaiting(ctx, env.Now.Add(-nudgeAfter), func(w domain.WaitingReport) []domain.Notification {
		if w.Requester.ID == 0 {
			return nil
		}
		lang := env.Notes.LangOf(w.Requester)
		days := int(env.Now.Sub(w.SubmittedAt) / (24 * time.Hour))
		return []domain.Notification{env.Notes.Notification(w.Requester, keyToRequesterNudge, map[string]any{
			"Days": days, "Card": engine.HTML(cardText(env.Texts, lang, w.Report))}, cardRows(env.Texts, lang, w.ID)).
			Regarding(aboutReport(w.ID))}
	})
	if len(sent) > 0 {
		env.Log.Info("waiting reports shown again", slog.Int("reports", len(sent)))
	}
	return err
}

// closeUnratedJob closes the requests completed more than ratingWindow
// ago that nobody rated or closed, and tells the advisors and the
// requester. The store closes each once, also when two runs race.
func (d Deps) closeUnratedJob(ctx context.Context, env engine.JobEnv) error {
	closed, err := d.Reports.CloseCompleted(ctx, env.Now.Add(-ratingWindow), func(p domain.Participants) []domain.Notification {
		var requester *domain.User
		if p.Requester.ID != 0 {
			requester = &p.Requester
		}
		return closedNotes(env.Notes, p.Advisors, requester, p.Request, nil)
	})
	if len(closed) > 0 {
		env.Log.Info("completed requests closed without a rating", slog.Int("closed", len(closed)))
	}
	return err
}
