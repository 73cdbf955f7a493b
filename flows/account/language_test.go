package account_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

func TestLanguageChange(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8002}
	registerAdvisor(h, p)

	h.Press(p, "Sprache") // from the menu
	h.Expect(p, h.Tr("de", "language.prompt", nil))
	h.Press(p, "English")
	h.Expect(p, h.Tr("en", "language.changed", nil), "<b>Main menu</b>", "Advisor")
	if u, _ := h.User(p); u.Lang != "en" {
		t.Errorf("stored language %q", u.Lang)
	}
	if s := h.Session(p); s.Lang != "en" {
		t.Errorf("session language %q", s.Lang)
	}
	h.Send(p, "/language")
	h.Press(p, "Deutsch")
	h.Expect(p, h.Tr("de", "language.changed", nil), "<b>Hauptmenü</b>")
	if u, _ := h.User(p); u.Lang != "de" {
		t.Errorf("stored language %q", u.Lang)
	}
	// /cancel leaves it as it is.
	h.Send(p, "/language")
	h.Send(p, "/cancel")
	h.Expect(p, h.Tr("de", "flow.cancelled", nil), "<b>Hauptmenü</b>")
	h.ExpectButtons(p, h.Plain("de", "btn.profile", nil))
	if u, _ := h.User(p); u.Lang != "de" || h.Store.Calls("SetLanguage") != 2 {
		t.Errorf("stored language %q after %d changes", u.Lang, h.Store.Calls("SetLanguage"))
	}
}

func TestLanguageBeforeRegistering(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8003}
	h.Send(p, "/language")
	h.Press(p, "English")
	h.Expect(p, h.Tr("en", "language.changed", nil), "/start")
	if s := h.Session(p); s.Lang != "en" || s.UserID != 0 {
		t.Errorf("session %+v", s)
	}
	if n := h.Store.Calls("SetLanguage"); n != 0 {
		t.Errorf("SetLanguage called %d times for a user with no record", n)
	}
	h.Send(p, "/start")
	h.Expect(p, h.Tr("en", "onb.lang_prompt", map[string]any{"Name": ""}))
}

func TestLanguageInsideAFlowIsBusy(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8005}
	h.Send(p, "/start")
	h.Send(p, "/language")
	h.Expect(p, h.Tr("de", "flow.busy", nil), h.Tr("de", "onb.lang_prompt", map[string]any{"Name": ""}))
	h.ExpectStep(p, "lang", nil)
}

func TestProfileShowsTheMunicipality(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8010}
	h.RegisterMunicipal(p, "de")
	h.Press(p, "Mein Profil")
	h.Expect(p, h.Tr("de", "profile.title", nil), "<b>Kommune:</b> Hattingen (Nordrhein-Westfalen), Integrationsbeauftragte")
}

func TestProfileShowsTheOrganisation(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8011, LangHint: "en"}
	a := flowstest.Organisation
	a.Lang = "en"
	h.Register(p, a)
	menu := h.Last(p)
	h.Press(p, "My profile")
	m := h.Expect(p, h.Tr("en", "profile.title", nil), "<b>Organisation:</b> Kultur &amp; &quot;Bildung&quot; e.V., Köln",
		"<b>Roles:</b> Migrant organisation")
	if m.ID != menu.ID {
		t.Error("the profile is not shown in place of the menu")
	}
	h.Press(p, "« Menu")
	h.Expect(p, "<b>Main menu</b>")
}
