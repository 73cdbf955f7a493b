package account_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// registerAdvisor registers p as advisor in German.
func registerAdvisor(h *flowstest.H, p flowstest.Person) {
	h.T.Helper()
	h.Register(p, flowstest.Answers{Lang: "de", Role: domain.RoleAdvisor, Name: "Amira Haddad"})
}

func TestPrivacyShowsDataAndDeletes(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 7001}
	registerAdvisor(h, p)

	h.Send(p, "/privacy")
	h.Expect(p, "<b>Name:</b> Amira Haddad", "<b>Rollen:</b> Berater*in", "<b>Sprache:</b> Deutsch",
		"<b>Zugestimmt am:</b> 24.11.2026, 18:00 Uhr")
	h.Press(p, "Meine Daten löschen")
	h.Expect(p, h.Tr("de", "erase.prompt", nil)) // the erasure's flow (flows/erasure)
	h.Press(p, "Nein, behalten")
	h.Expect(p, h.Tr("de", "erase.kept", nil), "<b>Hauptmenü</b>")
	if _, err := h.User(p); err != nil {
		t.Fatalf("user gone after keeping: %v", err)
	}

	h.Press(p, "Datenschutz") // from the menu, in place
	h.Press(p, "Meine Daten löschen")
	h.Press(p, "Ja, alles löschen")
	h.Expect(p, h.Tr("de", "erase.done", nil))
	if _, err := h.User(p); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("user after delete = %v, want ErrNotFound", err)
	}
	s := h.Session(p)
	s.Version = 0
	if s.UserID != 0 || s.Roles != nil || s.Flow != "" || s.Lang != "" || s.Data != nil || s.Nonce != 0 {
		t.Errorf("session after delete: %+v", s)
	}
	h.Send(p, "/privacy")
	h.Expect(p, h.Tr("de", "privacy.unregistered", nil))
	h.Send(p, "/menu")
	h.Expect(p, h.Tr("de", "hint.not_registered", nil))
}

func TestPrivacyInEnglishShowsTheProfile(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 7003, LangHint: "en"}
	h.RegisterMunicipal(p, "en")
	h.Send(p, "/privacy")
	h.Expect(p, "<b>Name:</b> Erika Mustermann", "<b>Roles:</b> Municipality", "<b>Language:</b> English",
		h.Tr("en", "profile.municipal", map[string]any{"Name": "Hattingen", "State": "North Rhine-Westphalia",
			"Function": "Integrationsbeauftragte"}),
		"<b>Consent given:</b> 24 Nov 2026, 18:00")
}

func TestPrivacyInsideAFlow(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 7002}
	h.Send(p, "/start")
	h.Press(p, "Deutsch")
	h.Send(p, "/privacy")
	h.Expect(p, h.Tr("de", "privacy.unregistered", nil), h.Tr("de", "onb.consent_prompt", nil))
	h.Send(p, "/help")
	help := strings.Split(h.Tr("de", "help.text", map[string]any{"Commands": engine.HTML("\x00")}), "\x00")
	h.Expect(p, append(help, "/privacy", h.Tr("de", "onb.consent_prompt", nil))...)
	h.Press(p, "Ich stimme zu")
	h.Expect(p, h.Tr("de", "onb.role_prompt", nil))
}
