package storage

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Every change of a report locks its request's row first (lockRequest),
// then checks the actor with the policies of flows/domain against the
// request, seats and report as they are under that lock; what decides a
// race between two presses is still a conditional UPDATE of a version in
// status submitted, so that a replayed or late press changes nothing.

// ratable are the statuses in which a request may be rated.
var ratable = append([]domain.Status{domain.StatusClosed}, domain.ReportingStatuses...)

// SubmitReport writes d as the next version of the advisor's report (see
// domain.ReportStore).
func (s *Store) SubmitReport(ctx context.Context, d domain.ReportDraft, notify func(domain.ReportChange) []domain.Notification) (domain.ReportChange, error) {
	op := fmt.Sprintf("submit report on request %d", d.RequestID)
	now := s.now()
	var ch domain.ReportChange
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := lockRequest(ctx, tx, d.RequestID, domain.ReportingStatuses); err != nil {
			return err
		}
		var assigned time.Time
		if err := tx.QueryRow(ctx, `SELECT assigned_at FROM request_seats WHERE request_id = $1 AND advisor_id = $2`,
			d.RequestID, d.AdvisorID).Scan(&assigned); errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: user %d holds no seat", domain.ErrForbidden, d.AdvisorID)
		} else if err != nil {
			return err
		}
		if err := domain.ValidateReport(d, assigned.In(s.zone), now.In(s.zone)); err != nil {
			return err
		}
		var (
			version int
			status  string
		)
		err := tx.QueryRow(ctx, `SELECT version, status FROM reports WHERE request_id = $1 AND advisor_id = $2
			ORDER BY version DESC LIMIT 1`, d.RequestID, d.AdvisorID).Scan(&version, &status)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if domain.ReportStatus(status) == domain.ReportSubmitted {
			return fmt.Errorf("%w: version %d waits for the municipal side", domain.ErrConflict, version)
		}
		dates := make([]time.Time, len(d.Dates))
		for i, t := range d.Dates {
			y, m, dd := t.Date()
			dates[i] = time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
		}
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO reports (request_id, advisor_id, version, status, dates, prep_minutes,
				session_minutes, followup_minutes, km, km_rate_cents, ticket_cents, other_cents, note, submitted_at)
			VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			d.RequestID, d.AdvisorID, version+1, dates, d.PrepMinutes, d.SessionMinutes, d.FollowUpMinutes, d.Km,
			d.KmRateCents, d.TicketCents, d.OtherCents, d.Note, now).Scan(&id); err != nil {
			return err
		}
		if ch.Report, err = reportBy(ctx, tx, id); err != nil {
			return err
		}
		if ch.Request, err = requestBy(ctx, tx, `r.id = $1`, d.RequestID); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, ch)
	})
	if err != nil {
		return domain.ReportChange{}, mapRequestErr(op, err)
	}
	return ch, nil
}

// AskAboutReport records actor's question on version id (see
// domain.ReportStore).
func (s *Store) AskAboutReport(ctx context.Context, id int64, actor domain.Actor, question string,
	notify func(domain.ReportChange) []domain.Notification) (domain.ReportChange, error) {
	op := fmt.Sprintf("ask about report %d", id)
	if n := utf8.RuneCountInString(question); n == 0 || n > domain.MaxQuestionLen {
		return domain.ReportChange{}, opErr(op, fmt.Errorf("%w: question of %d characters", domain.ErrInvalid, n))
	}
	return s.actOnReport(ctx, op, id, actor, `UPDATE reports SET status = 'question', question = $4, question_by = $2,
		question_at = $3 WHERE id = $1 AND status = 'submitted'`, []any{question}, false, notify)
}

// ConfirmReport confirms version id for actor, and completes the request
// when it was the last report missing (see domain.ReportStore).
func (s *Store) ConfirmReport(ctx context.Context, id int64, actor domain.Actor,
	notify func(domain.ReportChange) []domain.Notification) (domain.ReportChange, error) {
	return s.actOnReport(ctx, fmt.Sprintf("confirm report %d", id), id, actor, `UPDATE reports SET status = 'confirmed',
		confirmed_by = $2, confirmed_at = $3 WHERE id = $1 AND status = 'submitted'`, nil, true, notify)
}

// actOnReport is the requester side's answer to version id: under the
// request's lock, actor is checked with domain.CanActOnReport, update (a
// conditional UPDATE with $1 id, $2 actor's id, $3 now and then args)
// decides, the request completes when complete is set and every seat's
// newest version is confirmed, and notify's notifications are written.
func (s *Store) actOnReport(ctx context.Context, op string, id int64, actor domain.Actor, update string, args []any,
	complete bool, notify func(domain.ReportChange) []domain.Notification) (domain.ReportChange, error) {
	now := s.now()
	var ch domain.ReportChange
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var reqID int64
		if err := tx.QueryRow(ctx, `SELECT request_id FROM reports WHERE id = $1`, id).Scan(&reqID); err != nil {
			return err
		}
		if _, err := lockRequest(ctx, tx, reqID, domain.ReportingStatuses); err != nil {
			return err
		}
		req, err := requestBy(ctx, tx, `r.id = $1`, reqID)
		if err != nil {
			return err
		}
		rep, err := reportBy(ctx, tx, id)
		if err != nil {
			return err
		}
		if !domain.OnRequesterSide(actor, req) || rep.AdvisorID == actor.ID {
			return fmt.Errorf("%w: user %d on report %d", domain.ErrForbidden, actor.ID, id)
		}
		if !domain.CanActOnReport(actor, req, rep) {
			return fmt.Errorf("%w: report %d is %s", domain.ErrConflict, id, rep.Status)
		}
		tag, err := tx.Exec(ctx, update, append([]any{id, actor.ID, now}, args...)...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 { // the lock holds the status read: cannot happen, but never write twice
			return fmt.Errorf("%w: report %d changed meanwhile", domain.ErrConflict, id)
		}
		if complete && req.Status == domain.StatusScheduled {
			if ch.Completed, err = allConfirmed(ctx, tx, reqID); err != nil {
				return err
			}
			if ch.Completed {
				if err := moveRequest(ctx, tx, reqID, actor.ID, now, domain.StatusScheduled, domain.StatusCompleted); err != nil {
					return err
				}
			}
		}
		if ch.Report, err = reportBy(ctx, tx, id); err != nil {
			return err
		}
		if ch.Request, err = requestBy(ctx, tx, `r.id = $1`, reqID); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, ch)
	})
	if err != nil {
		return domain.ReportChange{}, mapRequestErr(op, err)
	}
	return ch, nil
}

// allConfirmed reports whether request id has seats, every one held, and
// each holder's newest report version confirmed.
func allConfirmed(ctx context.Context, tx pgx.Tx, id int64) (bool, error) {
	var seats, missing int
	err := tx.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE s.advisor_id IS NULL OR p.status IS DISTINCT FROM 'confirmed')
		FROM request_seats s
		LEFT JOIN LATERAL (SELECT status FROM reports WHERE request_id = s.request_id AND advisor_id = s.advisor_id
		                   ORDER BY version DESC LIMIT 1) p ON true
		WHERE s.request_id = $1`, id).Scan(&seats, &missing)
	return seats > 0 && missing == 0, err
}

// RateRequest records actor's rating of request id, once (see
// domain.ReportStore).
func (s *Store) RateRequest(ctx context.Context, requestID int64, actor domain.Actor, stars int, comment string,
	notify func(domain.Rating) []domain.Notification) (domain.Rating, error) {
	op := fmt.Sprintf("rate request %d", requestID)
	if err := domain.ValidateRating(stars, comment); err != nil {
		return domain.Rating{}, opErr(op, err)
	}
	g := domain.Rating{RequestID: requestID, Stars: stars, Comment: comment, RaterID: actor.ID, RatedAt: s.now()}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := lockRequest(ctx, tx, requestID, ratable); err != nil {
			return err
		}
		req, err := requestBy(ctx, tx, `r.id = $1`, requestID)
		if err != nil {
			return err
		}
		seats, err := seatsOf(ctx, tx, requestID)
		if err != nil {
			return err
		}
		reports, err := reportsOf(ctx, tx, requestID)
		if err != nil {
			return err
		}
		if !domain.CanRate(actor, req, seats, reports) {
			return fmt.Errorf("%w: user %d may not rate", domain.ErrForbidden, actor.ID)
		}
		tag, err := tx.Exec(ctx, `INSERT INTO report_ratings (request_id, stars, comment, rater_id, rated_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING`, requestID, stars, comment, actor.ID, g.RatedAt)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("%w: rated already", domain.ErrConflict)
		}
		if req.Status == domain.StatusCompleted {
			if err := moveRequest(ctx, tx, requestID, actor.ID, g.RatedAt, domain.StatusCompleted, domain.StatusClosed); err != nil {
				return err
			}
			g.Closed = true
		}
		return notifyIn(ctx, tx, g.RatedAt, notify, g)
	})
	if err != nil {
		return domain.Rating{}, mapRequestErr(op, err)
	}
	return g, nil
}

// CloseRequest closes completed request id without a rating (see
// domain.ReportStore).
func (s *Store) CloseRequest(ctx context.Context, id int64, actor domain.Actor,
	notify func(domain.Request) []domain.Notification) (domain.Request, error) {
	now := s.now()
	var req domain.Request
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := lockRequest(ctx, tx, id, []domain.Status{domain.StatusCompleted}); err != nil {
			return err
		}
		seats, err := seatsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if req, err = requestBy(ctx, tx, `r.id = $1`, id); err != nil {
			return err
		}
		if !domain.CanClose(actor, req, seats) {
			return fmt.Errorf("%w: user %d may not close", domain.ErrForbidden, actor.ID)
		}
		if err := moveRequest(ctx, tx, id, actor.ID, now, domain.StatusCompleted, domain.StatusClosed); err != nil {
			return err
		}
		if req, err = requestBy(ctx, tx, `r.id = $1`, id); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, req)
	})
	if err != nil {
		return domain.Request{}, mapRequestErr(fmt.Sprintf("close request %d", id), err)
	}
	return req, nil
}
