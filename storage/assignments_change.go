package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The office's corrections of the pool (issue 11, point 8). Both change
// offers the way the OfferStore's changes do: under the lock of each
// affected request's row, with settleOffers ending the change, so that
// the next queued offer opens or the change reports the request
// exhausted.

// SetAdvisorActive takes an advisor out of the pool or back in (see
// domain.AssignmentStore). The profile's row is locked first, then the
// affected requests in the order of their ids, so that two deactivations
// of advisors sharing requests cannot deadlock.
func (s *Store) SetAdvisorActive(ctx context.Context, advisorID, coordinatorID int64, active bool,
	notify func(domain.AdvisorDeactivation) []domain.Notification) (domain.AdvisorDeactivation, error) {
	op := fmt.Sprintf("set advisor %d active %v", advisorID, active)
	now := s.now()
	var d domain.AdvisorDeactivation
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var deactivated bool
		if err := tx.QueryRow(ctx, `SELECT a.deactivated FROM advisor_profiles a JOIN users u ON u.id = a.user_id
			WHERE a.user_id = $1 AND u.deleted_at IS NULL FOR UPDATE OF a`, advisorID).Scan(&deactivated); err != nil {
			return err
		}
		var err error
		if d.Advisor, err = scanUser(tx.QueryRow(ctx, `SELECT `+userCols+` FROM users u WHERE u.id = $1`, advisorID)); err != nil {
			return err
		}
		d.Active, d.Changed = active, deactivated == active
		if !d.Changed {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE advisor_profiles SET deactivated = $2, updated_at = $3 WHERE user_id = $1`,
			advisorID, !active, now); err != nil {
			return err
		}
		if !active {
			if err := withdrawLiveOffers(ctx, tx, advisorID, now, &d); err != nil {
				return err
			}
		}
		action := "advisor.reactivate"
		if !active {
			action = "advisor.deactivate"
		}
		ids := make([]int64, 0, len(d.Withdrawn))
		for _, o := range d.Withdrawn {
			ids = append(ids, o.ID)
		}
		if err := audit(ctx, tx, now, coordinatorID, action, userSubject(advisorID), map[string]any{"offers": ids}); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, d)
	})
	if err != nil {
		return domain.AdvisorDeactivation{}, mapErr(op, err)
	}
	return d, nil
}

// withdrawLiveOffers withdraws advisorID's queued and open offers, request
// by request under each request's lock, and settles each request; what it
// did goes into d.
func withdrawLiveOffers(ctx context.Context, tx pgx.Tx, advisorID int64, now time.Time, d *domain.AdvisorDeactivation) error {
	rows, _ := tx.Query(ctx, `SELECT id FROM requests WHERE id IN
		(SELECT request_id FROM offers WHERE advisor_id = $1 AND status IN ('queued', 'open'))
		ORDER BY id FOR UPDATE`, advisorID)
	reqIDs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	for _, id := range reqIDs {
		acted, err := changedOffers(ctx, tx, `UPDATE offers SET status = 'withdrawn', answered_at = $3
			WHERE request_id = $1 AND advisor_id = $2 AND status IN ('queued', 'open')`, id, advisorID, now)
		if err != nil {
			return err
		}
		if len(acted) == 0 {
			continue
		}
		ch, err := settleOffers(ctx, tx, id, now, acted[0])
		if err != nil {
			return err
		}
		d.Withdrawn = append(d.Withdrawn, acted...)
		d.Changes = append(d.Changes, ch)
	}
	return nil
}

// seatHolders are the statuses in which a request's seat can be taken
// back: an advisor holds it, and no appointment is agreed yet (the
// advisor's open proposals are cancelled with the seat).
var seatHolders = []domain.Status{domain.StatusMatching, domain.StatusAssigned}

// WithdrawSeat takes request requestID back from advisorID (see
// domain.AssignmentStore): the seat is freed by a conditional update on
// its holder, so that of two withdrawals at once one changes and the
// other finds the seat free.
func (s *Store) WithdrawSeat(ctx context.Context, requestID, advisorID, coordinatorID int64,
	notify func(domain.SeatWithdrawal) []domain.Notification) (domain.SeatWithdrawal, error) {
	op := fmt.Sprintf("withdraw request %d from advisor %d", requestID, advisorID)
	now := s.now()
	var w domain.SeatWithdrawal
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		prev, err := lockRequest(ctx, tx, requestID, seatHolders)
		if err != nil {
			return err
		}
		var offerID int64
		if err := tx.QueryRow(ctx, `UPDATE request_seats s SET advisor_id = NULL, offer_id = NULL, assigned_at = NULL
			FROM request_seats old WHERE old.request_id = s.request_id AND old.seat = s.seat
			  AND s.request_id = $1 AND s.advisor_id = $2 RETURNING old.offer_id`, requestID, advisorID).Scan(&offerID); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("%w: advisor holds no seat", domain.ErrConflict)
			}
			return err
		}
		if err := dropProposals(ctx, tx, requestID, advisorID, coordinatorID, now); err != nil {
			return err
		}
		acted, err := changedOffers(ctx, tx, `UPDATE offers SET status = 'withdrawn', answered_at = $2
			WHERE id = $1 AND status = 'accepted'`, offerID, now)
		if err != nil {
			return err
		}
		if len(acted) != 1 {
			return fmt.Errorf("seat's offer %d is not accepted", offerID)
		}
		if prev == domain.StatusAssigned {
			if err := moveRequest(ctx, tx, requestID, coordinatorID, now, prev, domain.StatusMatching); err != nil {
				return err
			}
		}
		if w.Change, err = settleOffers(ctx, tx, requestID, now, acted[0]); err != nil {
			return err
		}
		w.Advisor = acted[0].Advisor
		if err := audit(ctx, tx, now, coordinatorID, "request.withdraw_seat", fmt.Sprintf("request:%d", requestID),
			map[string]any{"advisor": advisorID, "offer": offerID}); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, w)
	})
	if err != nil {
		return domain.SeatWithdrawal{}, mapErr(op, err)
	}
	return w, nil
}
