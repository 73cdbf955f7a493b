package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// expireBatch bounds the offers one run of ExpireOffers looks at; the
// next run (a minute later) takes the rest.
const expireBatch = 200

// ExpireOffers expires the open offers past their deadline (see
// domain.OfferStore). Each offer is its own change under its request's
// lock, and expires only while it is still open: two runs at the same
// moment, on one instance or two, expire it once and tell once.
func (s *Store) ExpireOffers(ctx context.Context, notify func(domain.OfferChange) []domain.Notification) ([]domain.OfferChange, error) {
	now := s.now()
	rows, _ := s.pool.Query(ctx, `SELECT id, request_id FROM offers WHERE status = 'open' AND deadline <= $1
		ORDER BY deadline, id LIMIT $2`, now, expireBatch)
	due, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) ([2]int64, error) {
		var d [2]int64
		return d, row.Scan(&d[0], &d[1])
	})
	if err != nil {
		return nil, mapErr("offers due to expire", err)
	}
	var changes []domain.OfferChange
	for _, d := range due {
		var ch domain.OfferChange
		done := false
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT 1 FROM requests WHERE id = $1 FOR UPDATE`, d[1]); err != nil {
				return err
			}
			acted, err := changedOffers(ctx, tx, `UPDATE offers SET status = 'expired', answered_at = $2
				WHERE id = $1 AND status = 'open' AND deadline <= $2`, d[0], now)
			if err != nil || len(acted) == 0 {
				return err // expired meanwhile by another run, or answered
			}
			if ch, err = settleOffers(ctx, tx, d[1], now, acted[0]); err != nil {
				return err
			}
			done = true
			return notifyIn(ctx, tx, now, notify, ch)
		})
		if err != nil {
			return changes, mapErr(fmt.Sprintf("expire offer %d", d[0]), err)
		}
		if done {
			changes = append(changes, ch)
		}
	}
	return changes, nil
}

// RemindOffers marks the open offers past the middle of their window as
// reminded, once each (see domain.OfferStore): the conditional update
// decides, so that two runs remind once.
func (s *Store) RemindOffers(ctx context.Context, notify func(domain.Offer) []domain.Notification) ([]domain.Offer, error) {
	now := s.now()
	var reminded []domain.Offer
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		reminded, err = changedOffers(ctx, tx, `UPDATE offers SET reminded_at = $1
			WHERE id IN (SELECT id FROM offers WHERE status = 'open' AND reminded_at IS NULL AND deadline > $1
			               AND offered_at + (deadline - offered_at) / 2 <= $1
			             ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED)
			  AND reminded_at IS NULL`, now, expireBatch)
		if err != nil {
			return err
		}
		for _, o := range reminded {
			if err := notifyIn(ctx, tx, now, notify, o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, mapErr("remind offers", err)
	}
	return reminded, nil
}
