package onboarding_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// invite stores an invite code for role, valid until expires.
func invite(h *flowstest.H, code string, role domain.Role, expires time.Time) {
	h.T.Helper()
	if err := h.DB.CreateInvite(h.T.Context(), code, role, 0, expires); err != nil {
		h.T.Fatalf("CreateInvite: %v", err)
	}
}

// onboardAfterStart answers language, consent and name (the role is preset).
func onboardAfterStart(h *flowstest.H, p flowstest.Person, name string) {
	h.T.Helper()
	h.Press(p, "Deutsch")
	h.Press(p, "Ich stimme zu")
	h.Expect(p, h.Tr("de", "onb.name_prompt", nil))
	h.Send(p, name)
}

func TestValidInvitePresetsTheRoleAndIsConsumed(t *testing.T) {
	h := flowstest.New(t)
	invite(h, "adv-2026_x", domain.RoleAdvisor, flowstest.Start.Add(time.Hour))
	p := flowstest.Person{ID: 6001}
	h.Send(p, "/start adv-2026_x")
	h.Expect(p, h.Tr("de", "invite.valid", map[string]any{"Role": "Berater*in"}))
	onboardAfterStart(h, p, "Amira Haddad")
	h.Expect(p, "<b>Rolle:</b> Berater*in")
	h.Press(p, "✏️ Ändern")
	if slices.Contains(h.Buttons(p), "Rolle") {
		t.Errorf("the invited role can be edited: %v", h.Buttons(p))
	}
	h.Press(p, "« Zurück")
	h.Confirm(p, "de")
	if r, _ := h.Store.LastRegistration(); r.InviteCode != "adv-2026_x" || r.Role != domain.RoleAdvisor {
		t.Errorf("registration %+v", r)
	}
	inv, err := h.DB.InviteByCode(t.Context(), "adv-2026_x")
	if err != nil || inv.UsedAt.IsZero() {
		t.Errorf("invite after use: %+v, %v", inv, err)
	}
	if u, _ := h.User(p); !slices.Equal(u.Roles, []domain.Role{domain.RoleAdvisor}) {
		t.Errorf("roles %v", u.Roles)
	}

	// The same link again, by someone else: explained, onboarding as usual.
	q := flowstest.Person{ID: 6002}
	h.Send(q, "/start adv-2026_x")
	h.Expect(q, h.Tr("de", "invite.used", nil), h.Tr("de", "onb.lang_prompt", map[string]any{"Name": ""}))
	h.Press(q, "Deutsch")
	h.Press(q, "Ich stimme zu")
	h.Expect(q, h.Tr("de", "onb.role_prompt", nil))

	// A registered user with a link gets the menu and an explanation.
	h.Send(p, "/start other")
	h.Expect(p, h.Tr("de", "invite.unknown", map[string]any{"Registered": true}), "<b>Hauptmenü</b>")
}

func TestInviteInEnglish(t *testing.T) {
	h := flowstest.New(t)
	invite(h, "muni", domain.RoleMunicipal, flowstest.Start.Add(time.Hour))
	p := flowstest.Person{ID: 6006, LangHint: "en"}
	h.Send(p, "/start muni")
	h.Expect(p, h.Tr("en", "invite.valid", map[string]any{"Role": "Municipality"}), h.Tr("en", "onb.lang_prompt", map[string]any{"Name": ""}))
	a := flowstest.Municipal
	a.Lang, a.Role = "en", ""
	h.Press(p, "English")
	h.Press(p, h.Plain("en", "btn.consent_yes", nil))
	h.Expect(p, h.Tr("en", "onb.name_prompt", nil))
	h.Send(p, a.Name)
	h.Send(p, a.Muni)
	h.Press(p, "North Rhine-Westphalia")
	h.Send(p, a.Fn)
	h.Expect(p, "<b>Role:</b> Municipality", "<b>Municipality:</b> Hattingen")
	h.Confirm(p, "en")
}

func TestInvalidInviteLinks(t *testing.T) {
	cases := []struct{ name, args, key string }{
		{"unknown", "nosuchcode", "invite.unknown"},
		{"expired", "old", "invite.expired"},
		{"bad characters", "a/b?c", "invite.invalid"},
		{"too long", strings.Repeat("x", 65), "invite.invalid"},
		{"html", "<b>x</b>", "invite.invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := flowstest.New(t)
			invite(h, "old", domain.RoleAdvisor, flowstest.Start.Add(-time.Minute))
			p := flowstest.Person{ID: 6003}
			h.Send(p, "/start "+c.args)
			h.Expect(p, h.Tr("de", c.key, nil), h.Tr("de", "onb.lang_prompt", map[string]any{"Name": ""}))
			h.Press(p, "Deutsch")
			h.Press(p, "Ich stimme zu")
			h.Expect(p, h.Tr("de", "onb.role_prompt", nil))
		})
	}
}

func TestInviteUsedWhileOnboarding(t *testing.T) {
	h := flowstest.New(t)
	invite(h, "race", domain.RoleMunicipal, flowstest.Start.Add(time.Hour))
	p, q := flowstest.Person{ID: 6004}, flowstest.Person{ID: 6005}
	h.Send(p, "/start race")
	h.Send(q, "/start race")
	onboardAfterStart(h, q, "Erste Person")
	h.Send(q, "Hattingen")
	h.Press(q, "Nordrhein-Westfalen")
	h.Send(q, "Bürgermeisterin")
	h.Confirm(q, "de")

	onboardAfterStart(h, p, "Zweite Person")
	h.Send(p, "Hattingen")
	h.Press(p, "Nordrhein-Westfalen")
	h.Send(p, "Kämmerer")
	h.Press(p, "✅ Bestätigen")
	// The invite is gone: say so and ask for the role.
	h.Expect(p, h.Tr("de", "invite.lost", nil), h.Tr("de", "onb.role_prompt", nil))
	h.Press(p, "Kommune")
	h.Expect(p, "<b>Rolle:</b> Kommune", "<b>Funktion:</b> Kämmerer")
	h.Confirm(p, "de")
	if r, _ := h.Store.LastRegistration(); r.InviteCode != "" {
		t.Errorf("registration still carries the invite: %+v", r)
	}
}
