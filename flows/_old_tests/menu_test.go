package flows_test

import (
	"testing"
)

func TestMenuNavigatesInPlace(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 8001}
	registerAdvisor(h, p)
	menu := h.last(p)
	count := len(h.msgr.messages(p.ID))

	h.press(p, "Mein Profil")
	h.expect(p, h.tr("de", "profile.title", nil), "<b>Name:</b> Amira Haddad")
	h.press(p, "« Menü")
	h.press(p, "Hilfe")
	h.expect(p, h.tr("de", "help.text", nil))
	h.press(p, "« Menü")
	h.expect(p, "<b>Hauptmenü</b>")
	if n := len(h.msgr.messages(p.ID)); n != count || h.last(p).ID != menu.ID {
		t.Errorf("menu navigation sent %d new messages", n-count)
	}
}

func TestLanguageChange(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 8002}
	registerAdvisor(h, p)

	h.press(p, "Sprache") // from the menu
	h.expect(p, h.tr("de", "language.prompt", nil))
	h.press(p, "English")
	h.expect(p, h.tr("en", "language.changed", nil), "<b>Main menu</b>", "Advisor")
	if u, _ := h.user(p); u.Lang != "en" {
		t.Errorf("stored language %q", u.Lang)
	}
	if s := h.session(p); s.Lang != "en" {
		t.Errorf("session language %q", s.Lang)
	}
	h.send(p, "/language")
	h.press(p, "Deutsch")
	h.expect(p, h.tr("de", "language.changed", nil), "<b>Hauptmenü</b>")
	if u, _ := h.user(p); u.Lang != "de" {
		t.Errorf("stored language %q", u.Lang)
	}
	// /cancel leaves it as it is.
	h.send(p, "/language")
	h.send(p, "/cancel")
	h.expect(p, h.tr("de", "flow.cancelled", nil), "/menu")
}

func TestLanguageBeforeRegistering(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 8003}
	h.send(p, "/language")
	h.press(p, "English")
	h.expect(p, h.tr("en", "language.changed", nil), "/start")
	if s := h.session(p); s.Lang != "en" || s.UserID != 0 {
		t.Errorf("session %+v", s)
	}
	h.send(p, "/start")
	h.expect(p, h.tr("en", "onb.lang_prompt", map[string]any{"Name": ""}))
}

func TestScreenComesAsNewMessageWhenEditFails(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 8004}
	registerAdvisor(h, p)
	menu := h.last(p)
	h.msgr.mu.Lock()
	h.msgr.refuseEdits = true
	h.msgr.mu.Unlock()

	h.press(p, "Hilfe")
	if m := h.expect(p, h.tr("de", "help.text", nil)); m.ID == menu.ID {
		t.Fatal("help was not sent as a new message")
	}
	h.press(p, "« Menü")
	h.expect(p, "<b>Hauptmenü</b>")
	// A flow goes on although its old prompt cannot be edited.
	h.send(p, "/language")
	h.press(p, "English")
	h.expect(p, h.tr("en", "language.changed", nil))
}

func TestProfileShowsTheMunicipality(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 8010}
	a := municipal
	a.lang = "de"
	onboard(h, p, a, "")
	confirm(h, p, "de")
	h.press(p, "Mein Profil")
	h.expect(p, h.tr("de", "profile.title", nil), "<b>Kommune:</b> Hattingen (Nordrhein-Westfalen), Integrationsbeauftragte")
}
