package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Transition moves request id to status to when it is in one of from (see
// domain.RequestStore). It locks the request row and checks its status
// under the lock; a concurrent change made first makes it return a
// *domain.StatusConflict naming the current status and who set it. The history row and notify's notifications are written in the
// same transaction.
func (s *Store) Transition(ctx context.Context, id, actorID int64, from []domain.Status, to domain.Status,
	kind domain.EventKind, note string, notify func(domain.Request) []domain.Notification) (domain.Request, error) {
	op := fmt.Sprintf("transition request %d to %s", id, to)
	if err := checkTransition(from, to, kind, note); err != nil {
		return domain.Request{}, opErr(op, err)
	}
	now := s.now()
	var req domain.Request
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		prev, err := lockRequest(ctx, tx, id, from)
		if err != nil {
			return err
		}
		// The row lock holds the status checked: nobody changes it before commit.
		if _, err := tx.Exec(ctx, `UPDATE requests SET status = $2, updated_at = $3 WHERE id = $1`,
			id, string(to), now); err != nil {
			return err
		}
		if to == domain.StatusCancelled { // its offers waiting for an answer end with it
			if _, err := tx.Exec(ctx, `UPDATE offers SET status = 'withdrawn', answered_at = $2
				WHERE request_id = $1 AND status IN ('queued', 'open')`, id, now); err != nil {
				return err
			}
		}
		req, err = recordEvent(ctx, tx, id, actorID, now, kind, prev, to, note, notify)
		return err
	})
	if err != nil {
		return domain.Request{}, mapRequestErr(op, err)
	}
	return req, nil
}

// AddEvent adds a history row that changes no status while request id is
// in one of the statuses in (see domain.RequestStore); it also sets the
// request's updated_at.
func (s *Store) AddEvent(ctx context.Context, id, actorID int64, in []domain.Status, kind domain.EventKind,
	note string, notify func(domain.Request) []domain.Notification) (domain.Request, error) {
	op := fmt.Sprintf("add %s to request %d", kind, id)
	switch {
	case kind != domain.EventQuestion && kind != domain.EventAnswer && kind != domain.EventNote:
		return domain.Request{}, opErr(op, fmt.Errorf("%w: event kind %q", domain.ErrInvalid, kind))
	case note == "":
		return domain.Request{}, opErr(op, fmt.Errorf("%w: empty note", domain.ErrInvalid))
	}
	now := s.now()
	var req domain.Request
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := lockRequest(ctx, tx, id, in); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE requests SET updated_at = $2 WHERE id = $1`, id, now); err != nil {
			return err
		}
		var err error
		req, err = recordEvent(ctx, tx, id, actorID, now, kind, "", "", note, notify)
		return err
	})
	if err != nil {
		return domain.Request{}, mapRequestErr(op, err)
	}
	return req, nil
}

// recordEvent ends a change of request id inside tx: its history row, the
// request as changed, and notify's notifications for the outbox.
func recordEvent(ctx context.Context, tx pgx.Tx, id, actorID int64, now time.Time, kind domain.EventKind,
	from, to domain.Status, note string, notify func(domain.Request) []domain.Notification) (domain.Request, error) {
	if err := addEvent(ctx, tx, id, actorID, now, kind, from, to, note); err != nil {
		return domain.Request{}, err
	}
	req, err := requestBy(ctx, tx, `r.id = $1`, id)
	if err != nil {
		return domain.Request{}, err
	}
	return req, notifyIn(ctx, tx, now, notify, req)
}

// lockRequest locks the row of request id and returns its status; a
// *domain.StatusConflict when that is not one of in, pgx.ErrNoRows when
// there is no such request.
func lockRequest(ctx context.Context, tx pgx.Tx, id int64, in []domain.Status) (domain.Status, error) {
	var status string
	if err := tx.QueryRow(ctx, `SELECT status FROM requests WHERE id = $1 FOR UPDATE`, id).Scan(&status); err != nil {
		return "", err
	}
	if !slices.Contains(in, domain.Status(status)) {
		return "", conflictOf(ctx, tx, id)
	}
	return domain.Status(status), nil
}

// conflictOf returns the *domain.StatusConflict of request id: its status and
// the newest history row that set it.
func conflictOf(ctx context.Context, tx pgx.Tx, id int64) error {
	c := &domain.StatusConflict{RequestID: id}
	var (
		status string
		byID   *int64
		name   *string
		at     *time.Time
	)
	err := tx.QueryRow(ctx,
		`SELECT r.status, e.actor_user_id, u.name, e.at
		   FROM requests r
		   LEFT JOIN LATERAL (SELECT actor_user_id, at FROM request_events
		                       WHERE request_id = r.id AND to_status IS NOT NULL
		                       ORDER BY id DESC LIMIT 1) e ON true
		   LEFT JOIN users u ON u.id = e.actor_user_id
		  WHERE r.id = $1`, id).Scan(&status, &byID, &name, &at)
	if err != nil {
		return err
	}
	c.Status = domain.Status(status)
	if byID != nil {
		c.ByID = *byID
	}
	if name != nil {
		c.ByName = *name
	}
	if at != nil {
		c.At = *at
	}
	return c
}

// addEvent writes one history row; from and to are "" when they do not apply.
func addEvent(ctx context.Context, tx pgx.Tx, id, actorID int64, at time.Time, kind domain.EventKind,
	from, to domain.Status, note string) error {
	_, err := tx.Exec(ctx,
		`INSERT INTO request_events (request_id, at, actor_user_id, kind, from_status, to_status, note)
		 VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), $7)`,
		id, at, nullID(actorID), string(kind), string(from), string(to), note)
	return err
}

// checkTransition rejects a status change the lifecycle forbids.
func checkTransition(from []domain.Status, to domain.Status, kind domain.EventKind, note string) error {
	if len(from) == 0 {
		return fmt.Errorf("%w: no status to move from", domain.ErrInvalid)
	}
	for _, f := range from {
		if !domain.CanTransition(f, to) {
			return fmt.Errorf("%w: %s to %s", domain.ErrInvalid, f, to)
		}
	}
	switch {
	case kind != domain.EventStatus && kind != domain.EventQuestion && kind != domain.EventAnswer:
		return fmt.Errorf("%w: event kind %q changes no status", domain.ErrInvalid, kind)
	case to == domain.StatusDeclined && note == "":
		return fmt.Errorf("%w: a decline needs a reason", domain.ErrInvalid)
	case kind != domain.EventStatus && note == "":
		return fmt.Errorf("%w: empty %s", domain.ErrInvalid, kind)
	}
	return nil
}

// History returns the events of request id, oldest first, or
// domain.ErrNotFound for an unknown request.
func (s *Store) History(ctx context.Context, id int64) ([]domain.RequestEvent, error) {
	op := fmt.Sprintf("history of request %d", id)
	rows, _ := s.pool.Query(ctx,
		`SELECT e.id, e.request_id, e.at, COALESCE(e.actor_user_id, 0), COALESCE(u.name, ''), e.kind,
		        COALESCE(e.from_status, ''), COALESCE(e.to_status, ''), e.note
		   FROM request_events e LEFT JOIN users u ON u.id = e.actor_user_id
		  WHERE e.request_id = $1 ORDER BY e.id`, id)
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.RequestEvent, error) {
		var (
			e                  domain.RequestEvent
			kind, from, toStat string
		)
		err := row.Scan(&e.ID, &e.RequestID, &e.At, &e.ActorID, &e.ActorName, &kind, &from, &toStat, &e.Note)
		e.Kind, e.From, e.To = domain.EventKind(kind), domain.Status(from), domain.Status(toStat)
		return e, err
	})
	if err != nil {
		return nil, mapErr(op, err)
	}
	if len(events) == 0 { // every request has its submit row
		return nil, opErr(op, domain.ErrNotFound)
	}
	return events, nil
}

// nullID turns 0 (the system) into NULL.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
