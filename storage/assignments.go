package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var _ domain.AssignmentStore = (*Store)(nil)

// What advisors are doing (issue 11, point 8): reads for "Meine Einsätze"
// and the office's list of the pool. The office's changes are in
// assignments_change.go.

// doneStatuses are the statuses of a request whose work is over.
const doneStatuses = `('completed', 'closed')`

// MyOffers returns what advisorID has (see domain.AssignmentStore), in one
// transaction so that the lists agree.
func (s *Store) MyOffers(ctx context.Context, advisorID int64, quarterStart time.Time) (domain.AdvisorWork, error) {
	var w domain.AdvisorWork
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, `SELECT o.id, r.id, r.ref, r.topic, r.topic_other, m.name, o.deadline
			FROM offers o JOIN requests r ON r.id = o.request_id JOIN municipalities m ON m.id = r.municipality_id
			WHERE o.advisor_id = $1 AND o.status = 'open' ORDER BY o.deadline, o.id`, advisorID)
		var err error
		if w.Open, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.OpenOffer, error) {
			var (
				o     domain.OpenOffer
				topic string
			)
			err := row.Scan(&o.OfferID, &o.RequestID, &o.Ref, &topic, &o.TopicOther, &o.Municipality, &o.Deadline)
			o.Topic = domain.Topic(topic)
			return o, err
		}); err != nil {
			return err
		}
		all, err := assignmentsOf(ctx, tx, advisorID)
		if err != nil {
			return err
		}
		for _, a := range all {
			if a.Done() {
				w.Completed = append(w.Completed, a)
			} else {
				w.Held = append(w.Held, a)
			}
		}
		return tx.QueryRow(ctx, `SELECT count(*),
			count(*) FILTER (WHERE status = 'accepted'),
			count(*) FILTER (WHERE status = 'declined'), count(*) FILTER (WHERE status = 'expired')
			FROM offers WHERE advisor_id = $1 AND offered_at >= $2`, advisorID, quarterStart).
			Scan(&w.Quarter.Received, &w.Quarter.Accepted, &w.Quarter.Declined, &w.Quarter.Expired)
	})
	if err != nil {
		return domain.AdvisorWork{}, mapErr(fmt.Sprintf("work of advisor %d", advisorID), err)
	}
	return w, nil
}

// assignmentsOf returns the seats advisorID holds, newest first, with
// their requests, municipalities and contacts.
func assignmentsOf(ctx context.Context, tx pgx.Tx, advisorID int64) ([]domain.Assignment, error) {
	rows, _ := tx.Query(ctx, `SELECT r.id, s.offer_id, s.seat, r.ref, r.status, r.topic, r.topic_other, m.name, m.state,
			COALESCE(ru.name, ''), r.contact_function, r.contact_reach, r.department, r.place, r.format, s.assigned_at
		FROM request_seats s JOIN requests r ON r.id = s.request_id
		JOIN municipalities m ON m.id = r.municipality_id
		LEFT JOIN users ru ON ru.id = r.requester_id AND ru.deleted_at IS NULL
		WHERE s.advisor_id = $1 ORDER BY s.assigned_at DESC, r.id DESC`, advisorID)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Assignment, error) {
		var (
			a                     domain.Assignment
			status, topic, format string
		)
		err := row.Scan(&a.RequestID, &a.OfferID, &a.Seat, &a.Ref, &status, &topic, &a.TopicOther, &a.Municipality,
			&a.State, &a.ContactName, &a.ContactFunction, &a.ContactReach, &a.Department, &a.Place, &format, &a.AssignedAt)
		a.Status, a.Topic, a.Format = domain.Status(status), domain.Topic(topic), domain.Format(format)
		return a, err
	})
}

// AdvisorPool returns the advisors of the pool with their load (see
// domain.AssignmentStore), in one query.
func (s *Store) AdvisorPool(ctx context.Context, quarterStart time.Time) ([]domain.PoolEntry, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+advisorCols+`,
		(SELECT count(*) FROM offers o WHERE o.advisor_id = a.user_id AND o.status = 'open'),
		(SELECT count(*) FROM request_seats s JOIN requests r ON r.id = s.request_id
		  WHERE s.advisor_id = a.user_id AND r.status NOT IN `+doneStatuses+`),
		(SELECT count(*) FROM request_seats s WHERE s.advisor_id = a.user_id AND s.assigned_at >= $1)
		FROM advisor_profiles a
		JOIN users u ON u.id = a.user_id AND u.deleted_at IS NULL
		JOIN user_roles ur ON ur.user_id = a.user_id AND ur.role = 'advisor'
		ORDER BY lower(u.name), a.user_id`, quarterStart)
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.PoolEntry, error) {
		var (
			e   domain.PoolEntry
			err error
		)
		e.Profile, err = scanAdvisor(row, &e.Open, &e.Held, &e.Quarter)
		return e, err
	})
	if err != nil {
		return nil, mapErr("advisor pool", err)
	}
	return list, nil
}
