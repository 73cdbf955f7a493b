package flows_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
)

func (h *harness) invite(code string, role flows.Role, expires time.Time) {
	h.t.Helper()
	if err := h.db.CreateInvite(h.t.Context(), code, role, 0, expires); err != nil {
		h.t.Fatalf("CreateInvite: %v", err)
	}
}

func TestValidInvitePresetsTheRoleAndIsConsumed(t *testing.T) {
	h := newHarness(t)
	h.invite("adv-2026_x", flows.RoleAdvisor, start.Add(time.Hour))
	p := person{ID: 6001}
	h.send(p, "/start adv-2026_x")
	h.expect(p, h.tr("de", "invite.valid", map[string]any{"Role": "Berater*in"}))
	onboardAfterStart(h, p, "Amira Haddad")
	h.expect(p, "<b>Rolle:</b> Berater*in")
	if slices.Contains(h.buttons(p), "✏️ Rolle") {
		t.Errorf("the invited role can be edited: %v", h.buttons(p))
	}
	confirm(h, p, "de")
	if r, _ := h.store.lastRegistration(); r.InviteCode != "adv-2026_x" || r.Role != flows.RoleAdvisor {
		t.Errorf("registration %+v", r)
	}
	inv, err := h.db.InviteByCode(t.Context(), "adv-2026_x")
	if err != nil || inv.UsedAt.IsZero() {
		t.Errorf("invite after use: %+v, %v", inv, err)
	}
	if u, _ := h.user(p); !slices.Equal(u.Roles, []flows.Role{flows.RoleAdvisor}) {
		t.Errorf("roles %v", u.Roles)
	}

	// The same link again, by someone else: explained, onboarding as usual.
	q := person{ID: 6002}
	h.send(q, "/start adv-2026_x")
	h.expect(q, h.tr("de", "invite.used", nil), h.tr("de", "onb.lang_prompt", map[string]any{"Name": ""}))
	h.press(q, "Deutsch")
	h.press(q, "Ich stimme zu")
	h.expect(q, h.tr("de", "onb.role_prompt", nil))

	// A registered user with a link gets the menu and an explanation.
	h.send(p, "/start other")
	h.expect(p, h.tr("de", "invite.registered", nil), "<b>Hauptmenü</b>")
}

// onboardAfterStart answers language, consent and name (the role is preset).
func onboardAfterStart(h *harness, p person, name string) {
	h.t.Helper()
	h.press(p, "Deutsch")
	h.press(p, "Ich stimme zu")
	h.expect(p, h.tr("de", "onb.name_prompt", nil))
	h.send(p, name)
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
			h := newHarness(t)
			h.invite("old", flows.RoleAdvisor, start.Add(-time.Minute))
			p := person{ID: 6003}
			h.send(p, "/start "+c.args)
			h.expect(p, h.tr("de", c.key, nil), h.tr("de", "onb.lang_prompt", map[string]any{"Name": ""}))
			h.press(p, "Deutsch")
			h.press(p, "Ich stimme zu")
			h.expect(p, h.tr("de", "onb.role_prompt", nil))
		})
	}
}

func TestInviteUsedWhileOnboarding(t *testing.T) {
	h := newHarness(t)
	h.invite("race", flows.RoleMunicipal, start.Add(time.Hour))
	p, q := person{ID: 6004}, person{ID: 6005}
	h.send(p, "/start race")
	h.send(q, "/start race")
	onboardAfterStart(h, q, "Erste Person")
	h.send(q, "Hattingen")
	h.press(q, "Nordrhein-Westfalen")
	h.send(q, "Bürgermeisterin")
	confirm(h, q, "de")

	onboardAfterStart(h, p, "Zweite Person")
	h.send(p, "Hattingen")
	h.press(p, "Nordrhein-Westfalen")
	h.send(p, "Kämmerer")
	h.press(p, "✅ Bestätigen")
	// The invite is gone: say so and ask for the role.
	h.expect(p, h.tr("de", "invite.lost", nil), h.tr("de", "onb.role_prompt", nil))
	h.press(p, "Kommune")
	h.expect(p, "<b>Rolle:</b> Kommune", "<b>Funktion:</b> Kämmerer")
	confirm(h, p, "de")
	if r, _ := h.store.lastRegistration(); r.InviteCode != "" {
		t.Errorf("registration still carries the invite: %+v", r)
	}
}
