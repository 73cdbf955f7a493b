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
