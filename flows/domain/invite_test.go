package domain_test

import (
	"errors"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Who may invite whom (municipality 7, organisation 9), revoke and hold.
func TestInvitePolicies(t *testing.T) {
	t.Parallel()
	roles := func(r ...domain.Role) domain.User { return domain.User{ID: 1, Roles: r} }
	var (
		coordinator = domain.Actor{User: roles(domain.RoleCoordinator)}
		contact     = domain.Actor{User: roles(domain.RoleMunicipal), Municipalities: []int64{7}, Verified: []int64{7}}
		waiting     = domain.Actor{User: roles(domain.RoleMunicipal), Municipalities: []int64{7}}
		member      = domain.Actor{User: roles(domain.RoleOrganisation), Organisations: []int64{9}}
		exMember    = domain.Actor{User: roles(), Organisations: []int64{9}} // the role taken away
		advisor     = domain.Actor{User: roles(domain.RoleAdvisor)}
		nobody      = domain.Actor{}
	)
	var (
		adv   = domain.InviteScope{Role: domain.RoleAdvisor}
		coord = domain.InviteScope{Role: domain.RoleCoordinator}
		muni  = domain.InviteScope{Role: domain.RoleMunicipal, MunicipalityID: 7}
		other = domain.InviteScope{Role: domain.RoleMunicipal, MunicipalityID: 8}
		bare  = domain.InviteScope{Role: domain.RoleMunicipal}
		org   = domain.InviteScope{Role: domain.RoleOrganisation, OrganisationID: 9}
		mixed = domain.InviteScope{Role: domain.RoleAdvisor, MunicipalityID: 7}
	)
	cases := []struct {
		name  string
		a     domain.Actor
		may   bool
		can   []domain.InviteScope
		canot []domain.InviteScope
	}{
		{"coordinator", coordinator, true, []domain.InviteScope{adv, coord}, []domain.InviteScope{muni, org, bare, mixed}},
		{"confirmed contact", contact, true, []domain.InviteScope{muni}, []domain.InviteScope{adv, coord, other, bare, org}},
		{"waiting contact", waiting, false, nil, []domain.InviteScope{muni, adv}},
		{"member", member, true, []domain.InviteScope{org}, []domain.InviteScope{adv, muni}},
		{"former member", exMember, false, nil, []domain.InviteScope{org}},
		{"advisor", advisor, false, nil, []domain.InviteScope{adv, coord}},
		{"nobody", nobody, false, nil, []domain.InviteScope{adv, muni, org}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := domain.MayInvite(c.a); got != c.may {
				t.Errorf("MayInvite = %v", got)
			}
			for _, s := range c.can {
				if !domain.CanInvite(c.a, s) {
					t.Errorf("cannot invite %+v", s)
				}
			}
			for _, s := range c.canot {
				if domain.CanInvite(c.a, s) {
					t.Errorf("can invite %+v", s)
				}
			}
		})
	}
	inv := domain.Invite{CreatedBy: 5}
	creator := domain.Actor{User: domain.User{ID: 5, Roles: []domain.Role{domain.RoleMunicipal}}}
	for _, c := range []struct {
		name string
		a    domain.Actor
		want bool
	}{{"creator", creator, true}, {"coordinator", coordinator, true}, {"someone else", contact, false}, {"nobody", nobody, false}} {
		if got := domain.CanRevoke(c.a, inv); got != c.want {
			t.Errorf("CanRevoke(%s) = %v", c.name, got)
		}
	}
	if !domain.Holds(contact, muni) || domain.Holds(waiting, muni) || !domain.Holds(member, org) ||
		domain.Holds(member, adv) || !domain.Holds(advisor, adv) {
		t.Error("Holds is wrong")
	}
}

func TestInviteStatus(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	cases := []struct {
		inv  domain.Invite
		want domain.InviteState
	}{
		{domain.Invite{ExpiresAt: now.Add(time.Second)}, domain.InviteOpen},
		{domain.Invite{ExpiresAt: now}, domain.InviteExpired},
		{domain.Invite{ExpiresAt: now.Add(-time.Hour), UsedAt: now.Add(-2 * time.Hour)}, domain.InviteUsed},
		{domain.Invite{ExpiresAt: now.Add(-time.Hour), RevokedAt: now.Add(-2 * time.Hour)}, domain.InviteRevoked},
	}
	for _, c := range cases {
		if got := c.inv.Status(now); got != c.want {
			t.Errorf("%+v: %s, want %s", c.inv, got, c.want)
		}
	}
	if err := error(&domain.InviteError{State: domain.InviteUsed}); !errors.Is(err, domain.ErrConflict) {
		t.Error("an InviteError is no ErrConflict")
	}
}
