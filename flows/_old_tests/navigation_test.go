package flows_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

func TestBackGoesToThePreviousStep(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 2001}
	h.send(p, "/start")
	if slices.Contains(h.buttons(p), "« Zurück") {
		t.Errorf("the first question offers back: %v", h.buttons(p))
	}
	h.press(p, "Deutsch")
	h.press(p, "Ich stimme zu")
	h.press(p, "Kommune")
	h.expect(p, h.tr("de", "onb.name_prompt", nil))
	h.press(p, "« Zurück")
	// Back shows the role question again, with the earlier answer.
	h.expect(p, h.tr("de", "onb.role_prompt", nil), "Bisher: Kommune")
	h.press(p, "Migrantenorganisation")
	h.send(p, "Kofi Mensah")
	h.expect(p, h.tr("de", "onb.organisation_prompt", nil))
	h.press(p, "« Zurück")
	h.expect(p, h.tr("de", "onb.name_prompt", nil), "Bisher: Kofi Mensah")
	h.send(p, "Kofi A. Mensah")
	h.send(p, "Afrika-Forum")
	h.send(p, "Bonn")
	h.expect(p, "<b>Name:</b> Kofi A. Mensah", "<b>Organisation:</b> Afrika-Forum", "<b>Stadt:</b> Bonn")
	if strings.Contains(h.last(p).Text, "<b>Kommune:</b>") {
		t.Errorf("summary shows fields of the role not chosen:\n%s", h.last(p).Text)
	}
}

func TestEditFromSummaryReturnsToSummary(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 2002}
	a := municipal
	a.lang = "de"
	onboard(h, p, a, "")

	h.press(p, "✏️ Name")
	h.expect(p, h.tr("de", "onb.name_prompt", nil), "Bisher: Erika Mustermann",
		h.tr("de", "flow.next_summary", nil))
	h.send(p, "Erika Musterfrau")
	h.expect(p, "<b>Name:</b> Erika Musterfrau", "<b>Kommune:</b> Hattingen")

	// Back from an edited field returns to the summary and changes nothing.
	h.press(p, "✏️ Bundesland")
	h.press(p, "« Zurück")
	h.expect(p, "<b>Bundesland:</b> Nordrhein-Westfalen")

	h.press(p, "✏️ Bundesland")
	h.press(p, "Sachsen")
	h.expect(p, "<b>Bundesland:</b> Sachsen", "<b>Name:</b> Erika Musterfrau")

	// Changing the role asks exactly the fields the new role needs.
	h.press(p, "✏️ Rolle")
	h.press(p, "Migrantenorganisation")
	h.expect(p, h.tr("de", "onb.organisation_prompt", nil))
	h.send(p, "Chor International")
	h.send(p, "Essen")
	h.expect(p, "<b>Rolle:</b> Migrantenorganisation", "<b>Organisation:</b> Chor International")

	// Editing the language switches the conversation at once.
	h.press(p, "✏️ Sprache")
	h.press(p, "English")
	h.expect(p, "<b>Please check your answers</b>", "<b>Language:</b> English", "<b>City:</b> Essen")
	confirm(h, p, "en")
	r, _ := h.store.lastRegistration()
	if r.Role != flows.RoleOrganisation || r.Name != "Erika Musterfrau" || r.Lang != "en" ||
		r.Organisation == nil || *r.Organisation != (flows.OrganisationProfile{Name: "Chor International", City: "Essen"}) {
		t.Errorf("registered %+v", r)
	}
}

func TestChoiceIsShownInPlaceOfTheButtons(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 2003}
	h.send(p, "/start")
	prompt := h.last(p)
	h.press(p, "English")
	msgs := h.msgr.messages(p.ID)
	var edited sent
	for _, m := range msgs {
		if m.ID == prompt.ID {
			edited = m
		}
	}
	if len(edited.Buttons) != 0 || !strings.HasPrefix(edited.Text, prompt.Text) || !strings.Contains(edited.Text, "English") {
		t.Errorf("pressed prompt now reads %q with buttons %v", edited.Text, edited.Buttons)
	}
}

func TestCancelFromEveryStep(t *testing.T) {
	steps := []struct {
		name   string
		before func(h *harness, p person)
	}{
		{"language", func(h *harness, p person) {}},
		{"consent", func(h *harness, p person) { h.press(p, "Deutsch") }},
		{"role", func(h *harness, p person) { h.press(p, "Deutsch"); h.press(p, "Ich stimme zu") }},
		{"name", func(h *harness, p person) {
			h.press(p, "Deutsch")
			h.press(p, "Ich stimme zu")
			h.press(p, "Berater*in")
		}},
		{"summary", func(h *harness, p person) {
			h.press(p, "Deutsch")
			h.press(p, "Ich stimme zu")
			h.press(p, "Berater*in")
			h.send(p, "Amira Haddad")
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 2004}
			h.send(p, "/start")
			st.before(h, p)
			h.send(p, "/cancel")
			h.expect(p, h.tr("de", "flow.cancelled", nil), "/start")
			if s := h.session(p); s.Flow != "" || len(s.Data) != 0 {
				t.Errorf("session after cancel: %+v", s)
			}
			if _, err := h.user(p); !errors.Is(err, flows.ErrNotFound) {
				t.Errorf("UserByTelegramID after cancel = %v, want ErrNotFound", err)
			}
			// Text now is outside any flow.
			h.send(p, "Hallo?")
			h.expect(p, h.tr("de", "hint.not_registered", nil))
		})
	}
}

func TestCancelButtonOnSummary(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 2005}
	onboard(h, p, answers{lang: "de", role: flows.RoleAdvisor, name: "Amira Haddad"}, "")
	h.press(p, "Abbrechen")
	h.expect(p, h.tr("de", "flow.cancelled", nil))
	if s := h.session(p); s.Flow != "" || s.Data != nil {
		t.Errorf("session after cancel: %+v", s)
	}
}

func TestCancelOutsideAFlow(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 2006}
	h.send(p, "/cancel")
	h.expect(p, h.tr("de", "flow.nothing_to_cancel", nil))
}

func TestDeclineConsentStoresNothing(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 2007, LangHint: "en"}
	h.send(p, "/start")
	h.press(p, "English")
	h.press(p, "I do not agree")
	h.expect(p, h.tr("en", "onb.declined", nil))
	if _, err := h.user(p); !errors.Is(err, flows.ErrNotFound) {
		t.Fatalf("UserByTelegramID = %v, want ErrNotFound", err)
	}
	if r, ok := h.store.lastRegistration(); ok {
		t.Fatalf("Register was called: %+v", r)
	}
	if s := h.session(p); s.Flow != "" || s.Data != nil || s.UserID != 0 {
		t.Errorf("session after decline: %+v", s)
	}
	// Coming back works as promised.
	h.send(p, "/start")
	h.expect(p, h.tr("en", "onb.lang_prompt", map[string]any{"Name": ""}))
}

// Only the newest prompt keeps buttons: a typed answer clears those of the
// prompt it answered, so no old button is left that would only say "no
// longer current".
func TestOnlyTheNewestPromptHasButtons(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 8020}
	a := municipal
	a.lang = "de"
	onboard(h, p, a, "") // ends at the summary, after typed and pressed answers
	msgs := h.msgr.messages(p.ID)
	for i, m := range msgs[:len(msgs)-1] {
		if len(m.Buttons) > 0 {
			t.Errorf("message %d (%q...) still has buttons", i, m.Text[:min(40, len(m.Text))])
		}
	}
	if len(msgs[len(msgs)-1].Buttons) == 0 {
		t.Error("the summary has no buttons")
	}
}
