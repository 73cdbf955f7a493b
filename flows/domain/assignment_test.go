package domain_test

import (
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Who sees their own work and who manages the pool.
func TestAssignmentPolicies(t *testing.T) {
	t.Parallel()
	actor := func(roles ...domain.Role) domain.Actor {
		return domain.Actor{User: domain.User{ID: 1, Roles: roles}, Municipalities: []int64{7}, Verified: []int64{7}}
	}
	cases := []struct {
		name       string
		a          domain.Actor
		work, pool bool
	}{
		{"advisor", actor(domain.RoleAdvisor), true, false},
		{"coordinator", actor(domain.RoleCoordinator), false, true},
		{"advisor and coordinator", actor(domain.RoleAdvisor, domain.RoleCoordinator), true, true},
		{"municipal contact", actor(domain.RoleMunicipal), false, false},
		{"organisation contact", actor(domain.RoleOrganisation), false, false},
		{"nobody", domain.Actor{}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.MaySeeOwnWork(tc.a); got != tc.work {
				t.Errorf("MaySeeOwnWork = %v, want %v", got, tc.work)
			}
			if got := domain.MayManagePool(tc.a); got != tc.pool {
				t.Errorf("MayManagePool = %v, want %v", got, tc.pool)
			}
		})
	}
}

// A quarter starts on the first of January, April, July and October, at
// midnight where the office is.
func TestQuarterStart(t *testing.T) {
	t.Parallel()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ at, want time.Time }{
		{time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC), time.Date(2026, 10, 1, 0, 0, 0, 0, berlin)},
		{time.Date(2026, 3, 31, 22, 30, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, berlin)}, // 00:30 in Berlin
		{time.Date(2026, 1, 1, 0, 0, 0, 0, berlin), time.Date(2026, 1, 1, 0, 0, 0, 0, berlin)},
		{time.Date(2026, 9, 30, 12, 0, 0, 0, berlin), time.Date(2026, 7, 1, 0, 0, 0, 0, berlin)},
	}
	for _, tc := range cases {
		if got := domain.QuarterStart(tc.at, berlin); !got.Equal(tc.want) {
			t.Errorf("QuarterStart(%v) = %v, want %v", tc.at, got, tc.want)
		}
	}
}
