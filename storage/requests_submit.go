package storage

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Postgres error code of a CHECK constraint violation.
const pgCheckViolation = "23514"

// errSubmitted ends a submit transaction that found its key already used.
var errSubmitted = errors.New("submitted already")

// SubmitRequest stores d as a new request (see domain.RequestStore): in one
// transaction it takes the next number of the year from request_counters
// (whose row lock orders concurrent submits, so that a submit waiting for
// another sees its request before looking for its key), writes the request,
// its first history row and notify's notifications. The reference year is
// the year of the Store's clock. It returns the existing request and
// created=false when submitKey was used before by the same requester
// (domain.ErrConflict when by another one), an error wrapping
// domain.ErrInvalid for a draft a CHECK rejects, domain.ErrNotFound for an
// unknown requester or municipality.
func (s *Store) SubmitRequest(ctx context.Context, d domain.RequestDraft, submitKey string,
	notify func(domain.Request) []domain.Notification) (domain.Request, bool, error) {
	const op = "submit request"
	if err := checkDraft(d, submitKey); err != nil {
		return domain.Request{}, false, opErr(op, err)
	}
	now := s.now()
	var req domain.Request
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx,
			`INSERT INTO request_counters (year, last) VALUES ($1, 1)
			 ON CONFLICT (year) DO UPDATE SET last = request_counters.last + 1
			 RETURNING last`, now.Year()).Scan(&n); err != nil {
			return err
		}
		// Under the counter's lock: a concurrent submit of the same key has
		// committed by now, and this statement sees it.
		existing, err := requestBy(ctx, tx, `r.submit_key = $1`, submitKey)
		if err == nil {
			req = existing
			return errSubmitted
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var id int64
		if err := tx.QueryRow(ctx,
			`INSERT INTO requests (ref, submit_key, status, requester_id, municipality_id, department,
			        contact_function, topic, topic_other, description, goal, format, earliest, latest,
			        place, languages, target_groups, associations, tandem, urgency, created_at, updated_at)
			 VALUES ($1, $2, 'submitted', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
			         $16, $17, $18, $19, $20, $20)
			 RETURNING id`,
			fmt.Sprintf("MG-%04d-%04d", now.Year(), n), submitKey, d.RequesterID, d.MunicipalityID,
			d.Department, d.ContactFunction, string(d.Topic), d.TopicOther, d.Description, d.Goal,
			string(d.Format), d.Earliest, d.Latest, d.Place, languages(d.Languages), d.TargetGroups,
			d.Associations, d.Tandem, string(d.Urgency), now).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO request_events (request_id, at, actor_user_id, kind, to_status)
			 VALUES ($1, $2, $3, 'status', 'submitted')`, id, now, d.RequesterID); err != nil {
			return err
		}
		if req, err = requestBy(ctx, tx, `r.id = $1`, id); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, req)
	})
	switch {
	case errors.Is(err, errSubmitted):
		return sameRequester(op, req, d)
	case isUniqueOn(err, "requests_submit_key_key"):
		// A submit of the same key in another year's counter won the race.
		existing, lookErr := s.requestByKey(ctx, submitKey)
		if lookErr != nil {
			return domain.Request{}, false, lookErr
		}
		return sameRequester(op, existing, d)
	case err != nil:
		return domain.Request{}, false, mapRequestErr(op, err)
	}
	return req, true, nil
}

// sameRequester returns the request found by its submit key, created=false,
// or domain.ErrConflict when someone else submitted it: a key is never a way
// to read another user's request.
func sameRequester(op string, existing domain.Request, d domain.RequestDraft) (domain.Request, bool, error) {
	if existing.RequesterID != d.RequesterID {
		return domain.Request{}, false, opErr(op, fmt.Errorf("%w: submit key used by another requester", domain.ErrConflict))
	}
	return existing, false, nil
}

// requestByKey returns the request submitted with key.
func (s *Store) requestByKey(ctx context.Context, key string) (domain.Request, error) {
	r, err := scanRequest(s.pool.QueryRow(ctx, `SELECT `+requestCols+requestFrom+`WHERE r.submit_key = $1`, key))
	if err != nil {
		return domain.Request{}, mapErr("request by submit key", err)
	}
	return r, nil
}

// checkDraft rejects what the schema cannot check: the submit key and the
// languages one by one.
func checkDraft(d domain.RequestDraft, submitKey string) error {
	if submitKey == "" {
		return fmt.Errorf("%w: empty submit key", domain.ErrInvalid)
	}
	for _, l := range d.Languages {
		if n := utf8.RuneCountInString(l); n < 1 || n > 50 {
			return fmt.Errorf("%w: language of %d characters", domain.ErrInvalid, n)
		}
	}
	return nil
}

// languages turns nil into an empty list (the column is NOT NULL).
func languages(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// isUniqueOn reports whether err is a unique violation of constraint name.
func isUniqueOn(err error, name string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == pgUniqueViolation && pgErr.ConstraintName == name
}

// mapRequestErr is mapErr that also turns a CHECK violation into
// domain.ErrInvalid (naming the constraint, never the values).
func mapRequestErr(op string, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == pgCheckViolation {
		return fmt.Errorf("storage: %s: %w (%s)", op, domain.ErrInvalid, pgErr.ConstraintName)
	}
	return mapErr(op, err)
}
