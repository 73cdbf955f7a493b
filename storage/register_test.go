package storage_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func registration(e env, tgID int64, role domain.Role) domain.Registration {
	r := domain.Registration{TelegramID: tgID, ChatID: tgID + 1000, Name: "Ayşe Yılmaz", Lang: "de",
		ConsentAt: e.clock.Now(), Role: role}
	switch role {
	case domain.RoleMunicipal:
		r.Municipal = &domain.MunicipalProfile{Municipality: "Hattingen", State: "NW", Function: "Integrationsbeauftragte"}
	case domain.RoleOrganisation:
		r.Organisation = &domain.OrganisationProfile{Name: "Kulturverein Brücke e.V.", City: "Dortmund", State: "NW",
			Topics: []domain.Topic{domain.TopicCulture, domain.TopicYouth}, InviteLang: "de"}
	}
	return r
}

func TestRegisterEachRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	tests := []struct {
		role      domain.Role
		extra     []domain.Role
		wantRoles []domain.Role
		profile   string // query counting the profile rows of user $1
	}{
		{domain.RoleCoordinator, nil, []domain.Role{domain.RoleCoordinator}, ""},
		{domain.RoleAdvisor, []domain.Role{domain.RoleCoordinator},
			[]domain.Role{domain.RoleAdvisor, domain.RoleCoordinator}, ""},
		{domain.RoleMunicipal, nil, []domain.Role{domain.RoleMunicipal},
			`SELECT count(*) FROM municipal_contacts c JOIN municipalities m ON m.id = c.municipality_id
			  WHERE c.user_id = $1 AND m.name = 'Hattingen' AND m.state = 'NW' AND c.function = 'Integrationsbeauftragte'`},
		{domain.RoleOrganisation, nil, []domain.Role{domain.RoleOrganisation},
			`SELECT count(*) FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
			  WHERE om.user_id = $1 AND o.name = 'Kulturverein Brücke e.V.' AND o.city = 'Dortmund'`},
	}
	for i, tc := range tests {
		t.Run(string(tc.role), func(t *testing.T) {
			r := registration(e, int64(100+i), tc.role)
			u, err := e.st.Register(ctx, r, nil, tc.extra...)
			if err != nil {
				t.Fatalf("register: %v", err)
			}
			if u.ID == 0 || u.TelegramID != r.TelegramID || u.ChatID != r.ChatID || u.Name != r.Name || u.Lang != "de" {
				t.Errorf("register returned %+v", u)
			}
			if !slices.Equal(u.Roles, tc.wantRoles) {
				t.Errorf("roles = %v, want %v", u.Roles, tc.wantRoles)
			}
			got, err := e.st.UserByTelegramID(ctx, r.TelegramID)
			if err != nil {
				t.Fatalf("user by telegram id: %v", err)
			}
			if got.ID != u.ID || !got.ConsentAt.Equal(r.ConsentAt) || !slices.Equal(got.Roles, tc.wantRoles) {
				t.Errorf("loaded %+v, registered %+v", got, u)
			}
			if tc.profile != "" && e.count(t, tc.profile, u.ID) != 1 {
				t.Errorf("profile row missing")
			}
			if n := e.count(t, `SELECT count(*) FROM audit_log WHERE action = 'user.register' AND subject = $1`,
				"user:"+strconv.FormatInt(u.ID, 10)); n != 1 {
				t.Errorf("audit entries = %d, want 1", n)
			}
		})
	}
	if n := e.count(t, `SELECT count(*) FROM audit_log WHERE detail::text LIKE '%Ayşe%' OR detail::text LIKE '%Hattingen%'`); n != 0 {
		t.Errorf("audit_log holds personal data in %d rows", n)
	}
}

func TestRegisterMunicipalityFoundCaseInsensitively(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	for i, name := range []string{"Hattingen", "hattingen ", "HATTINGEN"} {
		r := registration(e, int64(200+i), domain.RoleMunicipal)
		r.Municipal.Municipality = name
		if _, err := e.st.Register(ctx, r, nil); err != nil {
			t.Fatalf("register %q: %v", name, err)
		}
	}
	if n := e.count(t, `SELECT count(*) FROM municipalities`); n != 1 {
		t.Errorf("municipalities = %d, want 1", n)
	}
	if n := e.count(t, `SELECT count(*) FROM municipal_contacts`); n != 3 {
		t.Errorf("contacts = %d, want 3", n)
	}
}

func TestRegisterAgainUpdatesAndKeepsRoles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	first, err := e.st.Register(ctx, registration(e, 1, domain.RoleAdvisor), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := registration(e, 1, domain.RoleOrganisation)
	r.Name, r.Lang = "Ayşe Y.", "en"
	again, err := e.st.Register(ctx, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.Role{domain.RoleAdvisor, domain.RoleOrganisation}
	if again.ID != first.ID || again.Name != "Ayşe Y." || again.Lang != "en" || !slices.Equal(again.Roles, want) {
		t.Errorf("second register = %+v", again)
	}
}

func TestRegisterRejectsIncomplete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(*domain.Registration)
	}{
		{"unknown role", func(r *domain.Registration) { r.Role = "admin" }},
		{"no consent", func(r *domain.Registration) { r.ConsentAt = time.Time{} }},
		{"no telegram id", func(r *domain.Registration) { r.TelegramID = 0 }},
		{"municipal without profile", func(r *domain.Registration) { r.Municipal = nil }},
		{"unknown Bundesland", func(r *domain.Registration) { r.Municipal.State = "NRW" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := registration(e, 300, domain.RoleMunicipal)
			tc.change(&r)
			if _, err := e.st.Register(ctx, r, nil); err == nil {
				t.Fatal("register succeeded")
			}
		})
	}
	if n := e.count(t, `SELECT count(*) FROM users`); n != 0 {
		t.Errorf("users = %d after rejected registrations", n)
	}
}

func TestSetLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u, err := e.st.Register(ctx, registration(e, 5, domain.RoleAdvisor), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetLanguage(ctx, u.ID, "en"); err != nil {
		t.Fatalf("set language: %v", err)
	}
	got, err := e.st.UserByTelegramID(ctx, 5)
	if err != nil || got.Lang != "en" {
		t.Fatalf("lang = %q, %v; want en", got.Lang, err)
	}
}

func TestGrantRoleIsIdempotent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u, err := e.st.Register(ctx, registration(e, 6, domain.RoleAdvisor), nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := e.st.GrantRole(ctx, u.ID, domain.RoleCoordinator); err != nil {
			t.Fatalf("grant: %v", err)
		}
	}
	got, err := e.st.UserByTelegramID(ctx, 6)
	if err != nil {
		t.Fatal(err)
	}
	if want := []domain.Role{domain.RoleAdvisor, domain.RoleCoordinator}; !slices.Equal(got.Roles, want) {
		t.Errorf("roles = %v, want %v", got.Roles, want)
	}
	if n := e.count(t, `SELECT count(*) FROM audit_log WHERE action = 'user.grant_role'`); n != 1 {
		t.Errorf("grant audit entries = %d, want 1", n)
	}
	if err := e.st.GrantRole(ctx, u.ID, "admin"); err == nil || errors.Is(err, domain.ErrNotFound) {
		t.Errorf("grant unknown role: err = %v", err)
	}
}
