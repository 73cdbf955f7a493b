package onboarding

import (
	"context"
	"embed"
	"fmt"
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what onboarding needs.
type Deps struct {
	Users   domain.UserStore
	Invites domain.InviteStore
	// Announce, when set, returns the notify function of a new municipal
	// contact's link (the contact check tells the office), written in the
	// registration's transaction; false after recording a store error.
	Announce func(t *engine.Turn) (func(domain.Contact) []domain.Notification, bool)
	// Consent is the consent question (flows/consent); required.
	Consent ConsentQuestion
}

// ConsentQuestion is the consent question of flows/consent, asked after
// the language: its text (the current versions), its answers, and the
// consents an answer gives (false: the user does not agree).
type ConsentQuestion struct {
	Text    func(t *engine.Turn) string
	Choices func(t *engine.Turn) [][]engine.Choice
	Given   func(choice string, at time.Time) ([]domain.Consent, bool)
}

// Register adds /start, the onboarding flow, the question whether a
// registered user adds an invite's role, and the invite clean-up.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: "start", Desc: keyCmdStart, Order: 10, Run: d.start})
	r.Flow(d.flow())
	r.Screen(screenAccept, d.accept)
	r.Job(engine.Job{
		Name: "invites.purge",
		Spec: "17 3 * * *", // nightly, when nobody is waiting for the bot
		Run:  d.purgeInvites,
	})
}

// purgeInvites deletes the invites that expired unused more than
// domain.InviteRetention ago. Running it twice does no harm.
func (d Deps) purgeInvites(ctx context.Context, env engine.JobEnv) error {
	n, err := d.Invites.DeleteExpiredInvites(ctx, env.Now.Add(-domain.InviteRetention))
	if err != nil {
		return fmt.Errorf("onboarding: purge invites: %w", err)
	}
	if n > 0 {
		env.Log.Info("purged expired invites", slog.Int64("count", n))
	}
	return nil
}
