package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The reminders of events (issue 14): those the scheduler sends before an
// event, and the organiser's one reminder to the associations that have
// not answered.

// dueEventRemindersSQL marks the reminders of events due at $1 (with $2 the
// nudge's lead in seconds) as sent and returns them. For a published event that has
// not started:
//   - '48h' is due from 48 hours before the start until the 2 h one is due,
//     to members of associations that answered maybe, or yes holding seats
//     (every yes without a capacity);
//   - '2h' is due from 2 hours before the start, to members of yes answers
//     holding seats;
//   - 'nudge' is due from $2 before the answer deadline until the deadline,
//     to members of maybe answers; it is sent once per member (sequence 0),
//     whatever changes the event goes through.
//
// As with appointments, the 48 h and 2 h ones go out only when the event's
// time was set (published or last changed, updated_at) before their lead
// began: a member does not get "in two days" five hours after a change
// told them the new time, and a change raises the sequence, so the new
// time is reminded afresh. Likewise the 48 h one and the nudge go only to
// answers given before their lead began: an association that answers a
// day before the start is not reminded of it a minute later. The members are those still members of the
// invited association and registered. FOR UPDATE waits for a change or
// cancellation in flight and then checks the event as it committed; the
// primary key and ON CONFLICT DO NOTHING make a second run (or instance) at
// the same moment wait for the first and then insert nothing.
const dueEventRemindersSQL = `
WITH due AS (
	SELECT e.id AS event_id, i.user_id, k.kind, CASE WHEN k.kind = 'nudge' THEN 0 ELSE e.sequence END AS sequence
	  FROM events e
	  CROSS JOIN (VALUES ('48h'), ('2h'), ('nudge')) AS k(kind)
	  JOIN event_invitations i ON i.event_id = e.id
	  JOIN users u ON u.id = i.user_id AND u.deleted_at IS NULL
	  JOIN organisation_members m ON m.organisation_id = i.organisation_id AND m.user_id = i.user_id
	  JOIN event_answers a ON a.event_id = e.id AND a.organisation_id = i.organisation_id
	 WHERE e.status = 'published' AND e.starts_at > $1
	   AND (e.starts_at - interval '48 hours' <= $1 OR e.deadline - $2::float8 * interval '1 second' <= $1)
	   AND CASE k.kind
	       WHEN '48h' THEN e.starts_at - interval '48 hours' <= $1 AND e.starts_at - interval '2 hours' > $1
	            AND e.updated_at < e.starts_at - interval '48 hours' AND a.answered_at < e.starts_at - interval '48 hours'
	            AND (a.reply = 'maybe' OR a.reply = 'yes' AND (a.seats > 0 OR e.capacity = 0))
	       WHEN '2h' THEN e.starts_at - interval '2 hours' <= $1 AND e.updated_at < e.starts_at - interval '2 hours'
	            AND a.reply = 'yes' AND (a.seats > 0 OR e.capacity = 0)
	       ELSE e.deadline - $2::float8 * interval '1 second' <= $1 AND e.deadline > $1 AND a.reply = 'maybe'
	            AND a.answered_at < e.deadline - $2::float8 * interval '1 second'
	       END
	 ORDER BY e.id, i.user_id
	   FOR UPDATE OF e
)
INSERT INTO event_reminders (event_id, user_id, kind, sequence, sent_at)
SELECT event_id, user_id, kind, sequence, $1 FROM due
ON CONFLICT DO NOTHING
RETURNING event_id, user_id, kind`

// DueEventReminders marks and returns the reminders of events due now
// (see domain.SeatStore); all in one transaction with notify's
// notifications.
func (s *Store) DueEventReminders(ctx context.Context, notify func(domain.EventReminder) []domain.Notification) ([]domain.EventReminder, error) {
	now := s.now()
	var out []domain.EventReminder
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, dueEventRemindersSQL, now, domain.NudgeLead.Seconds())
		type due struct {
			event, user int64
			kind        string
		}
		marked, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (due, error) {
			var d due
			return d, row.Scan(&d.event, &d.user, &d.kind)
		})
		if err != nil || len(marked) == 0 {
			return err
		}
		// The invitations of every member reminded, in one read (a 48 h
		// reminder of a big event goes to thousands at once).
		events, users := make([]int64, len(marked)), make([]int64, len(marked))
		for i, d := range marked {
			events[i], users[i] = d.event, d.user
		}
		rows, _ = tx.Query(ctx, invitationSQL+` WHERE (i.event_id, i.user_id) IN (SELECT * FROM unnest($1::bigint[], $2::bigint[]))`,
			events, users)
		invs, err := scanInvitations(rows)
		if err != nil {
			return err
		}
		byMember := make(map[[2]int64]domain.EventInvitation, len(invs))
		for _, inv := range invs {
			byMember[[2]int64{inv.Event.ID, inv.UserID}] = inv
		}
		for _, d := range marked {
			inv, ok := byMember[[2]int64{d.event, d.user}]
			if !ok {
				return fmt.Errorf("reminder of event %d: no invitation of user %d", d.event, d.user)
			}
			r := domain.EventReminder{Kind: domain.EventReminderKind(d.kind), Invitation: inv}
			if err := notifyIn(ctx, tx, now, notify, r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, mapErr("due event reminders", err)
	}
	return out, nil
}

// RemindUnanswered marks event id's reminder to the associations without
// an answer as sent by actorID and returns their members' invitations
// (see domain.SeatStore). The conditional UPDATE makes a second press (or
// two at once) find it sent: ErrConflict, nothing written.
func (s *Store) RemindUnanswered(ctx context.Context, id, actorID int64, notify func(domain.EventInvitation) []domain.Notification) ([]domain.EventInvitation, error) {
	op := fmt.Sprintf("remind the unanswered of event %d", id)
	now := s.now()
	var out []domain.EventInvitation
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := managedEvent(ctx, tx, id, actorID, lockUpdate)
		if err != nil {
			return err
		}
		if e.Status != domain.EventPublished || e.Started(now) {
			return domain.ErrConflict
		}
		tag, err := tx.Exec(ctx, `UPDATE events SET unanswered_reminded_at = $2
			WHERE id = $1 AND unanswered_reminded_at IS NULL`, id, now)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return domain.ErrConflict
		}
		rows, _ := tx.Query(ctx, invitationSQL+`
			JOIN organisation_members m ON m.organisation_id = i.organisation_id AND m.user_id = i.user_id
			WHERE i.event_id = $1 AND a.reply IS NULL AND u.deleted_at IS NULL
			ORDER BY i.organisation_id, i.user_id`, id)
		if out, err = scanInvitations(rows); err != nil {
			return err
		}
		if err := audit(ctx, tx, now, actorID, "event.remind_unanswered", eventSubject(id),
			map[string]any{"event_id": id, "members": len(out)}); err != nil {
			return err
		}
		for _, inv := range out {
			if err := notifyIn(ctx, tx, now, notify, inv); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, mapErr(op, err)
	}
	return out, nil
}
