package domain_test

import (
	"fmt"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Only coordinators see the statistics.
func TestMaySeeStatistics(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		roles []domain.Role
		want  bool
	}{
		{[]domain.Role{domain.RoleCoordinator}, true},
		{[]domain.Role{domain.RoleAdvisor, domain.RoleCoordinator}, true},
		{[]domain.Role{domain.RoleAdvisor}, false},
		{[]domain.Role{domain.RoleMunicipal}, false},
		{[]domain.Role{domain.RoleOrganisation}, false},
		{nil, false},
	} {
		a := domain.Actor{User: domain.User{ID: 1, Roles: c.roles}}
		if got := domain.MaySeeStatistics(a); got != c.want {
			t.Errorf("%v: %v, want %v", c.roles, got, c.want)
		}
	}
}

// The figures derived from the counts: the advisors with n seats (and
// with at least three), the ratings' count and mean, the answer rate.
func TestStatisticsFigures(t *testing.T) {
	t.Parallel()
	w := domain.Workload{Advisors: 6, Counts: []int{4, 3, 1, 1, 0, 0}}
	if got := []int{w.With(0), w.With(1), w.With(2), w.With(-3)}; fmt.Sprint(got) != "[2 2 0 2]" {
		t.Errorf("workload buckets %v", got)
	}
	g := domain.RatingFigures{Stars: [5]int{0, 0, 1, 0, 2}}
	if g.Count() != 3 || fmt.Sprintf("%.4f", g.Mean()) != "4.3333" || (domain.RatingFigures{}).Mean() != 0 {
		t.Errorf("ratings: %d, mean %f", g.Count(), g.Mean())
	}
	if e := (domain.EventFigures{Invited: 8, Answered: 3}); e.AnswerRate() != 37.5 || (domain.EventFigures{}).AnswerRate() != 0 {
		t.Errorf("answer rate %f", e.AnswerRate())
	}
}
