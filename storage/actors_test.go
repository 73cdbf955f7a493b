package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The acting user comes with roles and memberships in one read; a deleted
// or unknown user is not found.
func TestActorByTelegramID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	muni, err := e.st.Register(ctx, registration(e, 11, domain.RoleMunicipal), nil)
	if err != nil {
		t.Fatal(err)
	}
	colleague, err := e.st.Register(ctx, registration(e, 12, domain.RoleMunicipal), nil)
	if err != nil {
		t.Fatal(err)
	}
	org, err := e.st.Register(ctx, registration(e, 13, domain.RoleOrganisation), nil, domain.RoleCoordinator)
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.st.ActorByTelegramID(ctx, 11)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.st.ActorByTelegramID(ctx, 12)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != muni.ID || a.Name != "Ayşe Yılmaz" || a.ChatID != 1011 || !slices.Equal(a.Roles, []domain.Role{domain.RoleMunicipal}) ||
		len(a.Municipalities) != 1 || len(a.Organisations) != 0 || !slices.Equal(a.Municipalities, b.Municipalities) ||
		b.ID != colleague.ID || len(a.Verified) != 0 || a.SpeaksFor(a.Municipalities[0]) {
		t.Errorf("municipal actors %+v and %+v (self-registered: confirmed for nothing)", a, b)
	}
	// The office confirms a's link and rejects b's: a speaks for the
	// municipality at the next read, b does not.
	pending, err := e.st.PendingContacts(ctx)
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending contacts %+v, %v", pending, err)
	}
	for _, c := range pending {
		to := domain.ContactVerified
		if c.UserID == colleague.ID {
			to = domain.ContactRejected
		}
		if _, err := e.st.DecideContact(ctx, c.ID, org.ID, to, nil); err != nil {
			t.Fatal(err)
		}
	}
	if a, err = e.st.ActorByTelegramID(ctx, 11); err != nil || !slices.Equal(a.Verified, a.Municipalities) || !a.SpeaksFor(a.Municipalities[0]) {
		t.Errorf("confirmed contact %+v, %v", a, err)
	}
	if b, err = e.st.ActorByTelegramID(ctx, 12); err != nil || len(b.Verified) != 0 || len(b.Municipalities) != 1 || b.SpeaksFor(b.Municipalities[0]) {
		t.Errorf("rejected contact %+v, %v", b, err)
	}
	o, err := e.st.ActorByTelegramID(ctx, 13)
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != org.ID || !o.Has(domain.RoleCoordinator) || !o.Has(domain.RoleOrganisation) || len(o.Organisations) != 1 ||
		len(o.Municipalities) != 0 || o.SpeaksFor(a.Municipalities[0]) {
		t.Errorf("organisation actor %+v", o)
	}
	if err := e.st.DeleteUser(ctx, muni.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{11, 404} {
		if _, err := e.st.ActorByTelegramID(ctx, id); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("actor %d: err = %v, want ErrNotFound", id, err)
		}
	}
}

// Revoking a role counts at the next read, is audited once, and refuses an
// unknown role or user.
func TestRevokeRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u, err := e.st.Register(ctx, registration(e, 21, domain.RoleAdvisor), nil, domain.RoleCoordinator)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := e.st.RevokeRole(ctx, u.ID, domain.RoleCoordinator); err != nil {
			t.Fatalf("revoke: %v", err)
		}
	}
	a, err := e.st.ActorByTelegramID(ctx, 21)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Roles, []domain.Role{domain.RoleAdvisor}) {
		t.Errorf("roles after revoking = %v", a.Roles)
	}
	if n := e.count(t, `SELECT count(*) FROM audit_log WHERE action = 'user.revoke_role'`); n != 1 {
		t.Errorf("revoke audit entries = %d, want 1", n)
	}
	if err := e.st.RevokeRole(ctx, u.ID, "admin"); err == nil || errors.Is(err, domain.ErrNotFound) {
		t.Errorf("revoke unknown role: err = %v", err)
	}
	if err := e.st.RevokeRole(ctx, 404, domain.RoleAdvisor); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("revoke for nobody: err = %v, want ErrNotFound", err)
	}
}
