package storage

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var _ domain.StatisticsStore = (*Store)(nil)

// Statistics returns the figures of [from, to) (see
// domain.StatisticsStore): a handful of set-based queries in one read-only
// snapshot, medians by percentile_cont. Nothing read here names a person.
func (s *Store) Statistics(ctx context.Context, from, to time.Time) (domain.Statistics, error) {
	st := domain.Statistics{From: from, To: to}
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		for _, read := range []func(context.Context, pgx.Tx, *domain.Statistics) error{
			statsSince, statsRequests, statsMedians, statsOffers, statsWorkload, statsEvents, statsRatings,
		} {
			if err := read(ctx, tx, &st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return domain.Statistics{}, mapErr("statistics", err)
	}
	return st, nil
}

// statsSince reads the earliest moment any figure counts.
func statsSince(ctx context.Context, tx pgx.Tx, st *domain.Statistics) error {
	var since *time.Time
	err := tx.QueryRow(ctx, `SELECT LEAST(
			(SELECT min(created_at) FROM requests),
			(SELECT min(offered_at) FROM offers),
			(SELECT min(assigned_at) FROM request_seats),
			(SELECT min(published_at) FROM events),
			(SELECT min(rated_at) FROM report_ratings))`).Scan(&since)
	if since != nil {
		st.Since = *since
	}
	return err
}

// statsRequests counts the period's requests by status, topic and the
// Bundesland of their municipality (one grouping set each, and the total).
func statsRequests(ctx context.Context, tx pgx.Tx, st *domain.Statistics) error {
	rows, err := tx.Query(ctx, `SELECT r.status, r.topic, m.state, count(*)::int, GROUPING(r.status, r.topic, m.state)
		FROM requests r JOIN municipalities m ON m.id = r.municipality_id
		WHERE r.created_at >= $1 AND r.created_at < $2
		GROUP BY GROUPING SETS ((r.status), (r.topic), (m.state), ())`, st.From, st.To)
	if err != nil {
		return err
	}
	f := &st.Requests
	f.ByStatus, f.ByTopic, f.ByState = map[domain.Status]int{}, map[domain.Topic]int{}, map[string]int{}
	var status, topic, state *string
	var n, grouping int
	_, err = pgx.ForEachRow(rows, []any{&status, &topic, &state, &n, &grouping}, func() error {
		switch grouping {
		case 0b011: // grouped by status
			f.ByStatus[domain.Status(*status)] = n
		case 0b101:
			f.ByTopic[domain.Topic(*topic)] = n
		case 0b110:
			f.ByState[*state] = n
		case 0b111:
			f.Total = n
		}
		return nil
	})
	return err
}

// statsMedians reads the median days from the submission of the period's
// requests to their first approval, their first seat taken and their
// completion (each over the requests that got there).
func statsMedians(ctx context.Context, tx pgx.Tx, st *domain.Statistics) error {
	f := &st.Requests
	var approval, assignment, completion *float64
	err := tx.QueryRow(ctx, `SELECT
			count(approval)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY approval),
			count(assignment)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY assignment),
			count(completion)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY completion)
		FROM (SELECT
			extract(epoch FROM (SELECT min(e.at) FROM request_events e
				WHERE e.request_id = r.id AND e.kind = 'status' AND e.to_status = 'approved') - r.created_at)::float8 / 86400 AS approval,
			extract(epoch FROM (SELECT min(s.assigned_at) FROM request_seats s
				WHERE s.request_id = r.id) - r.created_at)::float8 / 86400 AS assignment,
			extract(epoch FROM (SELECT min(e.at) FROM request_events e
				WHERE e.request_id = r.id AND e.kind = 'status' AND e.to_status = 'completed') - r.created_at)::float8 / 86400 AS completion
			FROM requests r WHERE r.created_at >= $1 AND r.created_at < $2) d`, st.From, st.To).
		Scan(&f.ToApproval.N, &approval, &f.ToAssignment.N, &assignment, &f.ToCompletion.N, &completion)
	for _, m := range []struct {
		to *domain.Median
		v  *float64
	}{{&f.ToApproval, approval}, {&f.ToAssignment, assignment}, {&f.ToCompletion, completion}} {
		if m.v != nil {
			m.to.Days = *m.v
		}
	}
	return err
}

// statsOffers counts the offers sent in the period by status and decline
// reason.
func statsOffers(ctx context.Context, tx pgx.Tx, st *domain.Statistics) error {
	rows, err := tx.Query(ctx, `SELECT status, COALESCE(decline_reason, ''), count(*)::int FROM offers
		WHERE offered_at >= $1 AND offered_at < $2 GROUP BY status, decline_reason`, st.From, st.To)
	if err != nil {
		return err
	}
	f := &st.Offers
	f.Reasons = map[domain.DeclineReason]int{}
	var status, reason string
	var n int
	by := map[domain.OfferStatus]*int{domain.OfferOpen: &f.Open, domain.OfferAccepted: &f.Accepted,
		domain.OfferDeclined: &f.Declined, domain.OfferExpired: &f.Expired, domain.OfferTaken: &f.Taken,
		domain.OfferWithdrawn: &f.Withdrawn}
	_, err = pgx.ForEachRow(rows, []any{&status, &reason, &n}, func() error {
		f.Sent += n
		if c := by[domain.OfferStatus(status)]; c != nil {
			*c += n
		}
		if reason != "" {
			f.Reasons[domain.DeclineReason(reason)] += n
		}
		return nil
	})
	return err
}

// statsWorkload reads how many seats each advisor took in the period:
// every holder of the advisor role granted before its end and everyone
// who took a seat in it, with zero for none; only the counts leave.
func statsWorkload(ctx context.Context, tx pgx.Tx, st *domain.Statistics) error {
	w := &st.Workload
	var median *float64
	err := tx.QueryRow(ctx, `WITH advisors AS (
			SELECT user_id FROM user_roles WHERE role = 'advisor' AND granted_at < $2
			UNION
			SELECT advisor_id FROM request_seats WHERE assigned_at >= $1 AND assigned_at < $2
		), per AS (
			SELECT a.user_id, count(s.request_id)::int AS n FROM advisors a
			LEFT JOIN request_seats s ON s.advisor_id = a.user_id AND s.assigned_at >= $1 AND s.assigned_at < $2
			GROUP BY a.user_id
		)
		SELECT count(*)::int, COALESCE(max(n), 0), percentile_cont(0.5) WITHIN GROUP (ORDER BY n),
			COALESCE(array_agg(n ORDER BY n DESC), '{}') FROM per`, st.From, st.To).
		Scan(&w.Advisors, &w.Max, &median, &w.Counts)
	if median != nil {
		w.Median = *median
	}
	return err
}

// statsEvents counts the events published in the period, the associations
// invited to them and their answers: from the answers while they are
// there, and from the figures the retention job kept on the event once
// it deleted them (six months after the event).
func statsEvents(ctx context.Context, tx pgx.Tx, st *domain.Statistics) error {
	f := &st.Events
	return tx.QueryRow(ctx, `WITH ev AS (
			SELECT * FROM events WHERE published_at >= $1 AND published_at < $2
		), live AS (
			SELECT (SELECT count(*) FROM ev CROSS JOIN LATERAL (`+invitedOrgs("ev.id")+`) o
					WHERE ev.answers_purged_at IS NULL) AS invited,
				count(a.*) AS answered,
				count(*) FILTER (WHERE a.reply = 'yes') AS yes,
				count(*) FILTER (WHERE a.reply = 'maybe') AS maybe,
				count(*) FILTER (WHERE a.reply = 'no') AS no,
				COALESCE(sum(a.persons) FILTER (WHERE a.reply = 'yes'), 0) AS persons,
				count(*) FILTER (WHERE a.attended) AS came,
				count(*) FILTER (WHERE NOT a.attended) AS absent
			FROM event_answers a WHERE a.event_id IN (SELECT id FROM ev WHERE answers_purged_at IS NULL)
		), kept AS (
			SELECT COALESCE(sum(final_invited), 0) AS invited,
				COALESCE(sum(final_yes + final_maybe + final_no), 0) AS answered,
				COALESCE(sum(final_yes), 0) AS yes, COALESCE(sum(final_maybe), 0) AS maybe,
				COALESCE(sum(final_no), 0) AS no, COALESCE(sum(final_persons), 0) AS persons,
				COALESCE(sum(final_attended), 0) AS came, COALESCE(sum(final_absent), 0) AS absent
			FROM ev WHERE answers_purged_at IS NOT NULL
		)
		SELECT (SELECT count(*)::int FROM ev), (SELECT count(*)::int FROM ev WHERE status = 'cancelled'),
			(l.invited + k.invited)::int, (l.answered + k.answered)::int, (l.yes + k.yes)::int,
			(l.maybe + k.maybe)::int, (l.no + k.no)::int, (l.persons + k.persons)::int,
			(l.came + k.came)::int, (l.absent + k.absent)::int
		FROM live l, kept k`, st.From, st.To).
		Scan(&f.Published, &f.Cancelled, &f.Invited, &f.Answered, &f.Yes, &f.Maybe, &f.No, &f.Persons, &f.Came, &f.NotCame)
}

// statsRatings counts the ratings given in the period by stars.
func statsRatings(ctx context.Context, tx pgx.Tx, st *domain.Statistics) error {
	rows, err := tx.Query(ctx, `SELECT stars, count(*)::int FROM report_ratings
		WHERE rated_at >= $1 AND rated_at < $2 GROUP BY stars`, st.From, st.To)
	if err != nil {
		return err
	}
	var stars, n int
	_, err = pgx.ForEachRow(rows, []any{&stars, &n}, func() error {
		if stars >= 1 && stars <= len(st.Ratings.Stars) {
			st.Ratings.Stars[stars-1] = n
		}
		return nil
	})
	return err
}
