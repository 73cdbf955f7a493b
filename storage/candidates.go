package storage

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Candidates returns every advisor with a profile who still holds the
// advisor role, with the load the ranking needs (see domain.OfferStore),
// in one query. Busy stays empty until appointments exist.
func (s *Store) Candidates(ctx context.Context, quarterStart, yearAgo time.Time) ([]domain.Candidate, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+advisorCols+`,
		(SELECT count(*) FROM request_seats s WHERE s.advisor_id = a.user_id AND s.assigned_at >= $1),
		(SELECT count(*) FROM request_seats s WHERE s.advisor_id = a.user_id AND s.assigned_at >= $2),
		(SELECT max(s.assigned_at) FROM request_seats s WHERE s.advisor_id = a.user_id),
		(SELECT max(o.offered_at) FROM offers o WHERE o.advisor_id = a.user_id)
		FROM advisor_profiles a
		JOIN users u ON u.id = a.user_id AND u.deleted_at IS NULL
		JOIN user_roles r ON r.user_id = a.user_id AND r.role = 'advisor'
		ORDER BY a.user_id`, quarterStart, yearAgo)
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Candidate, error) {
		var (
			c                       domain.Candidate
			lastAssigned, lastOffer *time.Time
		)
		var err error
		c.Profile, err = scanAdvisor(row, &c.Load.Quarter, &c.Load.Year, &lastAssigned, &lastOffer)
		c.Load.LastAssignment, c.Load.LastOffer = deref(lastAssigned), deref(lastOffer)
		return c, err
	})
	if err != nil {
		return nil, mapErr("advisor candidates", err)
	}
	return list, nil
}
