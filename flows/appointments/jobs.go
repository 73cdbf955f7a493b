package appointments

import (
	"context"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// remind sends the reminders due, once a minute: 24 h and 2 h before each
// agreed appointment, to every participant who consents to reminders
// (domain.PurposeReminders; the others are left out). The store marks each sent
// once per appointment, kind and sequence, so a run twice (or on two
// instances) tells once and a rescheduled time is reminded afresh.
func (d Deps) remind(ctx context.Context, env engine.JobEnv) error {
	sent, err := d.Appointments.DueReminders(ctx, func(rm domain.Reminder) []domain.Notification {
		key := keyReminder2h
		if rm.Kind == domain.Reminder24h {
			key = keyReminder24h
		}
		ap := rm.Appointment
		var out []domain.Notification
		for _, u := range everyone(rm.Participants) {
			if u.Agreed[domain.PurposeReminders] == 0 {
				continue
			}
			lang := env.Notes.LangOf(u)
			out = append(out, env.Notes.Notification(u, key, map[string]any{"Ref": ap.RequestRef,
				"When": slotText(env.Texts, lang, env.Location, ap.Slot), "Where": where(ap.Slot)}, nil))
		}
		return out
	})
	if err != nil {
		return err
	}
	if len(sent) > 0 {
		env.Log.Info("appointment reminders", slog.Int("sent", len(sent)))
	}
	return nil
}
