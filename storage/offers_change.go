package storage

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Every change of a request's offers locks the request's row first
// (lockRequest), so that the changes of one request run one after another
// and see each other's seats and offers; what decides a race is still a
// conditional UPDATE whose row count tells (an offer still open, a seat
// still free), so that a replayed or late press changes nothing.

// offerable are the statuses in which a request may be offered.
var offerable = []domain.Status{domain.StatusApproved, domain.StatusMatching}

// StartOffers carries out plan (see domain.OfferStore).
func (s *Store) StartOffers(ctx context.Context, plan domain.OfferPlan, notify func(domain.OfferChange) []domain.Notification) (domain.OfferChange, error) {
	op := fmt.Sprintf("offer request %d", plan.RequestID)
	switch {
	case !plan.Mode.Known() || len(plan.Advisors) == 0 || plan.Window <= 0:
		return domain.OfferChange{}, opErr(op, fmt.Errorf("%w: plan %s of %d advisors", domain.ErrInvalid, plan.Mode, len(plan.Advisors)))
	case plan.Mode == domain.ModeDirect && len(plan.Advisors) != 1:
		return domain.OfferChange{}, opErr(op, fmt.Errorf("%w: a direct offer goes to one advisor", domain.ErrInvalid))
	}
	now := s.now()
	var ch domain.OfferChange
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		prev, err := lockRequest(ctx, tx, plan.RequestID, offerable)
		if err != nil {
			return err
		}
		req, err := requestBy(ctx, tx, `r.id = $1`, plan.RequestID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO request_seats (request_id, seat) SELECT $1, g FROM generate_series(1, $2) g
			ON CONFLICT DO NOTHING`, req.ID, domain.SeatsFor(req)); err != nil {
			return err
		}
		var holders int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM request_seats WHERE request_id = $1 AND advisor_id = ANY($2)`,
			req.ID, plan.Advisors).Scan(&holders); err != nil {
			return err
		}
		if holders > 0 {
			return fmt.Errorf("%w: an advisor of the plan holds a seat", domain.ErrConflict)
		}
		// A deactivation holds the profile's row until it commits: wait for
		// it, and refuse an advisor it took out of the pool meanwhile.
		var inactive int
		if err := tx.QueryRow(ctx, `SELECT count(*) FILTER (WHERE deactivated)
			FROM (SELECT deactivated FROM advisor_profiles WHERE user_id = ANY($1) FOR SHARE) p`,
			plan.Advisors).Scan(&inactive); err != nil {
			return err
		}
		if inactive > 0 {
			return fmt.Errorf("%w: an advisor of the plan is deactivated", domain.ErrConflict)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO offers (request_id, advisor_id, mode, status, position, answer_secs,
				created_by, created_at)
			SELECT $1, a.id, $2, 'queued', COALESCE((SELECT max(position) + 1 FROM offers WHERE request_id = $1), 0) + a.n - 1,
			       $3, $4, $5
			FROM unnest($6::bigint[]) WITH ORDINALITY AS a(id, n)`,
			req.ID, string(plan.Mode), int64(plan.Window/time.Second), nullID(plan.CoordinatorID), now, plan.Advisors); err != nil {
			return err
		}
		var opened []domain.Offer
		if plan.Mode != domain.ModeSequence { // every offer of the plan goes out at once
			if opened, err = changedOffers(ctx, tx, `UPDATE offers SET status = 'open', offered_at = $2,
				deadline = $2::timestamptz + answer_secs * interval '1 second'
				WHERE request_id = $1 AND status = 'queued' AND mode <> 'sequence'`, req.ID, now); err != nil {
				return err
			}
		}
		if prev == domain.StatusApproved {
			if err := moveRequest(ctx, tx, req.ID, plan.CoordinatorID, now, prev, domain.StatusMatching); err != nil {
				return err
			}
		}
		if ch, err = settleOffers(ctx, tx, req.ID, now, domain.Offer{}); err != nil {
			return err
		}
		ch.Opened = append(opened, ch.Opened...)
		return notifyIn(ctx, tx, now, notify, ch)
	})
	if err != nil {
		return domain.OfferChange{}, mapRequestErr(op, err)
	}
	return ch, nil
}

// AcceptOffer lets advisorID accept offer id (see domain.OfferStore).
func (s *Store) AcceptOffer(ctx context.Context, id, advisorID int64, notify func(domain.OfferChange) []domain.Notification) (domain.OfferChange, error) {
	return s.answerOffer(ctx, fmt.Sprintf("accept offer %d", id), id, advisorID,
		`UPDATE offers SET status = 'accepted', answered_at = $3 WHERE id = $1 AND advisor_id = $2 AND status = 'open' AND deadline > $3`,
		nil, func(tx pgx.Tx, reqID int64, now time.Time) error {
			tag, err := tx.Exec(ctx, `UPDATE request_seats SET advisor_id = $2, offer_id = $3, assigned_at = $4
				WHERE request_id = $1 AND seat = (SELECT min(seat) FROM request_seats WHERE request_id = $1 AND advisor_id IS NULL)
				  AND advisor_id IS NULL`, reqID, advisorID, id, now)
			if err == nil && tag.RowsAffected() == 0 { // no free seat: the offer should have been closed
				err = &domain.OfferClosed{OfferID: id, Status: domain.OfferTaken, At: now}
			}
			return err
		}, notify)
}

// DeclineOffer records advisorID's no to offer id (see domain.OfferStore).
func (s *Store) DeclineOffer(ctx context.Context, id, advisorID int64, reason domain.DeclineReason, note string,
	notify func(domain.OfferChange) []domain.Notification) (domain.OfferChange, error) {
	op := fmt.Sprintf("decline offer %d", id)
	if !reason.Known() || utf8.RuneCountInString(note) > domain.MaxDeclineNoteLen {
		return domain.OfferChange{}, opErr(op, fmt.Errorf("%w: reason %q, note of %d characters", domain.ErrInvalid,
			reason, utf8.RuneCountInString(note)))
	}
	return s.answerOffer(ctx, op, id, advisorID, `UPDATE offers SET status = 'declined', answered_at = $3,
			decline_reason = $4, decline_note = $5 WHERE id = $1 AND advisor_id = $2 AND status = 'open'`,
		[]any{string(reason), note}, nil, notify)
}

// answerOffer is an advisor's answer to offer id: under the request's
// lock, update (a conditional UPDATE of the offer with $1 id, $2
// advisorID, $3 now and then args) decides; an offer it did not change is
// an *OfferClosed; next the then func runs (when not nil), the change is settled
// and notify's notifications written, all in one transaction.
func (s *Store) answerOffer(ctx context.Context, op string, id, advisorID int64, update string, args []any,
	then func(tx pgx.Tx, reqID int64, now time.Time) error, notify func(domain.OfferChange) []domain.Notification) (domain.OfferChange, error) {
	now := s.now()
	var ch domain.OfferChange
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		reqID, err := lockOffersOf(ctx, tx, id, advisorID)
		if err != nil {
			return err
		}
		acted, err := changedOffers(ctx, tx, update, append([]any{id, advisorID, now}, args...)...)
		if err != nil {
			return err
		}
		if len(acted) == 0 {
			return offerClosed(ctx, tx, id, now)
		}
		if then != nil {
			if err := then(tx, reqID, now); err != nil {
				return err
			}
		}
		if ch, err = settleOffers(ctx, tx, reqID, now, acted[0]); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, ch)
	})
	if err != nil {
		return domain.OfferChange{}, mapErr(op, err)
	}
	return ch, nil
}

// lockOffersOf locks the request of offer id, when it is advisorID's, and
// returns the request's id; pgx.ErrNoRows (not found) for an unknown offer
// or one of another advisor: nobody learns of offers not theirs.
func lockOffersOf(ctx context.Context, tx pgx.Tx, id, advisorID int64) (int64, error) {
	var reqID int64
	err := tx.QueryRow(ctx, `SELECT r.id FROM offers o JOIN requests r ON r.id = o.request_id
		WHERE o.id = $1 AND o.advisor_id = $2 FOR UPDATE OF r`, id, advisorID).Scan(&reqID)
	return reqID, err
}

// offerClosed is the *domain.OfferClosed of offer id, which was not open
// (or past its deadline) at now.
func offerClosed(ctx context.Context, tx pgx.Tx, id int64, now time.Time) error {
	var (
		status string
		at     *time.Time
	)
	if err := tx.QueryRow(ctx, `SELECT CASE WHEN status = 'open' THEN 'expired' ELSE status END,
		COALESCE(answered_at, deadline) FROM offers WHERE id = $1`, id).Scan(&status, &at); err != nil {
		return err
	}
	return &domain.OfferClosed{OfferID: id, Status: domain.OfferStatus(status), At: deref(at)}
}

// settleOffers ends a change of request id's offers, under the request's
// lock: with no free seat left, the request moves to assigned and its
// other live offers are closed as taken; otherwise queued offers open (one
// after another: as many as seats are free beside the open ones), and
// with no live offer left the change is Exhausted. acted is the offer the
// change acted on (zero for a plan).
func settleOffers(ctx context.Context, tx pgx.Tx, id int64, now time.Time, acted domain.Offer) (domain.OfferChange, error) {
	ch := domain.OfferChange{Offer: acted}
	var err error
	if ch.Seats, err = seatsOf(ctx, tx, id); err != nil {
		return ch, err
	}
	free := ch.FreeSeats()
	if free == 0 {
		if ch.Closed, err = changedOffers(ctx, tx, `UPDATE offers SET status = 'taken', answered_at = $2
			WHERE request_id = $1 AND status IN ('queued', 'open')`, id, now); err != nil {
			return ch, err
		}
		ch.Assigned = acted.Status == domain.OfferAccepted
		if ch.Assigned {
			if err := moveRequest(ctx, tx, id, acted.Advisor.ID, now, domain.StatusMatching, domain.StatusAssigned); err != nil {
				return ch, err
			}
		}
	} else {
		if ch.Opened, err = changedOffers(ctx, tx, `UPDATE offers SET status = 'open', offered_at = $2,
			deadline = $2::timestamptz + answer_secs * interval '1 second'
			WHERE id IN (SELECT id FROM offers WHERE request_id = $1 AND status = 'queued' ORDER BY position, id
			             LIMIT GREATEST($3 - (SELECT count(*) FROM offers WHERE request_id = $1 AND status = 'open'), 0))`,
			id, now, free); err != nil {
			return ch, err
		}
		var live bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM offers WHERE request_id = $1 AND status IN ('queued', 'open'))`,
			id).Scan(&live); err != nil {
			return ch, err
		}
		ch.Exhausted = !live
	}
	ch.Request, err = requestBy(ctx, tx, `r.id = $1`, id)
	return ch, err
}

// moveRequest moves request id (locked) from status from to status to with
// a history row by actorID; a request in another status is left as it is.
func moveRequest(ctx context.Context, tx pgx.Tx, id, actorID int64, now time.Time, from, to domain.Status) error {
	tag, err := tx.Exec(ctx, `UPDATE requests SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2`,
		id, string(from), string(to), now)
	if err != nil || tag.RowsAffected() == 0 {
		return err
	}
	return addEvent(ctx, tx, id, actorID, now, domain.EventStatus, from, to, "")
}
