package retention

import (
	"context"
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// purge is a RetentionStore method that removes what is older than its
// time and returns how many records went.
type purge func(s domain.RetentionStore, ctx context.Context, before time.Time) (int, error)

// purging is the job that removes with p what is older than keep at the
// job's time, and logs msg with how many records went (counts only, never
// who or what).
func (d Deps) purging(msg string, p purge, keep domain.Period) func(context.Context, engine.JobEnv) error {
	return func(ctx context.Context, env engine.JobEnv) error {
		n, err := p(d.Store, ctx, keep.Before(env.Now))
		env.Log.Info(msg, slog.Int("count", n))
		return err
	}
}

// purgeBilling deletes the locked billing records whose period ended by
// the job's time (part 2's store decides which).
func (d Deps) purgeBilling(ctx context.Context, env engine.JobEnv) error {
	n, err := d.Billing.PurgeBillingRecords(ctx, env.Now)
	env.Log.Info("retention: billing records removed", slog.Int("count", n))
	return err
}

// inactive warns the users about to be erased for inactivity, in their
// language with the day of the erasure and a button to keep the account,
// and erases those whose day has come.
func (d Deps) inactive(ctx context.Context, env engine.JobEnv) error {
	plan := domain.InactivityPlan{Now: env.Now, Inactive: d.Periods.Inactive,
		First: d.Periods.FirstWarning, Second: d.Periods.SecondWarning}
	first, second, err := d.Store.WarnInactive(ctx, plan, func(w domain.InactiveUser) []domain.Notification {
		lang := env.Notes.LangOf(w.User)
		key := keyWarnFirst
		if w.Warning == 2 {
			key = keyWarnSecond
		}
		day := env.Texts.Date(lang, engine.CalendarDay(w.EraseAfter, env.Location))
		keep := engine.DurableButton(env.Texts.Plain(lang, keyBtnKeep, nil), feature, actKeep, w.User.ID)
		return []domain.Notification{env.Notes.Notification(w.User, key, map[string]any{"Date": day},
			[][]engine.Button{{keep}})}
	})
	env.Log.Info("retention: inactive users warned", slog.Int("first", first), slog.Int("second", second))
	if err != nil {
		return err
	}
	n, err := d.Store.EraseInactive(ctx, env.Now)
	env.Log.Info("retention: inactive users erased", slog.Int("count", n))
	return err
}
