package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// RecordAttendance records whether the associations that answered yes
// came to event id, by actorID (see domain.SeatStore): all of came or
// nothing, in one transaction with an audit entry.
func (s *Store) RecordAttendance(ctx context.Context, id, actorID int64, came []domain.Attendance) error {
	op := fmt.Sprintf("record attendance of event %d", id)
	now := s.now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := managedEvent(ctx, tx, id, actorID, lockAnswer)
		if err != nil {
			return err
		}
		if e.Status != domain.EventPublished || !e.Started(now) {
			return domain.ErrConflict
		}
		for _, c := range came {
			tag, err := tx.Exec(ctx, `UPDATE event_answers SET attended = $3
				WHERE event_id = $1 AND organisation_id = $2 AND reply = 'yes'`, id, c.OrganisationID, c.Came)
			if err != nil {
				return err
			}
			if tag.RowsAffected() != 1 {
				return domain.ErrForbidden
			}
		}
		return audit(ctx, tx, now, actorID, "event.attendance", eventSubject(id),
			map[string]any{"event_id": id, "organisations": len(came)})
	})
	return mapErr(op, err)
}
