package storage

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// dueRemindersSQL marks the reminders due at $1 as sent and returns them.
// A reminder of kind k is due from its lead before the start until the
// start, for an agreed appointment whose time was set (agreed or last
// rescheduled, updated_at) before the lead began; the 24 h one is skipped
// once the 2 h one is due. FOR UPDATE waits for a reschedule or
// cancellation in flight and then checks the row as it committed, so that
// a reminder never goes out for a time given up; the primary key and ON
// CONFLICT DO NOTHING make a second run (or instance) at the same moment
// wait for the first and then insert nothing.
const dueRemindersSQL = `
WITH due AS (
	SELECT a.id, k.kind, a.sequence
	  FROM appointments a
	  CROSS JOIN (VALUES ('24h', interval '24 hours'), ('2h', interval '2 hours')) AS k(kind, lead)
	 WHERE a.status = 'agreed' AND a.starts_at > $1 AND a.starts_at - k.lead <= $1
	   AND a.updated_at < a.starts_at - k.lead
	   AND (k.kind = '2h' OR a.starts_at - interval '2 hours' > $1)
	 ORDER BY a.id
	   FOR UPDATE OF a
)
INSERT INTO appointment_reminders (appointment_id, kind, sequence, sent_at)
SELECT id, kind, sequence, $1 FROM due
ON CONFLICT DO NOTHING
RETURNING appointment_id, kind`

// DueReminders marks and returns the reminders due now (see
// domain.AppointmentStore); all in one transaction with notify's
// notifications.
func (s *Store) DueReminders(ctx context.Context, notify func(domain.Reminder) []domain.Notification) ([]domain.Reminder, error) {
	now := s.now()
	var out []domain.Reminder
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, dueRemindersSQL, now)
		type due struct {
			id   int64
			kind string
		}
		marked, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (due, error) {
			var d due
			return d, row.Scan(&d.id, &d.kind)
		})
		if err != nil {
			return err
		}
		for _, d := range marked {
			r := domain.Reminder{Kind: domain.ReminderKind(d.kind)}
			if r.Appointment, err = apptBy(ctx, tx, d.id); err != nil {
				return err
			}
			if r.Participants, err = participants(ctx, tx, r.Appointment.RequestID); err != nil {
				return err
			}
			if err := notifyIn(ctx, tx, now, notify, r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, mapErr("due reminders", err)
	}
	return out, nil
}
