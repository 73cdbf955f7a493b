package storage

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// SetContactReach stores how the advisor may reach the requester side of
// request id (see domain.RequestStore), with an audit entry that names
// no contact data.
func (s *Store) SetContactReach(ctx context.Context, id, actorID int64, reach string,
	notify func(domain.Request) []domain.Notification) (domain.Request, error) {
	op := fmt.Sprintf("contact reach of request %d", id)
	if n := utf8.RuneCountInString(reach); n > domain.MaxReachLen {
		return domain.Request{}, opErr(op, fmt.Errorf("%w: reach of %d characters", domain.ErrInvalid, n))
	}
	now := s.now()
	var req domain.Request
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE requests SET contact_reach = $2, updated_at = $3 WHERE id = $1`, id, reach, now)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		if err := audit(ctx, tx, now, actorID, "request.contact_reach", fmt.Sprintf("request:%d", id), map[string]any{}); err != nil {
			return err
		}
		if req, err = requestBy(ctx, tx, `r.id = $1`, id); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, req)
	})
	if err != nil {
		return domain.Request{}, mapRequestErr(op, err)
	}
	return req, nil
}
