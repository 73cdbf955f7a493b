package storage_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestInviteConsumption(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	now := e.clock.Now()
	for _, inv := range []struct {
		code    string
		expires time.Time
	}{
		{"valid", now.Add(time.Hour)},
		{"used", now.Add(time.Hour)},
		{"expired", now.Add(-time.Second)},
		{"expires-now", now},
	} {
		if err := e.st.CreateInvite(ctx, inv.code, domain.RoleAdvisor, 0, inv.expires); err != nil {
			t.Fatalf("create invite %s: %v", inv.code, err)
		}
	}
	if _, err := e.st.Register(ctx, withInvite(registration(e, 1, domain.RoleAdvisor), "used"), nil); err != nil {
		t.Fatalf("use invite: %v", err)
	}

	tests := []struct {
		code string
		want error
	}{
		{"unknown", domain.ErrNotFound},
		{"used", domain.ErrConflict},
		{"expired", domain.ErrConflict},
		{"expires-now", domain.ErrConflict},
		{"valid", nil},
	}
	for i, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			tg := int64(10 + i)
			u, err := e.st.Register(ctx, withInvite(registration(e, tg, domain.RoleAdvisor), tc.code), nil)
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if tc.want != nil {
				if _, err := e.st.UserByTelegramID(ctx, tg); !errors.Is(err, domain.ErrNotFound) {
					t.Errorf("user stored despite failed invite: %v", err)
				}
				return
			}
			if !slices.Equal(u.Roles, []domain.Role{domain.RoleAdvisor}) {
				t.Errorf("roles = %v", u.Roles)
			}
			inv, err := e.st.InviteByCode(ctx, tc.code)
			if err != nil || !inv.UsedAt.Equal(now) || inv.Role != domain.RoleAdvisor {
				t.Errorf("invite after use = %+v, %v", inv, err)
			}
			if n := e.count(t, `SELECT count(*) FROM invites WHERE code = $1 AND used_by = $2`, tc.code, u.ID); n != 1 {
				t.Errorf("invite not marked used by the user")
			}
		})
	}
}

func TestInviteGrantsItsRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	if err := e.st.CreateInvite(ctx, "adv", domain.RoleAdvisor, 0, e.clock.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	u, err := e.st.Register(ctx, withInvite(registration(e, 1, domain.RoleCoordinator), "adv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []domain.Role{domain.RoleAdvisor, domain.RoleCoordinator}; !slices.Equal(u.Roles, want) {
		t.Errorf("roles = %v, want %v", u.Roles, want)
	}
}

func TestInviteUsedOnceUnderRace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	if err := e.st.CreateInvite(ctx, "race", domain.RoleAdvisor, 0, e.clock.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, errs[i] = e.st.Register(ctx, withInvite(registration(e, int64(50+i), domain.RoleAdvisor), "race"), nil)
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, domain.ErrConflict):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d registrations used the invite, want 1", ok)
	}
}

func TestCreateInvite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u, err := e.st.Register(ctx, registration(e, 1, domain.RoleCoordinator), nil)
	if err != nil {
		t.Fatal(err)
	}
	exp := e.clock.Now().Add(48 * time.Hour)
	if err := e.st.CreateInvite(ctx, "abc_DEF-1", domain.RoleAdvisor, u.ID, exp); err != nil {
		t.Fatalf("create: %v", err)
	}
	inv, err := e.st.InviteByCode(ctx, "abc_DEF-1")
	if err != nil || inv.Role != domain.RoleAdvisor || inv.CreatedBy != u.ID || !inv.ExpiresAt.Equal(exp) || !inv.UsedAt.IsZero() {
		t.Fatalf("invite = %+v, %v", inv, err)
	}
	if err := e.st.CreateInvite(ctx, "abc_DEF-1", domain.RoleAdvisor, 0, exp); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("duplicate code: err = %v, want ErrConflict", err)
	}
	for _, bad := range []struct {
		code string
		role domain.Role
	}{{"", domain.RoleAdvisor}, {string(make([]byte, 65)), domain.RoleAdvisor}, {"x", "admin"}} {
		if err := e.st.CreateInvite(ctx, bad.code, bad.role, 0, exp); err == nil {
			t.Errorf("CreateInvite(%q, %q) succeeded", bad.code, bad.role)
		}
	}
}

func withInvite(r domain.Registration, code string) domain.Registration {
	r.InviteCode = code
	return r
}
