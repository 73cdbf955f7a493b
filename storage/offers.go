package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Offers and seats (issue 11): reads, and the scanning every offer query
// shares. The changes are in offers_change.go, the jobs' in offers_jobs.go.

// offerCols are the columns of an offer o with its advisor u.
const offerCols = `o.id, o.request_id, (SELECT ref FROM requests WHERE id = o.request_id), o.advisor_id, u.telegram_id, u.chat_id, u.name, u.language, o.mode,
	o.status, o.position, o.answer_secs, COALESCE(o.created_by, 0), o.created_at, o.offered_at, o.deadline,
	o.reminded_at, o.answered_at, COALESCE(o.decline_reason, ''), o.decline_note`

// scanOffer reads a row of offerCols.
func scanOffer(row pgx.Row) (domain.Offer, error) {
	var (
		o                                     domain.Offer
		mode, status, reason                  string
		secs                                  int64
		offered, deadline, reminded, answered *time.Time
	)
	err := row.Scan(&o.ID, &o.RequestID, &o.RequestRef, &o.Advisor.ID, &o.Advisor.TelegramID, &o.Advisor.ChatID, &o.Advisor.Name,
		&o.Advisor.Lang, &mode, &status, &o.Position, &secs, &o.CreatedBy, &o.CreatedAt, &offered, &deadline,
		&reminded, &answered, &reason, &o.Note)
	o.Mode, o.Status, o.Reason = domain.OfferMode(mode), domain.OfferStatus(status), domain.DeclineReason(reason)
	o.Window = time.Duration(secs) * time.Second
	o.OfferedAt, o.Deadline, o.RemindedAt, o.AnsweredAt = deref(offered), deref(deadline), deref(reminded), deref(answered)
	return o, err
}

// deref is *t, or the zero time for nil.
func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// queryOffers runs a query whose rows are offerCols.
func queryOffers(ctx context.Context, q pgx.Tx, sql string, args ...any) ([]domain.Offer, error) {
	rows, _ := q.Query(ctx, sql, args...)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Offer, error) { return scanOffer(row) })
}

// changedOffers runs update, a data-modifying statement that RETURNING *
// of offers, and returns the changed offers with their advisors, in order.
func changedOffers(ctx context.Context, tx pgx.Tx, update string, args ...any) ([]domain.Offer, error) {
	return queryOffers(ctx, tx, `WITH o AS (`+update+` RETURNING *) SELECT `+offerCols+
		` FROM o JOIN users u ON u.id = o.advisor_id ORDER BY o.position, o.id`, args...)
}

// OfferByID returns the offer, or domain.ErrNotFound.
func (s *Store) OfferByID(ctx context.Context, id int64) (domain.Offer, error) {
	o, err := scanOffer(s.pool.QueryRow(ctx, `SELECT `+offerCols+
		` FROM offers o JOIN users u ON u.id = o.advisor_id WHERE o.id = $1`, id))
	if err != nil {
		return domain.Offer{}, mapErr(fmt.Sprintf("offer %d", id), err)
	}
	return o, nil
}

// OffersOf returns the offers of request id in their order, and its seats.
func (s *Store) OffersOf(ctx context.Context, requestID int64) ([]domain.Offer, []domain.Seat, error) {
	var (
		offers []domain.Offer
		seats  []domain.Seat
	)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if offers, err = queryOffers(ctx, tx, `SELECT `+offerCols+` FROM offers o JOIN users u ON u.id = o.advisor_id
			WHERE o.request_id = $1 ORDER BY o.position, o.id`, requestID); err != nil {
			return err
		}
		seats, err = seatsOf(ctx, tx, requestID)
		return err
	})
	if err != nil {
		return nil, nil, mapErr(fmt.Sprintf("offers of request %d", requestID), err)
	}
	return offers, seats, nil
}

// seatsOf returns the seats of request id, in order, with their holders'
// names.
func seatsOf(ctx context.Context, tx pgx.Tx, requestID int64) ([]domain.Seat, error) {
	rows, _ := tx.Query(ctx, `SELECT s.seat, COALESCE(s.advisor_id, 0), COALESCE(u.name, ''), COALESCE(s.offer_id, 0),
		s.assigned_at FROM request_seats s LEFT JOIN users u ON u.id = s.advisor_id
		WHERE s.request_id = $1 ORDER BY s.seat`, requestID)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Seat, error) {
		var (
			st domain.Seat
			at *time.Time
		)
		err := row.Scan(&st.N, &st.AdvisorID, &st.Advisor, &st.OfferID, &at)
		st.AssignedAt = deref(at)
		return st, err
	})
}
