package storage

import (
	"context"
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
