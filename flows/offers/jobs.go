package offers

import (
	"context"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// runJobs is the offers' scheduled work, once a minute: expire the offers
// past their deadline (the next advisor gets a one-after-another offer;
// the office is told when nobody is left), and remind the advisors
// halfway through their window. Both are conditional in the store, so a
// run twice at once, or on two instances, changes and tells once.
func (d Deps) runJobs(ctx context.Context, env engine.JobEnv) error {
	coords, err := d.Users.Coordinators(ctx)
	if err != nil {
		return err
	}
	tl := teller{tx: env.Texts, notes: env.Notes, loc: env.Location, coords: coords}
	expired, err := d.Offers.ExpireOffers(ctx, tl.tell)
	if err != nil {
		return err
	}
	reminded, err := d.Offers.RemindOffers(ctx, func(o domain.Offer) []domain.Notification {
		lang := env.Notes.LangOf(o.Advisor)
		return []domain.Notification{env.Notes.Notification(o.Advisor, keyReminder, map[string]any{"Ref": o.RequestRef,
			"Deadline": env.Texts.DateTime(lang, o.Deadline, env.Location)}, cardRows(env.Texts, lang, o.ID)).Regarding(aboutOffer(o.ID))}
	})
	if err != nil {
		return err
	}
	if len(expired)+len(reminded) > 0 {
		env.Log.Info("offers job", slog.Int("expired", len(expired)), slog.Int("reminded", len(reminded)))
	}
	return nil
}
