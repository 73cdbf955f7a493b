package flows_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// answers of a complete onboarding.
type answers struct {
	lang  string
	role  flows.Role
	name  string
	muni  string // municipality
	state string // Bundesland key, e.g. "state.NW"
	fn    string // function
	org   string
	city  string
}

var (
	municipal = answers{role: flows.RoleMunicipal, name: "Erika Mustermann", muni: "Hattingen",
		state: "state.NW", fn: "Integrationsbeauftragte"}
	advisor      = answers{role: flows.RoleAdvisor, name: "Amira Haddad"}
	organisation = answers{role: flows.RoleOrganisation, name: "Kofi Mensah",
		org: `Kultur & "Bildung" e.V.`, city: "Köln"}
)

// onboard takes p from /start to the summary, checking every question.
// role "" skips the role step (preset by invite or configuration).
func onboard(h *harness, p person, a answers, startArgs string) {
	h.t.Helper()
	l := a.lang
	h.send(p, "/start"+startArgs)
	h.expect(p, h.tr(l, "onb.lang_prompt", map[string]any{"Name": p.FirstName}))
	h.press(p, h.tr(l, "lang.name", nil))
	h.expect(p, h.tr(l, "onb.consent_prompt", nil))
	h.press(p, h.tr(l, "btn.consent_yes", nil))
	if a.role != "" {
		h.expect(p, h.tr(l, "onb.role_prompt", nil))
		h.press(p, h.tr(l, "role."+string(a.role), nil))
	}
	h.expect(p, h.tr(l, "onb.name_prompt", nil))
	h.send(p, a.name)
	if a.muni != "" {
		h.expect(p, h.tr(l, "onb.municipality_prompt", nil))
		h.send(p, a.muni)
		h.expect(p, h.tr(l, "onb.state_prompt", map[string]any{"Municipality": a.muni}))
		h.press(p, h.tr(l, a.state, nil))
		h.expect(p, h.tr(l, "onb.function_prompt", nil))
		h.send(p, a.fn)
	}
	if a.org != "" {
		h.expect(p, h.tr(l, "onb.organisation_prompt", nil))
		h.send(p, a.org)
		h.expect(p, h.tr(l, "onb.city_prompt", map[string]any{"Organisation": a.org}))
		h.send(p, a.city)
	}
	h.expect(p, h.tr(l, "field.name", nil)+":</b> "+flows.Escape(a.name))
}

// confirm presses confirm on the summary and checks the menu.
func confirm(h *harness, p person, lang string) {
	h.t.Helper()
	h.press(p, h.tr(lang, "btn.confirm", nil))
	h.expect(p, h.tr(lang, "onb.done", nil))
	h.expectButtons(p, h.tr(lang, "btn.profile", nil), h.tr(lang, "btn.privacy", nil))
}

func TestOnboardingEveryRoleInEveryLanguage(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		for _, a := range []answers{municipal, advisor, organisation} {
			a.lang = lang
			t.Run(lang+"/"+string(a.role), func(t *testing.T) {
				h := newHarness(t)
				p := person{ID: 1001, FirstName: "Erika", LangHint: lang}
				onboard(h, p, a, "")
				summary := h.last(p).Text
				for _, v := range []string{a.muni, a.fn, a.org, a.city} {
					if v != "" && !strings.Contains(summary, flows.Escape(v)) {
						t.Errorf("summary lacks %q:\n%s", v, summary)
					}
				}
				if _, err := h.user(p); !errors.Is(err, flows.ErrNotFound) {
					t.Fatalf("before confirm: UserByTelegramID = %v, want ErrNotFound", err)
				}
				confirm(h, p, lang)
				h.expect(p, h.tr(lang, "role."+string(a.role), nil))

				u, err := h.user(p)
				if err != nil {
					t.Fatalf("UserByTelegramID: %v", err)
				}
				if u.Name != a.name || u.Lang != lang || !u.ConsentAt.Equal(start) || !slices.Equal(u.Roles, []flows.Role{a.role}) {
					t.Errorf("stored %+v, want name %q, lang %s, consent %v, role %s", u, a.name, lang, start, a.role)
				}
				r, _ := h.store.lastRegistration()
				checkProfile(t, r, a)
				sess := h.session(p)
				if sess.UserID != u.ID || sess.Lang != lang || sess.Flow != "" || len(sess.Data) != 0 ||
					!slices.Equal(sess.Roles, u.Roles) {
					t.Errorf("session after registration: %+v", sess)
				}
			})
		}
	}
}

func checkProfile(t *testing.T, r flows.Registration, a answers) {
	t.Helper()
	switch a.role {
	case flows.RoleMunicipal:
		want := flows.MunicipalProfile{Municipality: a.muni, State: a.state[len("state."):], Function: a.fn}
		if r.Municipal == nil || *r.Municipal != want || r.Organisation != nil {
			t.Errorf("registration profile %+v / %+v, want %+v", r.Municipal, r.Organisation, want)
		}
	case flows.RoleOrganisation:
		want := flows.OrganisationProfile{Name: a.org, City: a.city}
		if r.Organisation == nil || *r.Organisation != want || r.Municipal != nil {
			t.Errorf("registration profile %+v / %+v, want %+v", r.Municipal, r.Organisation, want)
		}
	default:
		if r.Municipal != nil || r.Organisation != nil {
			t.Errorf("registration of %s has a profile: %+v", a.role, r)
		}
	}
}

func TestCoordinatorOnboarding(t *testing.T) {
	h := newHarness(t)
	p := person{ID: coordinatorID, FirstName: "Jana"}
	onboard(h, p, answers{lang: "de", name: "Jana Koordinatorin"}, "")
	h.expect(p, h.tr("de", "role.coordinator", nil))
	if slices.Contains(h.buttons(p), h.tr("de", "btn.edit", map[string]any{"Field": "Rolle"})) {
		t.Errorf("a coordinator can edit the role: %v", h.buttons(p))
	}
	confirm(h, p, "de")
	h.expect(p, h.tr("de", "role.coordinator", nil))
	u, err := h.user(p)
	if err != nil || !u.Has(flows.RoleCoordinator) || len(u.Roles) != 1 {
		t.Fatalf("coordinator stored as %+v, %v", u, err)
	}
}

func TestTelegramNameIsEscaped(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 1002, FirstName: "<b>x</b> & Co"}
	h.send(p, "/start")
	h.expect(p, "&lt;b&gt;x&lt;/b&gt; &amp; Co")
}

func TestUnicodeNamesAreAccepted(t *testing.T) {
	for _, name := range []string{"محمد علي", "Zoë O'Neil-Çelik", "אברהם כהן", "Dr. Nguyễn Thị Minh", "फ़ातिमा"} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 1003}
			onboard(h, p, answers{lang: "de", role: flows.RoleAdvisor, name: name}, "")
			confirm(h, p, "de")
			if u, err := h.user(p); err != nil || u.Name != name {
				t.Fatalf("stored %+v, %v; want name %q", u, err, name)
			}
		})
	}
}
