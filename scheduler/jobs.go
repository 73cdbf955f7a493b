package scheduler

import (
	"context"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows"
)

// Standard returns the bot's scheduled jobs.
func Standard(store flows.InvitePurger, clock flows.Clock, log *slog.Logger) []Job {
	return []Job{{
		Name: "invites.purge",
		Spec: "17 3 * * *", // nightly, when nobody is waiting for the bot
		Run: func(ctx context.Context) error {
			n, err := flows.PurgeInvites(ctx, store, clock())
			if err == nil && n > 0 {
				log.Info("purged expired invites", slog.Int64("count", n))
			}
			return err
		},
	}}
}
