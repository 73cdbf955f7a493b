package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// inviteWorld has a coordinator (tg 1), a verified contact of Hattingen
// (tg 2) and an organisation's member (tg 3).
type inviteWorld struct {
	e                     env
	coord, contact, membr domain.Actor
}

func newInviteWorld(t *testing.T) inviteWorld {
	t.Helper()
	e := newEnv(t)
	ctx := context.Background()
	w := inviteWorld{e: e}
	for tg, role := range map[int64]domain.Role{1: domain.RoleCoordinator, 2: domain.RoleMunicipal, 3: domain.RoleOrganisation} {
		if _, err := e.st.Register(ctx, registration(e, tg, role), nil); err != nil {
			t.Fatal(err)
		}
	}
	w.coord = actorOf(t, e, 1)
	pending, err := e.st.PendingContacts(ctx)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending %v, %v", pending, err)
	}
	if _, err := e.st.DecideContact(ctx, pending[0].ID, w.coord.ID, domain.ContactVerified, nil); err != nil {
		t.Fatal(err)
	}
	w.contact, w.membr = actorOf(t, e, 2), actorOf(t, e, 3)
	return w
}

func actorOf(t *testing.T, e env, tg int64) domain.Actor {
	t.Helper()
	a, err := e.st.ActorByTelegramID(context.Background(), tg)
	if err != nil {
		t.Fatalf("actor %d: %v", tg, err)
	}
	return a
}

// add stores an invite of scope by creator, valid for a day.
func (w inviteWorld) add(t *testing.T, code string, by int64, s domain.InviteScope) domain.Invite {
	t.Helper()
	ctx := context.Background()
	if err := w.e.st.AddInvite(ctx, domain.Invite{Code: code, InviteScope: s, CreatedBy: by,
		ExpiresAt: w.e.clock.Now().Add(24 * time.Hour)}); err != nil {
		t.Fatalf("add invite %s: %v", code, err)
	}
	inv, err := w.e.st.InviteByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func (w inviteWorld) muniScope() domain.InviteScope {
	return domain.InviteScope{Role: domain.RoleMunicipal, MunicipalityID: w.contact.Verified[0]}
}

func (w inviteWorld) orgScope() domain.InviteScope {
	return domain.InviteScope{Role: domain.RoleOrganisation, OrganisationID: w.membr.Organisations[0]}
}

func TestInvitedColleaguesJoinConfirmed(t *testing.T) {
	t.Parallel()
	w := newInviteWorld(t)
	ctx := context.Background()
	inv := w.add(t, "muni-colleague-0000001", w.contact.ID, w.muniScope())
	if inv.Name != "Hattingen" || inv.State != "NW" || inv.CreatedBy != w.contact.ID {
		t.Errorf("invite read as %+v", inv)
	}
	r := registration(w.e, 10, domain.RoleMunicipal)
	r.Municipal.Municipality, r.Municipal.Function = "Anderswo", "Kämmerin" // the name is the invite's
	r.InviteCode = inv.Code
	notified := false
	if _, err := w.e.st.Register(ctx, r, func(domain.Contact) []domain.Notification { notified = true; return nil }); err != nil {
		t.Fatal(err)
	}
	a := actorOf(t, w.e, 10)
	if !a.SpeaksFor(w.contact.Verified[0]) || len(a.Municipalities) != 1 || notified {
		t.Errorf("invited contact %+v, office told %v; want verified in Hattingen only, nobody told", a, notified)
	}
	muns, _, err := w.e.st.Profiles(ctx, a.ID)
	if err != nil || len(muns) != 1 || muns[0].Function != "Kämmerin" || muns[0].Status != domain.ContactVerified {
		t.Errorf("profile %+v, %v", muns, err)
	}

	org := w.add(t, "org-colleague-00000001", w.membr.ID, w.orgScope())
	r = registration(w.e, 11, domain.RoleOrganisation)
	r.InviteCode = org.Code
	if _, err := w.e.st.Register(ctx, r, nil); err != nil {
		t.Fatal(err)
	}
	if b := actorOf(t, w.e, 11); !slices.Equal(b.Organisations, w.membr.Organisations) {
		t.Errorf("invited member of %v, want %v", b.Organisations, w.membr.Organisations)
	}
	var orgs int
	if err := w.e.db.QueryRow(ctx, `SELECT count(*) FROM organisations`).Scan(&orgs); err != nil || orgs != 1 {
		t.Errorf("%d organisations (%v), want the one", orgs, err)
	}

	// A scoped invite cannot be used for another role.
	other := w.add(t, "muni-colleague-0000002", w.contact.ID, w.muniScope())
	r = registration(w.e, 12, domain.RoleAdvisor)
	r.InviteCode = other.Code
	if _, err := w.e.st.Register(ctx, r, nil); err == nil {
		t.Error("a municipal invite registered an advisor")
	}
}

func TestInviteScopesAreChecked(t *testing.T) {
	t.Parallel()
	w := newInviteWorld(t)
	ctx := context.Background()
	exp := w.e.clock.Now().Add(time.Hour)
	for _, bad := range []domain.Invite{
		{Code: "a", InviteScope: domain.InviteScope{Role: domain.RoleMunicipal}, CreatedBy: w.contact.ID},
		{Code: "b", InviteScope: domain.InviteScope{Role: domain.RoleOrganisation}, CreatedBy: w.membr.ID},
		{Code: "c", InviteScope: domain.InviteScope{Role: domain.RoleAdvisor, MunicipalityID: w.contact.Verified[0]}, CreatedBy: w.coord.ID},
	} {
		bad.ExpiresAt = exp
		if err := w.e.st.AddInvite(ctx, bad); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("AddInvite(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
	if err := w.e.st.AddInvite(ctx, domain.Invite{Code: "d", InviteScope: domain.InviteScope{Role: domain.RoleMunicipal,
		MunicipalityID: 999}, CreatedBy: w.contact.ID, ExpiresAt: exp}); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("unknown municipality: %v, want ErrNotFound", err)
	}
	scopes, err := w.e.st.ColleagueScopes(ctx, w.contact.ID)
	if err != nil || len(scopes) != 1 || scopes[0].Name != "Hattingen" || scopes[0].MunicipalityID != w.contact.Verified[0] {
		t.Errorf("scopes of the contact: %+v, %v", scopes, err)
	}
	scopes, err = w.e.st.ColleagueScopes(ctx, w.membr.ID)
	if err != nil || len(scopes) != 1 || scopes[0].Name != "Kulturverein Brücke e.V." || scopes[0].Role != domain.RoleOrganisation {
		t.Errorf("scopes of the member: %+v, %v", scopes, err)
	}
}

// stateErr returns the State of an *InviteError, "" for any other error.
func stateErr(err error) domain.InviteState {
	var ie *domain.InviteError
	if errors.As(err, &ie) && errors.Is(err, domain.ErrConflict) {
		return ie.State
	}
	return ""
}

func TestRevokeInvite(t *testing.T) {
	t.Parallel()
	w := newInviteWorld(t)
	ctx := context.Background()
	inv := w.add(t, "muni-colleague-0000003", w.contact.ID, w.muniScope())
	if _, err := w.e.st.RevokeInvite(ctx, inv.ID, w.membr.ID); !errors.Is(err, domain.ErrForbidden) {
		t.Errorf("revoke by a stranger: %v, want ErrForbidden", err)
	}
	got, err := w.e.st.RevokeInvite(ctx, inv.ID, w.contact.ID)
	if err != nil || got.Status(w.e.clock.Now()) != domain.InviteRevoked {
		t.Fatalf("revoke by the creator: %+v, %v", got, err)
	}
	if _, err := w.e.st.RevokeInvite(ctx, inv.ID, w.contact.ID); stateErr(err) != domain.InviteRevoked {
		t.Errorf("revoke twice: %v", err)
	}
	if _, err := w.e.st.RevokeInvite(ctx, 9999, w.contact.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("revoke unknown: %v", err)
	}
	r := registration(w.e, 20, domain.RoleMunicipal)
	r.InviteCode = inv.Code
	if _, err := w.e.st.Register(ctx, r, nil); stateErr(err) != domain.InviteRevoked {
		t.Errorf("register with a revoked invite: %v", err)
	}
	if _, err := w.e.st.UserByTelegramID(ctx, 20); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("user stored despite a revoked invite: %v", err)
	}
	// A coordinator may revoke anyone's; a used invite stays used.
	other := w.add(t, "org-colleague-00000002", w.membr.ID, w.orgScope())
	if _, err := w.e.st.RevokeInvite(ctx, other.ID, w.coord.ID); err != nil {
		t.Errorf("revoke by a coordinator: %v", err)
	}
	used := w.add(t, "org-colleague-00000003", w.membr.ID, w.orgScope())
	r = registration(w.e, 21, domain.RoleOrganisation)
	r.InviteCode = used.Code
	if _, err := w.e.st.Register(ctx, r, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.st.RevokeInvite(ctx, used.ID, w.membr.ID); stateErr(err) != domain.InviteUsed {
		t.Errorf("revoke a used invite: %v", err)
	}
	var audits int
	if err := w.e.db.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'invite.revoke'`).Scan(&audits); err != nil || audits != 2 {
		t.Errorf("%d revoke audits (%v), want 2", audits, err)
	}
}

// An invite of someone who may no longer invite so (the office rejected
// their link since) grants nothing.
func TestInviteOfARejectedContactIsVoid(t *testing.T) {
	t.Parallel()
	w := newInviteWorld(t)
	ctx := context.Background()
	inv := w.add(t, "muni-colleague-0000004", w.contact.ID, w.muniScope())
	if _, err := w.e.db.Exec(ctx, `UPDATE municipal_contacts SET status = 'rejected' WHERE user_id = $1`, w.contact.ID); err != nil {
		t.Fatal(err)
	}
	r := registration(w.e, 30, domain.RoleMunicipal)
	r.InviteCode = inv.Code
	if _, err := w.e.st.Register(ctx, r, nil); stateErr(err) != domain.InviteRevoked {
		t.Errorf("register: %v, want the invite refused as revoked", err)
	}
	if got, _ := w.e.st.InviteByCode(ctx, inv.Code); !got.UsedAt.IsZero() {
		t.Errorf("the void invite was consumed: %+v", got)
	}
}

func TestAcceptInvite(t *testing.T) {
	t.Parallel()
	w := newInviteWorld(t)
	ctx := context.Background()
	// The member becomes an advisor too.
	adv := w.add(t, "advisor-invite-0000001", w.coord.ID, domain.InviteScope{Role: domain.RoleAdvisor})
	got, err := w.e.st.AcceptInvite(ctx, adv.Code, w.membr.ID)
	if err != nil || got.Role != domain.RoleAdvisor {
		t.Fatalf("accept: %+v, %v", got, err)
	}
	if a := actorOf(t, w.e, 3); !a.Has(domain.RoleAdvisor) || !a.Has(domain.RoleOrganisation) {
		t.Errorf("roles after accepting %v", a.Roles)
	}
	if _, err := w.e.st.AcceptInvite(ctx, adv.Code, w.contact.ID); stateErr(err) != domain.InviteUsed {
		t.Errorf("accept a used invite: %v", err)
	}
	// Held already: nothing is consumed.
	again := w.add(t, "advisor-invite-0000002", w.coord.ID, domain.InviteScope{Role: domain.RoleAdvisor})
	if _, err := w.e.st.AcceptInvite(ctx, again.Code, w.membr.ID); !errors.Is(err, domain.ErrInviteHeld) {
		t.Errorf("accept what is held: %v, want ErrInviteHeld", err)
	}
	if inv, _ := w.e.st.InviteByCode(ctx, again.Code); !inv.UsedAt.IsZero() {
		t.Errorf("a held invite was consumed: %+v", inv)
	}
	// The coordinator joins Hattingen, confirmed.
	muni := w.add(t, "muni-colleague-0000005", w.contact.ID, w.muniScope())
	if _, err := w.e.st.AcceptInvite(ctx, muni.Code, w.coord.ID); err != nil {
		t.Fatal(err)
	}
	if a := actorOf(t, w.e, 1); !a.SpeaksFor(w.contact.Verified[0]) {
		t.Errorf("coordinator after accepting: %+v", a)
	}
	var audits int
	if err := w.e.db.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'invite.accept'`).Scan(&audits); err != nil || audits != 2 {
		t.Errorf("%d accept audits (%v), want 2", audits, err)
	}
}

func TestInvitesByListsOpenAndRecent(t *testing.T) {
	t.Parallel()
	w := newInviteWorld(t)
	ctx := context.Background()
	start := w.e.clock.Now()
	old := w.add(t, "advisor-invite-old0001", w.coord.ID, domain.InviteScope{Role: domain.RoleAdvisor}) // expires in a day
	w.e.clock.Add(2 * 24 * time.Hour)
	open := w.add(t, "advisor-invite-open001", w.coord.ID, domain.InviteScope{Role: domain.RoleAdvisor})
	used := w.add(t, "coord-invite-used00001", w.coord.ID, domain.InviteScope{Role: domain.RoleCoordinator})
	if _, err := w.e.st.AcceptInvite(ctx, used.Code, w.membr.ID); err != nil {
		t.Fatal(err)
	}
	w.add(t, "muni-colleague-0000006", w.contact.ID, w.muniScope()) // someone else's
	list, err := w.e.st.InvitesBy(ctx, w.coord.ID, start)
	if err != nil || len(list) != 3 || list[0].Code != used.Code || list[2].Code != old.Code {
		t.Fatalf("list %+v, %v", list, err)
	}
	if list[0].UsedByName != "Ayşe Yılmaz" || list[0].UsedByID != w.membr.ID || list[1].Code != open.Code {
		t.Errorf("list %+v", list)
	}
	if list, _ := w.e.st.InvitesBy(ctx, w.coord.ID, start.Add(36*time.Hour)); len(list) != 2 {
		t.Errorf("since after the old one expired: %d invites, want 2", len(list))
	}
}
