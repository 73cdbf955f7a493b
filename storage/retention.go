package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// What the retention jobs delete (see domain.RetentionStore and
// flows/retention). Each deletion is one statement or one transaction
// whose conditions are checked again by the statement that deletes, so
// a second run, or a run on another instance at the same time, finds
// nothing more to do.

var _ domain.RetentionStore = (*Store)(nil)

// purge runs one deleting statement and returns the rows it removed.
func (s *Store) purge(ctx context.Context, op, sql string, args ...any) (int, error) {
	tag, err := s.pool.Exec(ctx, sql, args...)
	if err != nil {
		return 0, mapErr(op, err)
	}
	return int(tag.RowsAffected()), nil
}

// PurgeEventDrafts deletes the event drafts last changed before before
// (see domain.RetentionStore). A draft has no invitations yet.
func (s *Store) PurgeEventDrafts(ctx context.Context, before time.Time) (int, error) {
	return s.purge(ctx, "purge event drafts",
		`DELETE FROM events WHERE status = 'draft' AND updated_at < $1`, before)
}

// PurgeOutbox deletes the outbox messages sent or given up before before
// (see domain.RetentionStore). Messages given up because their chat
// blocked the bot go as well: a user who comes back after that long gets
// no month-old notices. The chat's blocked_chats record stays while it is
// blocked (UnblockChat deletes it once the user writes again, so a
// resolved block leaves no record to purge).
func (s *Store) PurgeOutbox(ctx context.Context, before time.Time) (int, error) {
	sent, err := s.purge(ctx, "purge sent outbox", `DELETE FROM outbox WHERE sent_at < $1`, before)
	if err != nil {
		return 0, err
	}
	failed, err := s.purge(ctx, "purge failed outbox", `DELETE FROM outbox WHERE failed_at < $1`, before)
	return sent + failed, err
}

// PurgeEndedRequests deletes the declined and withdrawn requests last
// changed before before (see domain.RetentionStore). Their history,
// seats, offers, appointments and reports go with them (ON DELETE
// CASCADE); a request with a confirmed report is billing evidence and
// stays.
func (s *Store) PurgeEndedRequests(ctx context.Context, before time.Time) (int, error) {
	return s.purge(ctx, "purge ended requests", `
DELETE FROM requests r
 WHERE r.status IN ('declined', 'cancelled') AND r.updated_at < $1
   AND NOT EXISTS (SELECT 1 FROM reports p WHERE p.request_id = r.id AND p.status = 'confirmed')`, before)
}

// finalFiguresSQL keeps the figures of the events that ended before $1
// and still have their lists, marks them purged at $2 and returns their
// ids; events another run holds are skipped (it purges them).
var finalFiguresSQL = `
WITH due AS (
    SELECT id FROM events
     WHERE ends_at < $1 AND status <> 'draft' AND answers_purged_at IS NULL
     ORDER BY id
     FOR UPDATE SKIP LOCKED
)
UPDATE events e
   SET answers_purged_at = $2,
       final_invited  = (SELECT count(*) FROM (` + invitedOrgs("e.id") + `) o),
       final_yes      = (SELECT count(*) FROM event_answers WHERE event_id = e.id AND reply = 'yes'),
       final_maybe    = (SELECT count(*) FROM event_answers WHERE event_id = e.id AND reply = 'maybe'),
       final_no       = (SELECT count(*) FROM event_answers WHERE event_id = e.id AND reply = 'no'),
       final_persons  = (SELECT COALESCE(sum(persons), 0) FROM event_answers WHERE event_id = e.id AND reply = 'yes'),
       final_attended = (SELECT count(*) FROM event_answers WHERE event_id = e.id AND attended),
       final_absent   = (SELECT count(*) FROM event_answers WHERE event_id = e.id AND NOT attended)
  FROM due
 WHERE e.id = due.id
RETURNING e.id`

// PurgeEventAnswers deletes the invitations, answers and reminders of the
// events that ended before before and keeps their figures on the event,
// in one transaction (see domain.RetentionStore).
func (s *Store) PurgeEventAnswers(ctx context.Context, before time.Time) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, finalFiguresSQL, before, s.now())
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil || len(ids) == 0 {
			return err
		}
		for _, table := range []string{"event_reminders", "event_answers", "event_invitations"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE event_id = ANY($1)`, ids); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		return 0, mapErr("purge event answers", err)
	}
	return n, nil
}

// TouchUser records userID's contact at now, at most once a day (see
// domain.ActivityStore): one conditional UPDATE by primary key, which
// writes only when the last contact is a day old (or a warning of
// inactivity is out).
func (s *Store) TouchUser(ctx context.Context, userID int64, now time.Time) error {
	_, err := s.pool.Exec(ctx, `
UPDATE users SET last_seen_at = $2, erase_warnings = 0, erase_after = NULL
 WHERE id = $1 AND deleted_at IS NULL
   AND (last_seen_at IS NULL OR last_seen_at <= $3 OR erase_warnings > 0)`, userID, now, now.Add(-24*time.Hour))
	if err != nil {
		return mapErr(fmt.Sprintf("touch user %d", userID), err)
	}
	return nil
}
