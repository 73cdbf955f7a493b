package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Profiles returns the municipal and organisation profiles of userID, in the
// order they were made; domain.ErrNotFound for an unknown or deleted user.
func (s *Store) Profiles(ctx context.Context, userID int64) ([]domain.MunicipalProfile, []domain.OrganisationProfile, error) {
	var exists bool
	if err := s.pool.QueryRow(ctx,
		`SELECT true FROM users WHERE id = $1 AND deleted_at IS NULL`, userID).Scan(&exists); err != nil {
		return nil, nil, mapErr("profiles", err)
	}
	rows, _ := s.pool.Query(ctx,
		`SELECT m.name, m.state, mc.function, mc.status
		   FROM municipal_contacts mc JOIN municipalities m ON m.id = mc.municipality_id
		  WHERE mc.user_id = $1 ORDER BY mc.created_at, m.id`, userID)
	muns, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.MunicipalProfile, error) {
		var p domain.MunicipalProfile
		err := r.Scan(&p.Municipality, &p.State, &p.Function, &p.Status)
		return p, err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("storage: profiles: municipal: %w", err)
	}
	rows, _ = s.pool.Query(ctx,
		`SELECT `+organisationColumns+`
		   FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
		  WHERE om.user_id = $1 ORDER BY om.joined_at, o.id`, userID)
	orgs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.OrganisationProfile, error) {
		return scanOrganisation(r)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("storage: profiles: organisation: %w", err)
	}
	return muns, orgs, nil
}
