package storage

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var _ domain.ErasureStore = (*Store)(nil)

// ErasurePlan returns what erasing userID touches (see domain.ErasureStore),
// read in one repeatable-read transaction so that the parts agree.
func (s *Store) ErasurePlan(ctx context.Context, userID int64) (domain.ErasurePlan, error) {
	var p domain.ErasurePlan
	now := s.now()
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT COALESCE((SELECT NOT a.deactivated FROM advisor_profiles a WHERE a.user_id = u.id), false)
			FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL`, userID).Scan(&p.Advisor); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT ref, status IN ('submitted', 'in_review', 'question', 'approved', 'matching',
			'assigned', 'scheduled') FROM requests WHERE requester_id = $1 ORDER BY created_at DESC, id DESC`, userID)
		var ref string
		var open bool
		if _, err := pgx.ForEachRow(rows, []any{&ref, &open}, func() error {
			p.Requests = append(p.Requests, ref)
			if open {
				p.OpenRequests = append(p.OpenRequests, ref)
			}
			return nil
		}); err != nil {
			return err
		}
		return s.planHeld(ctx, tx, userID, now, &p)
	})
	if err != nil {
		return domain.ErasurePlan{}, mapErr("erasure plan", err)
	}
	return p, nil
}

// planHeld reads into p what userID holds that others rely on, and their
// confirmed report versions.
func (s *Store) planHeld(ctx context.Context, tx pgx.Tx, userID int64, now time.Time, p *domain.ErasurePlan) error {
	rows, _ := tx.Query(ctx, `SELECT o.id, o.request_id, r.ref FROM offers o JOIN requests r ON r.id = o.request_id
		WHERE o.advisor_id = $1 AND o.status IN ('queued', 'open') ORDER BY o.request_id, o.id`, userID)
	var err error
	if p.Offers, err = pgx.CollectRows(rows, pgx.RowToStructByPos[domain.ErasureOffer]); err != nil {
		return err
	}
	rows, _ = tx.Query(ctx, `SELECT s.request_id, r.ref, r.status, r.requester_id FROM request_seats s
		JOIN requests r ON r.id = s.request_id
		WHERE s.advisor_id = $1 AND r.status IN ('matching', 'assigned', 'scheduled') ORDER BY s.request_id`, userID)
	if p.Seats, err = pgx.CollectRows(rows, pgx.RowToStructByPos[domain.ErasureSeat]); err != nil {
		return err
	}
	rows, _ = tx.Query(ctx, `SELECT a.event_id, a.organisation_id, e.title, o.name FROM event_answers a
		JOIN events e ON e.id = a.event_id JOIN organisations o ON o.id = a.organisation_id
		WHERE a.organisation_id IN (SELECT organisation_id FROM organisation_members WHERE user_id = $1)
		  AND NOT EXISTS (SELECT 1 FROM organisation_members m WHERE m.organisation_id = a.organisation_id AND m.user_id <> $1)
		  AND a.reply IN ('yes', 'maybe') AND e.status = 'published' AND e.starts_at > $2
		ORDER BY e.starts_at, a.event_id, a.organisation_id`, userID, now)
	if p.Answers, err = pgx.CollectRows(rows, pgx.RowToStructByPos[domain.ErasureAnswer]); err != nil {
		return err
	}
	rows, _ = tx.Query(ctx, `SELECT id, title FROM events WHERE organiser_id = $1 AND status = 'published'
		AND starts_at > $2 ORDER BY starts_at, id`, userID, now)
	if p.Events, err = pgx.CollectRows(rows, pgx.RowToStructByPos[domain.ErasureEvent]); err != nil {
		return err
	}
	rows, _ = tx.Query(ctx, `SELECT r.ref FROM reports p JOIN requests r ON r.id = p.request_id
		WHERE p.advisor_id = $1 AND p.status IN ('submitted', 'question')
		GROUP BY r.id, r.ref ORDER BY min(p.submitted_at), r.id`, userID)
	if p.Unconfirmed, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return err
	}
	confirmed, err := s.confirmedOf(ctx, tx, userID)
	for _, c := range confirmed {
		p.Billing = append(p.Billing, domain.ErasureReport{ReportID: c.id, Ref: c.ref, LockedUntil: c.lockedUntil})
	}
	return err
}

// confirmedReport is a confirmed report version of an advisor with the
// end of its lock.
type confirmedReport struct {
	id          int64
	ref         string
	lockedUntil time.Time
}

// confirmedOf returns userID's confirmed report versions, oldest first,
// with the day their billing records stay locked until.
func (s *Store) confirmedOf(ctx context.Context, tx pgx.Tx, userID int64) ([]confirmedReport, error) {
	rows, _ := tx.Query(ctx, `SELECT p.id, r.ref, p.confirmed_at FROM reports p JOIN requests r ON r.id = p.request_id
		WHERE p.advisor_id = $1 AND p.status = 'confirmed' ORDER BY p.confirmed_at, p.id`, userID)
	var out []confirmedReport
	var c confirmedReport
	var at time.Time
	_, err := pgx.ForEachRow(rows, []any{&c.id, &c.ref, &at}, func() error {
		c.lockedUntil = domain.BillingLockedUntil(at, s.billingYears, s.zone)
		out = append(out, c)
		return nil
	})
	return out, err
}
