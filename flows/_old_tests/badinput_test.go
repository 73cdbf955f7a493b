package flows_test

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// badTexts are answers no free-text step accepts, with the problem named.
var badTexts = []struct{ name, text, problem string }{
	{"empty", "", "invalid.empty"},
	{"spaces only", "   \n\t ", "invalid.empty"},
	{"one letter", "A", "invalid.too_short"},
	{"10000 characters", strings.Repeat("Ä", 10000), "invalid.too_long"},
	{"101 characters", strings.Repeat("ab", 50) + "c", "invalid.too_long"},
	{"emoji only", "😀🎉👍", "invalid.no_letters"},
	{"digits only", "12345", "invalid.no_letters"},
	{"html tags", "<b>x</b>", "invalid.markup"},
	{"html with text", "Köln <script>alert(1)</script>", "invalid.markup"},
	{"markup only", "<br/>", "invalid.markup"},
	{"right-to-left override", "abc\u202edef", "invalid.control"},
	{"control character", "Anna\x00Meyer", "invalid.control"},
	{"invalid utf-8", "Anna \xff", "invalid.control"},
}

func TestBadInputAtEveryTextStep(t *testing.T) {
	steps := []struct {
		name, prompt string
		a            answers
		reach        func(h *harness, p person)
	}{
		{"name", "onb.name_prompt", advisor, func(h *harness, p person) {}},
		{"municipality", "onb.municipality_prompt", municipal, func(h *harness, p person) { h.send(p, "Erika Mustermann") }},
		{"function", "onb.function_prompt", municipal, func(h *harness, p person) {
			h.send(p, "Erika Mustermann")
			h.send(p, "Hattingen")
			h.press(p, "Nordrhein-Westfalen")
		}},
		{"organisation", "onb.organisation_prompt", organisation, func(h *harness, p person) { h.send(p, "Kofi Mensah") }},
		{"city", "onb.city_prompt", organisation, func(h *harness, p person) {
			h.send(p, "Kofi Mensah")
			h.send(p, "Afrika-Forum")
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 4001}
			h.send(p, "/start")
			h.press(p, "Deutsch")
			h.press(p, "Ich stimme zu")
			h.press(p, h.tr("de", "role."+string(st.a.role), nil))
			st.reach(h, p)
			prompt := h.last(p).Text
			for _, bad := range badTexts {
				before := h.session(p)
				h.send(p, bad.text)
				// The problem, then the same question again.
				h.expect(p, h.tr("de", bad.problem, nil), prompt)
				if after := h.session(p); !maps.Equal(before.Data, after.Data) || after.Step != before.Step {
					t.Errorf("%s changed the draft: %v -> %v", bad.name, before.Data, after.Data)
				}
			}
			for _, other := range []struct{ name, key string }{{"sticker", "flow.not_text"}, {"unknown command", "hint.unknown_command"}} {
				if other.name == "sticker" {
					h.sticker(p)
				} else {
					h.send(p, "/frobnicate")
				}
				h.expect(p, h.tr("de", other.key, nil), prompt)
			}
			h.send(p, "/menu")
			h.expect(p, h.tr("de", "flow.busy", nil), prompt)
			if _, err := h.user(p); !errors.Is(err, flows.ErrNotFound) {
				t.Errorf("UserByTelegramID = %v, want ErrNotFound", err)
			}
		})
	}
}

func TestNameRules(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4002}
	h.send(p, "/start")
	h.press(p, "Deutsch")
	h.press(p, "Ich stimme zu")
	h.press(p, "Berater*in")
	for _, name := range []string{"Anna & Co", "R2-D2", `Max "the" Best`, "Anna 😀"} {
		h.send(p, name)
		h.expect(p, h.tr("de", "invalid.name_chars", nil), h.tr("de", "onb.name_prompt", nil))
	}
	// White space is tidied.
	h.send(p, "  Anna   Lena\nMeyer ")
	h.expect(p, "<b>Name:</b> Anna Lena Meyer")
}

func TestTextAtAButtonStep(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4003}
	h.send(p, "/start")
	h.send(p, "Deutsch")
	h.expect(p, h.tr("de", "flow.use_buttons", nil), h.tr("de", "onb.lang_prompt", map[string]any{"Name": ""}))
	h.press(p, "Deutsch")
	h.press(p, "Ich stimme zu")
	h.press(p, "Kommune")
	h.send(p, "Erika Mustermann")
	h.send(p, "Hattingen")
	h.send(p, "NRW")
	h.expect(p, h.tr("de", "flow.use_buttons", nil), h.tr("de", "onb.state_prompt", map[string]any{"Municipality": "Hattingen"}))
	h.press(p, "Nordrhein-Westfalen")
	h.send(p, "Integrationsbeauftragte")
	h.send(p, "ja")
	h.expect(p, h.tr("de", "flow.use_buttons", nil), "<b>Bitte prüfen Sie Ihre Angaben</b>")
}

func TestEscapedTextInSummaryAndPrompts(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4004}
	h.send(p, "/start")
	h.press(p, "Deutsch")
	h.press(p, "Ich stimme zu")
	h.press(p, "Migrantenorganisation")
	h.send(p, "Kofi Mensah")
	h.send(p, `Eltern <-> Schule & "Co"`)
	h.expect(p, "In welcher Stadt ist Eltern &lt;-&gt; Schule &amp; &quot;Co&quot; aktiv?")
	h.send(p, "Köln")
	h.expect(p, "<b>Organisation:</b> Eltern &lt;-&gt; Schule &amp; &quot;Co&quot;")
}

func TestTextOutsideAFlow(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4005}
	h.send(p, "Hallo")
	h.expect(p, h.tr("de", "hint.not_registered", nil))
	h.sticker(p)
	h.expect(p, h.tr("de", "flow.not_text", nil))
	h.send(p, "/nonsense")
	h.expect(p, h.tr("de", "hint.unknown_command", nil))
	h.send(p, "/")
	h.expect(p, h.tr("de", "hint.unknown_command", nil))
	h.send(p, "/menu")
	h.expect(p, h.tr("de", "hint.not_registered", nil))

	onboard(h, p, answers{lang: "de", role: flows.RoleAdvisor, name: "Amira Haddad"}, "")
	confirm(h, p, "de")
	h.send(p, "Hallo")
	h.expect(p, h.tr("de", "hint.no_question", nil))
}
