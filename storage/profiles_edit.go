package storage

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// SetName changes userID's name (see domain.ProfileStore).
func (s *Store) SetName(ctx context.Context, userID int64, name string) error {
	return s.editProfile(ctx, userID, "profile.name",
		`UPDATE users SET name = $2 WHERE id = $1 AND deleted_at IS NULL`, strings.TrimSpace(name))
}

// SetFunction changes the function of userID's first municipal link.
func (s *Store) SetFunction(ctx context.Context, userID int64, function string) error {
	return s.editProfile(ctx, userID, "profile.function",
		`UPDATE municipal_contacts SET function = $2 WHERE id = (`+firstLinkSQL+`)`, strings.TrimSpace(function))
}

// SetOrganisation changes the name and city of userID's first organisation.
func (s *Store) SetOrganisation(ctx context.Context, userID int64, name, city string) error {
	return s.editProfile(ctx, userID, "profile.organisation",
		`UPDATE organisations SET name = $2, city = $3
		  WHERE id = (SELECT organisation_id FROM organisation_members WHERE user_id = $1
		               ORDER BY joined_at, organisation_id LIMIT 1)`, strings.TrimSpace(name), strings.TrimSpace(city))
}

// firstLinkSQL selects the id of user $1's first municipal link.
const firstLinkSQL = `SELECT id FROM municipal_contacts WHERE user_id = $1 ORDER BY created_at, municipality_id LIMIT 1`

// editProfile runs update (on user $1, with args after it) and an audit
// entry in one transaction; domain.ErrNotFound when it changed no row.
func (s *Store) editProfile(ctx context.Context, userID int64, action, update string, args ...any) error {
	now := s.now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, update, append([]any{userID}, args...)...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return domain.ErrNotFound
		}
		return audit(ctx, tx, now, userID, action, userSubject(userID), map[string]any{})
	})
	return mapRequestErr(action, err)
}

// MoveMunicipality points userID's first municipal link at another
// municipality; the link waits for the office again (see
// domain.ProfileStore). When the user already has a link to that
// municipality, the first one goes and the other stays as it is.
func (s *Store) MoveMunicipality(ctx context.Context, userID int64, name, state string,
	notify func(domain.Contact) []domain.Notification) (bool, error) {
	const op = "move municipality"
	state, err := stateCode(state)
	if err != nil {
		return false, opErr(op, err)
	}
	now := s.now()
	moved := false
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var link, from int64
		if err := tx.QueryRow(ctx, `SELECT id, municipality_id FROM municipal_contacts WHERE id = (`+firstLinkSQL+`) FOR UPDATE`,
			userID).Scan(&link, &from); err != nil {
			return err
		}
		var to int64
		if err := tx.QueryRow(ctx,
			`INSERT INTO municipalities (name, state, created_at) VALUES ($1, $2, $3)
			 ON CONFLICT ((lower(name)), state) DO UPDATE SET name = municipalities.name
			 RETURNING id`, strings.TrimSpace(name), state, now).Scan(&to); err != nil {
			return err
		}
		if to == from {
			return nil
		}
		moved = true
		tag, err := tx.Exec(ctx,
			`UPDATE municipal_contacts SET municipality_id = $2, status = 'pending', decided_by = NULL,
			        decided_at = NULL, created_at = $3
			  WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM municipal_contacts WHERE user_id = $4 AND municipality_id = $2)`,
			link, to, now, userID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 { // a link to it exists: the first one goes
			_, err = tx.Exec(ctx, `DELETE FROM municipal_contacts WHERE id = $1`, link)
			return err
		}
		if err := audit(ctx, tx, now, userID, "profile.municipality", userSubject(userID),
			map[string]any{"contact": link, "from": from, "to": to}); err != nil {
			return err
		}
		c, err := contactBy(ctx, tx, link)
		if err != nil {
			return err
		}
		return notifyIn(ctx, tx, now, notify, c)
	})
	if err != nil {
		return false, mapRequestErr(op, err)
	}
	return moved, nil
}
