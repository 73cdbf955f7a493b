package storage

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Candidates returns every advisor with a profile who still holds the
// advisor role, with the load the ranking needs (see domain.OfferStore):
// one query for the profiles, counts and busy times, one for the overdue
// reports (the definition of OverdueReports, at the store's now). Busy
// holds the agreed appointments of the requests they hold a seat of that
// end after quarterStart: a request's timeframe does not reach further
// back.
func (s *Store) Candidates(ctx context.Context, quarterStart, yearAgo time.Time) ([]domain.Candidate, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+advisorCols+`,
		(SELECT count(*) FROM request_seats s WHERE s.advisor_id = a.user_id AND s.assigned_at >= $1),
		(SELECT count(*) FROM request_seats s WHERE s.advisor_id = a.user_id AND s.assigned_at >= $2),
		(SELECT max(s.assigned_at) FROM request_seats s WHERE s.advisor_id = a.user_id),
		(SELECT max(o.offered_at) FROM offers o WHERE o.advisor_id = a.user_id),
		COALESCE(busy.starts, '{}'), COALESCE(busy.ends, '{}')
		FROM advisor_profiles a
		JOIN users u ON u.id = a.user_id AND u.deleted_at IS NULL
		JOIN user_roles r ON r.user_id = a.user_id AND r.role = 'advisor'
		LEFT JOIN LATERAL (
			SELECT array_agg(ap.starts_at ORDER BY ap.id) AS starts, array_agg(ap.ends_at ORDER BY ap.id) AS ends
			  FROM request_seats s
			  JOIN appointments ap ON ap.request_id = s.request_id AND ap.status = 'agreed' AND ap.ends_at > $1
			 WHERE s.advisor_id = a.user_id) busy ON true
		ORDER BY a.user_id`, quarterStart, yearAgo)
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Candidate, error) {
		var (
			c                       domain.Candidate
			lastAssigned, lastOffer *time.Time
			starts, ends            []time.Time
		)
		var err error
		c.Profile, err = scanAdvisor(row, &c.Load.Quarter, &c.Load.Year, &lastAssigned, &lastOffer, &starts, &ends)
		c.Load.LastAssignment, c.Load.LastOffer = deref(lastAssigned), deref(lastOffer)
		for i := range min(len(starts), len(ends)) {
			c.Load.Busy = append(c.Load.Busy, domain.Interval{Start: starts[i], End: ends[i]})
		}
		return c, err
	})
	if err != nil {
		return nil, mapErr("advisor candidates", err)
	}
	overdue, err := overdueAt(ctx, s.pool, s.now(), 0)
	if err != nil {
		return nil, mapErr("advisor candidates, overdue reports", err)
	}
	most := map[int64]int{}
	for _, o := range overdue {
		most[o.AdvisorID] = max(most[o.AdvisorID], o.Days)
	}
	for i := range list {
		list[i].Load.OverdueDays = most[list[i].ID()]
	}
	return list, nil
}
