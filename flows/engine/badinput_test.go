package engine_test

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
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
		role         domain.Role
		reach        func(h *flowstest.H, p flowstest.Person)
	}{
		{"name", "onb.name_prompt", domain.RoleOrganisation, func(h *flowstest.H, p flowstest.Person) {}},
		{"municipality", "onb.municipality_prompt", domain.RoleMunicipal, func(h *flowstest.H, p flowstest.Person) { h.Send(p, "Erika Mustermann") }},
		{"function", "onb.function_prompt", domain.RoleMunicipal, func(h *flowstest.H, p flowstest.Person) {
			h.Send(p, "Erika Mustermann")
			h.Send(p, "Hattingen")
			h.Press(p, "Nordrhein-Westfalen")
		}},
		{"organisation", "onb.organisation_prompt", domain.RoleOrganisation, func(h *flowstest.H, p flowstest.Person) { h.Send(p, "Kofi Mensah") }},
		{"city", "onb.city_prompt", domain.RoleOrganisation, func(h *flowstest.H, p flowstest.Person) {
			h.Send(p, "Kofi Mensah")
			h.Send(p, "Afrika-Forum")
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: 4001}
			h.Send(p, "/start")
			h.Press(p, "Deutsch")
			h.Press(p, "Ich stimme zu")
			h.Press(p, h.Plain("de", "role."+string(st.role), nil))
			st.reach(h, p)
			prompt := h.Last(p).Text
			for _, bad := range badTexts {
				before := h.Session(p)
				// The problem alone; the question stays above.
				h.SendRefused(p, bad.text, h.Tr("de", bad.problem, nil))
				if after := h.Session(p); !maps.Equal(before.Data, after.Data) || after.Step != before.Step {
					t.Errorf("%s changed the draft: %v -> %v", bad.name, before.Data, after.Data)
				}
			}
			for _, other := range []struct{ name, key string }{{"sticker", "flow.not_text"}, {"unknown command", "hint.unknown_command"}} {
				if other.name == "sticker" {
					h.Sticker(p)
					h.Expect(p, h.Tr("de", other.key, nil))
					continue
				}
				h.Send(p, "/frobnicate")
				h.Expect(p, h.Tr("de", other.key, nil), prompt)
			}
			h.Send(p, "/menu")
			h.Expect(p, h.Tr("de", "flow.busy", nil), prompt)
			if _, err := h.User(p); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("user = %v, want ErrNotFound", err)
			}
		})
	}
}

func TestNameRules(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 4002}
	h.Send(p, "/start "+h.SystemInvite(p, domain.RoleAdvisor)) // no role question, the summary after the name
	h.Press(p, "Deutsch")
	h.Press(p, "Ich stimme zu")
	for _, name := range []string{"Anna & Co", "R2-D2", `Max "the" Best`, "Anna 😀"} {
		h.SendRefused(p, name, h.Tr("de", "invalid.name_chars", nil))
	}
	// White space is tidied.
	h.Send(p, "  Anna   Lena\nMeyer ")
	h.Expect(p, "<b>Name:</b> Anna Lena Meyer")
}

func TestTextAtAButtonStep(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 4003}
	h.Send(p, "/start")
	h.SendRefused(p, "Deutsch", h.Tr("de", "flow.use_buttons", nil))
	h.Press(p, "Deutsch")
	h.Press(p, "Ich stimme zu")
	h.Press(p, "Kommune")
	h.Send(p, "Erika Mustermann")
	h.Send(p, "Hattingen")
	h.SendRefused(p, "NRW", h.Tr("de", "flow.use_buttons", nil))
	h.Press(p, "Nordrhein-Westfalen")
	h.Send(p, "Integrationsbeauftragte")
	h.Expect(p, "<b>Bitte prüfen Sie Ihre Angaben</b>")
	h.SendRefused(p, "ja", h.Tr("de", "flow.use_buttons", nil))
}

func TestEscapedTextInSummaryAndPrompts(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 4004}
	h.Send(p, "/start")
	h.Press(p, "Deutsch")
	h.Press(p, "Ich stimme zu")
	h.Press(p, "Migrantenorganisation")
	h.Send(p, "Kofi Mensah")
	h.Send(p, `Eltern <-> Schule & "Co"`)
	h.Expect(p, "In welcher Stadt ist Eltern &lt;-&gt; Schule &amp; &quot;Co&quot; aktiv?")
	h.Send(p, "Köln")
	h.Expect(p, "In welchem Bundesland liegt Köln?")
	h.Press(p, "Nordrhein-Westfalen")
	h.ChooseTopics(p, "de", "onb.topics_prompt", []domain.Topic{domain.TopicCulture})
	h.Press(p, "Deutsch")
	h.Expect(p, "<b>Organisation:</b> Eltern &lt;-&gt; Schule &amp; &quot;Co&quot;")
}

func TestTextOutsideAFlow(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 4005}
	h.Send(p, "Hallo")
	h.Expect(p, h.Tr("de", "hint.not_registered", nil))
	h.Sticker(p)
	h.Expect(p, h.Tr("de", "flow.not_text", nil))
	h.Send(p, "/nonsense")
	h.Expect(p, h.Tr("de", "hint.unknown_command", nil))
	h.Send(p, "/")
	h.Expect(p, h.Tr("de", "hint.unknown_command", nil))
	h.Send(p, "/menu")
	h.Expect(p, h.Tr("de", "hint.not_registered", nil))

	registerAdvisor(h, p)
	h.Send(p, "Hallo")
	h.Expect(p, h.Tr("de", "hint.no_question", nil))
}
