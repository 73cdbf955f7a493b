package onboarding_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

func TestOnboardingEveryRoleInEveryLanguage(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		for _, a := range []flowstest.Answers{flowstest.Municipal, flowstest.Advisor, flowstest.Organisation} {
			a.Lang = lang
			t.Run(lang+"/"+string(a.Role), func(t *testing.T) {
				h := flowstest.New(t)
				p := flowstest.Person{ID: 1001, FirstName: "Erika", LangHint: lang}
				h.Onboard(p, a, "")
				summary := h.Last(p).Text
				for _, v := range []string{a.Muni, a.Fn, a.Org, a.City} {
					if v != "" && !strings.Contains(summary, engine.Escape(v)) {
						t.Errorf("summary lacks %q:\n%s", v, summary)
					}
				}
				if a.State != "" && !strings.Contains(summary, h.Tr(lang, "state."+a.State, nil)) {
					t.Errorf("summary lacks the Bundesland:\n%s", summary)
				}
				if _, err := h.User(p); !errors.Is(err, domain.ErrNotFound) {
					t.Fatalf("before confirm: user = %v, want ErrNotFound", err)
				}
				h.Confirm(p, lang)
				h.Expect(p, h.Tr(lang, "role."+string(a.Role), nil))

				u, err := h.User(p)
				if err != nil {
					t.Fatalf("user: %v", err)
				}
				if u.Name != a.Name || u.Lang != lang || !u.ConsentAt.Equal(flowstest.Start) || !slices.Equal(u.Roles, []domain.Role{a.Role}) {
					t.Errorf("stored %+v, want name %q, lang %s, consent %v, role %s", u, a.Name, lang, flowstest.Start, a.Role)
				}
				r, _ := h.Store.LastRegistration()
				checkProfile(t, r, a)
				sess := h.Session(p)
				if sess.UserID != u.ID || sess.Lang != lang || sess.Flow != "" || len(sess.Data) != 0 ||
					!slices.Equal(sess.Roles, u.Roles) {
					t.Errorf("session after registration: %+v", sess)
				}
			})
		}
	}
}

func checkProfile(t *testing.T, r domain.Registration, a flowstest.Answers) {
	t.Helper()
	switch a.Role {
	case domain.RoleMunicipal:
		want := domain.MunicipalProfile{Municipality: a.Muni, State: a.State, Function: a.Fn}
		if r.Municipal == nil || *r.Municipal != want || r.Organisation != nil {
			t.Errorf("registration profile %+v / %+v, want %+v", r.Municipal, r.Organisation, want)
		}
	case domain.RoleOrganisation:
		want := domain.OrganisationProfile{Name: a.Org, City: a.City, State: a.State, Topics: a.Topics, InviteLang: a.Lang}
		if r.Organisation == nil || !reflect.DeepEqual(*r.Organisation, want) || r.Municipal != nil {
			t.Errorf("registration profile %+v / %+v, want %+v", r.Municipal, r.Organisation, want)
		}
	default:
		if r.Municipal != nil || r.Organisation != nil {
			t.Errorf("registration of %s has a profile: %+v", a.Role, r)
		}
	}
}

func TestCoordinatorOnboarding(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: flowstest.CoordinatorID, FirstName: "Jana"}
	h.Onboard(p, flowstest.Answers{Lang: "de", Name: "Jana Koordinatorin"}, "")
	h.Expect(p, h.Tr("de", "role.coordinator", nil))
	h.Press(p, h.Plain("de", "btn.edit", nil))
	if slices.Contains(h.Buttons(p), "Rolle") {
		t.Errorf("a coordinator can edit the role: %v", h.Buttons(p))
	}
	h.Press(p, h.Plain("de", "btn.back", nil))
	h.Confirm(p, "de")
	h.Expect(p, h.Tr("de", "role.coordinator", nil))
	u, err := h.User(p)
	if err != nil || !u.Has(domain.RoleCoordinator) || len(u.Roles) != 1 {
		t.Fatalf("coordinator stored as %+v, %v", u, err)
	}
}

func TestTelegramNameIsEscaped(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 1002, FirstName: "<b>x</b> & Co"}
	h.Send(p, "/start")
	h.Expect(p, "&lt;b&gt;x&lt;/b&gt; &amp; Co")
}

func TestUnicodeNamesAreAccepted(t *testing.T) {
	for _, name := range []string{"محمد علي", "Zoë O'Neil-Çelik", "אברהם כהן", "Dr. Nguyễn Thị Minh", "फ़ातिमा"} {
		t.Run(name, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: 1003}
			h.Register(p, flowstest.Answers{Lang: "de", Role: domain.RoleAdvisor, Name: name})
			if u, err := h.User(p); err != nil || u.Name != name {
				t.Fatalf("stored %+v, %v; want name %q", u, err, name)
			}
		})
	}
}

func TestStartWhenRegisteredShowsTheMenu(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 1004, LangHint: "en"}
	h.RegisterMunicipal(p, "en")
	h.Send(p, "/start")
	h.Expect(p, "<b>Main menu</b>", "Municipality")
	if s := h.Session(p); s.Flow != "" {
		t.Errorf("session after /start: %+v", s)
	}
	// /start inside a flow drops it and begins anew.
	q := flowstest.Person{ID: 1005}
	h.Send(q, "/start")
	h.Press(q, "Deutsch")
	h.Send(q, "/start")
	h.Expect(q, h.Tr("de", "onb.lang_prompt", map[string]any{"Name": ""}))
	h.ExpectStep(q, "lang", nil)
}
