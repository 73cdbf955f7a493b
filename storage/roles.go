package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// validRole reports whether r is one of the four roles.
func validRole(r domain.Role) bool {
	switch r {
	case domain.RoleCoordinator, domain.RoleAdvisor, domain.RoleMunicipal, domain.RoleOrganisation:
		return true
	}
	return false
}

// grantRoles gives userID every role in roles (those held already stay as
// they are) and returns the ones newly granted.
func grantRoles(ctx context.Context, tx pgx.Tx, userID int64, roles []domain.Role, at time.Time) ([]domain.Role, error) {
	names := make([]string, 0, len(roles))
	for _, r := range roles {
		if !validRole(r) {
			return nil, fmt.Errorf("unknown role %q", r)
		}
		names = append(names, string(r))
	}
	rows, err := tx.Query(ctx,
		`INSERT INTO user_roles (user_id, role, granted_at)
		 SELECT $1, r, $3 FROM unnest($2::text[]) AS r
		 ON CONFLICT (user_id, role) DO NOTHING
		 RETURNING role`,
		userID, names, at)
	if err != nil {
		return nil, err
	}
	granted, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	return toRoles(granted), nil
}

// rolesOf returns the roles of userID, sorted by name.
func rolesOf(ctx context.Context, q pgx.Tx, userID int64) ([]domain.Role, error) {
	rows, err := q.Query(ctx,
		`SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role`, userID)
	if err != nil {
		return nil, err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	return toRoles(names), nil
}

func toRoles(names []string) []domain.Role {
	roles := make([]domain.Role, len(names))
	for i, n := range names {
		roles[i] = domain.Role(n)
	}
	slices.Sort(roles)
	return roles
}
