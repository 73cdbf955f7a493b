package domain_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Who may do what to a request of Hattingen (municipality 7), requested by
// user 1, in each status.
func TestPolicies(t *testing.T) {
	t.Parallel()
	// actor is a user whose links to munis the office confirmed.
	actor := func(id int64, roles []domain.Role, munis ...int64) domain.Actor {
		return domain.Actor{User: domain.User{ID: id, Roles: roles}, Municipalities: munis, Verified: munis}
	}
	// waiting is a contact of munis the office has not confirmed (pending or
	// rejected: the Actor tells no difference).
	waiting := func(id int64, munis ...int64) domain.Actor {
		return domain.Actor{User: domain.User{ID: id, Roles: []domain.Role{domain.RoleMunicipal}}, Municipalities: munis}
	}
	municipal := []domain.Role{domain.RoleMunicipal}
	var (
		requester   = actor(1, municipal, 7)
		colleague   = actor(2, municipal, 7)
		unconfirmed = waiting(2, 7)
		waitingReq  = waiting(1, 7) // the requester, not (yet) confirmed
		otherCity   = actor(3, municipal, 8)
		coordinator = actor(4, []domain.Role{domain.RoleCoordinator})
		advisor     = actor(5, []domain.Role{domain.RoleAdvisor})
		exContact   = actor(6, nil, 7) // the municipal role taken away, the membership left
		nobody      = domain.Actor{}
	)
	type can struct{ view, decide, withdraw, answer, request, review bool }
	cases := []struct {
		name   string
		a      domain.Actor
		status domain.Status
		want   can
	}{
		{"requester, submitted", requester, domain.StatusSubmitted, can{view: true, withdraw: true, answer: true, request: true}},
		{"colleague, question", colleague, domain.StatusQuestion, can{view: true, withdraw: true, answer: true, request: true}},
		{"unconfirmed colleague, question", unconfirmed, domain.StatusQuestion, can{request: true}},
		{"unconfirmed requester, question", waitingReq, domain.StatusQuestion, can{view: true, withdraw: true, answer: true, request: true}},
		{"requester, assigned", requester, domain.StatusAssigned, can{view: true, request: true}},
		{"requester, declined", requester, domain.StatusDeclined, can{view: true, request: true}},
		{"other municipality", otherCity, domain.StatusSubmitted, can{request: true}},
		{"coordinator, in review", coordinator, domain.StatusInReview, can{view: true, decide: true, review: true}},
		{"coordinator, approved", coordinator, domain.StatusApproved, can{view: true, review: true}},
		{"advisor", advisor, domain.StatusSubmitted, can{}},
		{"contact whose role was taken", exContact, domain.StatusSubmitted, can{}},
		{"nobody", nobody, domain.StatusSubmitted, can{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := domain.Request{ID: 9, Status: c.status, RequestDraft: domain.RequestDraft{RequesterID: 1, MunicipalityID: 7}}
			got := can{view: domain.CanView(c.a, r), decide: domain.CanDecide(c.a, r), withdraw: domain.CanWithdraw(c.a, r),
				answer: domain.CanAnswer(c.a, r), request: domain.CanRequest(c.a), review: domain.MayReview(c.a)}
			if got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}
