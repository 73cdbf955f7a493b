package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// closeBatch is how many completed requests one run closes at most.
const closeBatch = 100

// CloseCompleted closes the requests that moved to completed before
// before and are still completed (nobody rated or closed them), each in a
// transaction of its own with a history row by the system, and calls
// notify with each request's participants (the request as closed) inside
// that transaction. A request closed meanwhile by a rating, or by another run,
// is skipped, so two runs at once close each once.
func (s *Store) CloseCompleted(ctx context.Context, before time.Time,
	notify func(domain.Participants) []domain.Notification) ([]domain.Request, error) {
	now := s.now()
	rows, _ := s.pool.Query(ctx, `SELECT r.id FROM requests r
		WHERE r.status = 'completed'
		  AND (SELECT max(e.at) FROM request_events e WHERE e.request_id = r.id AND e.to_status = 'completed') < $1
		ORDER BY r.id LIMIT $2`, before, closeBatch)
	due, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, mapErr("completed requests due to close", err)
	}
	var closed []domain.Request
	for _, id := range due {
		var req domain.Request
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			var status string
			if err := tx.QueryRow(ctx, `SELECT status FROM requests WHERE id = $1 FOR UPDATE`, id).Scan(&status); err != nil {
				return err
			}
			if domain.Status(status) != domain.StatusCompleted {
				return nil // rated or closed meanwhile
			}
			if err := moveRequest(ctx, tx, id, 0, now, domain.StatusCompleted, domain.StatusClosed); err != nil {
				return err
			}
			p, err := participants(ctx, tx, id)
			if err != nil {
				return err
			}
			req = p.Request
			return notifyIn(ctx, tx, now, notify, p)
		})
		if err != nil {
			return closed, mapErr(fmt.Sprintf("close completed request %d", id), err)
		}
		if req.ID != 0 {
			closed = append(closed, req)
		}
	}
	return closed, nil
}

// NudgeWaiting marks the versions that wait for the municipal side since
// before before as nudged and writes notify's notifications, one
// transaction a version (see domain.ReportStore): the conditional UPDATE
// decides, so two runs at once nudge each once.
func (s *Store) NudgeWaiting(ctx context.Context, before time.Time,
	notify func(domain.WaitingReport) []domain.Notification) ([]domain.WaitingReport, error) {
	now := s.now()
	rows, _ := s.pool.Query(ctx, `SELECT id FROM reports WHERE status = 'submitted' AND nudged_at IS NULL AND submitted_at < $1
		ORDER BY submitted_at, id LIMIT $2`, before, closeBatch)
	due, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, mapErr("reports waiting to be nudged", err)
	}
	var out []domain.WaitingReport
	for _, id := range due {
		var w domain.WaitingReport
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			tag, err := tx.Exec(ctx, `UPDATE reports SET nudged_at = $2 WHERE id = $1 AND status = 'submitted' AND nudged_at IS NULL`, id, now)
			if err != nil || tag.RowsAffected() == 0 {
				return err // answered or nudged meanwhile
			}
			if w.Report, err = reportBy(ctx, tx, id); err != nil {
				return err
			}
			var requester int64
			if err := tx.QueryRow(ctx, `SELECT requester_id FROM requests WHERE id = $1`, w.RequestID).Scan(&requester); err != nil {
				return err
			}
			switch a, err := actorByID(ctx, tx, requester); {
			case err == nil:
				w.Requester = a.User
			case !errors.Is(err, pgx.ErrNoRows):
				return err
			}
			return notifyIn(ctx, tx, now, notify, w)
		})
		if err != nil {
			return out, mapErr(fmt.Sprintf("nudge report %d", id), err)
		}
		if w.ID != 0 {
			out = append(out, w)
		}
	}
	return out, nil
}
