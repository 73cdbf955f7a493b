package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// contactSQL reads municipal links with their user, municipality and
// decider; the caller adds the WHERE and ORDER clauses. Links of deleted
// users are gone (DeleteUser removes them).
const contactSQL = `
SELECT mc.id, mc.user_id, u.name, mc.function, m.id, m.name, m.state, mc.status, mc.created_at,
       mc.decided_by, d.name, mc.decided_at
  FROM municipal_contacts mc
  JOIN users u ON u.id = mc.user_id AND u.deleted_at IS NULL
  JOIN municipalities m ON m.id = mc.municipality_id
  LEFT JOIN users d ON d.id = mc.decided_by AND d.deleted_at IS NULL
`

// scanContact reads one row of contactSQL.
func scanContact(row pgx.Row) (domain.Contact, error) {
	var (
		c       domain.Contact
		status  string
		byID    *int64
		byName  *string
		decided *time.Time
	)
	err := row.Scan(&c.ID, &c.UserID, &c.Name, &c.Function, &c.MunicipalityID, &c.Municipality, &c.State,
		&status, &c.CreatedAt, &byID, &byName, &decided)
	if err != nil {
		return domain.Contact{}, err
	}
	c.Status = domain.ContactStatus(status)
	if byID != nil {
		c.DecidedByID = *byID
	}
	if byName != nil {
		c.DecidedByName = *byName
	}
	if decided != nil {
		c.DecidedAt = *decided
	}
	return c, nil
}

// contactBy reads link id inside tx.
func contactBy(ctx context.Context, tx pgx.Tx, id int64) (domain.Contact, error) {
	return scanContact(tx.QueryRow(ctx, contactSQL+`WHERE mc.id = $1`, id))
}

// PendingContacts returns the links waiting for the office, oldest first.
func (s *Store) PendingContacts(ctx context.Context) ([]domain.Contact, error) {
	rows, _ := s.pool.Query(ctx, contactSQL+`WHERE mc.status = 'pending' ORDER BY mc.created_at, mc.id`)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Contact, error) { return scanContact(r) })
	if err != nil {
		return nil, mapErr("pending contacts", err)
	}
	return list, nil
}

// CountPendingContacts counts the links waiting for the office.
func (s *Store) CountPendingContacts(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM municipal_contacts mc JOIN users u ON u.id = mc.user_id
		WHERE mc.status = 'pending' AND u.deleted_at IS NULL`).Scan(&n)
	return n, mapErr("count pending contacts", err)
}

// ContactByID returns link id, or domain.ErrNotFound.
func (s *Store) ContactByID(ctx context.Context, id int64) (domain.Contact, error) {
	c, err := scanContact(s.pool.QueryRow(ctx, contactSQL+`WHERE mc.id = $1`, id))
	if err != nil {
		return domain.Contact{}, mapErr("contact by id", err)
	}
	return c, nil
}

// DecideContact verifies or rejects link id when it is pending (see
// domain.ContactStore). The update is conditional on the status, so of two
// coordinators deciding at once one wins and the other gets the link as
// the winner left it, with an error wrapping domain.ErrConflict.
func (s *Store) DecideContact(ctx context.Context, id, byID int64, to domain.ContactStatus,
	notify func(domain.Contact) []domain.Notification) (domain.Contact, error) {
	op := fmt.Sprintf("decide contact %d", id)
	if to != domain.ContactVerified && to != domain.ContactRejected {
		return domain.Contact{}, opErr(op, fmt.Errorf("%w: status %q", domain.ErrInvalid, to))
	}
	now := s.now()
	var c domain.Contact
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx,
			`UPDATE municipal_contacts SET status = $2, decided_by = $3, decided_at = $4
			  WHERE id = $1 AND status = 'pending'
			    AND EXISTS (SELECT 1 FROM users WHERE id = user_id AND deleted_at IS NULL)`,
			id, string(to), byID, now)
		if err != nil {
			return err
		}
		if c, err = contactBy(ctx, tx, id); err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return domain.ErrConflict
		}
		if err := audit(ctx, tx, now, byID, "contact."+string(to), userSubject(c.UserID), map[string]any{
			"contact": c.ID, "municipality": c.MunicipalityID,
		}); err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, c)
	})
	if err != nil {
		if c.ID != 0 {
			return c, mapErr(op, err)
		}
		return domain.Contact{}, mapErr(op, err)
	}
	return c, nil
}
