package flows_test

import (
	"errors"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

func TestPrivacyShowsDataAndDeletes(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 7001}
	registerAdvisor(h, p)

	h.send(p, "/privacy")
	h.expect(p, "<b>Name:</b> Amira Haddad", "<b>Rollen:</b> Berater*in", "<b>Sprache:</b> Deutsch",
		"<b>Zugestimmt am:</b> 24.11.2026, 18:00 Uhr")
	h.press(p, "Meine Daten löschen")
	h.expect(p, h.tr("de", "privacy.delete_prompt", nil))
	h.press(p, "Nein, behalten")
	h.expect(p, h.tr("de", "privacy.kept", nil), "<b>Hauptmenü</b>")
	if _, err := h.user(p); err != nil {
		t.Fatalf("user gone after keeping: %v", err)
	}

	h.press(p, "Datenschutz") // from the menu, in place
	h.press(p, "Meine Daten löschen")
	h.press(p, "Ja, alles löschen")
	h.expect(p, h.tr("de", "privacy.deleted", nil))
	if _, err := h.user(p); !errors.Is(err, flows.ErrNotFound) {
		t.Fatalf("UserByTelegramID after delete = %v, want ErrNotFound", err)
	}
	s := h.session(p)
	s.Version = 0
	if s.UserID != 0 || s.Roles != nil || s.Flow != "" || s.Lang != "" || s.Data != nil || s.Nonce != 0 {
		t.Errorf("session after delete: %+v", s)
	}
	h.send(p, "/privacy")
	h.expect(p, h.tr("de", "privacy.unregistered", nil))
	h.send(p, "/menu")
	h.expect(p, h.tr("de", "hint.not_registered", nil))
}

func TestPrivacyInsideAFlow(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 7002}
	h.send(p, "/start")
	h.press(p, "Deutsch")
	h.send(p, "/privacy")
	h.expect(p, h.tr("de", "privacy.unregistered", nil), h.tr("de", "onb.consent_prompt", nil))
	h.send(p, "/help")
	h.expect(p, h.tr("de", "help.text", nil), h.tr("de", "onb.consent_prompt", nil))
	h.press(p, "Ich stimme zu")
	h.expect(p, h.tr("de", "onb.role_prompt", nil))
}
