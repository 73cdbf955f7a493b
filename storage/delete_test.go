package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestDeleteUserErases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, role := range []domain.Role{domain.RoleMunicipal, domain.RoleOrganisation} {
		t.Run(string(role), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			u, err := e.st.Register(ctx, registration(e, 1, role), nil, domain.RoleCoordinator)
			if err != nil {
				t.Fatal(err)
			}
			if err := e.st.DeleteUser(ctx, u.ID); err != nil {
				t.Fatalf("delete: %v", err)
			}
			if _, err := e.st.UserByTelegramID(ctx, 1); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("deleted user still found: %v", err)
			}
			checks := map[string]string{
				"row kept, erased": `SELECT count(*) FROM users WHERE id = $1 AND name = '' AND consent_at IS NULL AND deleted_at IS NOT NULL`,
				"roles":            `SELECT 1 - count(*) FROM user_roles WHERE user_id = $1`,
				"contacts":         `SELECT 1 - count(*) FROM municipal_contacts WHERE user_id = $1`,
				"memberships":      `SELECT 1 - count(*) FROM organisation_members WHERE user_id = $1`,
				"audit":            `SELECT count(*) FROM audit_log WHERE action = 'user.delete' AND actor_user_id = $1`,
			}
			for name, q := range checks {
				if n := e.count(t, q, u.ID); n != 1 {
					t.Errorf("%s: check gave %d, want 1", name, n)
				}
			}
			if err := e.st.DeleteUser(ctx, u.ID); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("second delete: err = %v, want ErrNotFound", err)
			}
			if err := e.st.SetLanguage(ctx, u.ID, "en"); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("set language of deleted user: err = %v, want ErrNotFound", err)
			}
			if err := e.st.GrantRole(ctx, u.ID, domain.RoleAdvisor); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("grant role to deleted user: err = %v, want ErrNotFound", err)
			}

			// Registering again revives the same row, with only the new role.
			again, err := e.st.Register(ctx, registration(e, 1, domain.RoleAdvisor), nil)
			if err != nil {
				t.Fatalf("register again: %v", err)
			}
			if again.ID != u.ID || !slices.Equal(again.Roles, []domain.Role{domain.RoleAdvisor}) {
				t.Errorf("after re-registration: %+v", again)
			}
		})
	}
}
