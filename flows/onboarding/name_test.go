package onboarding_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Issue 10, point 7: the name question offers the name of the Telegram
// profile (first and last name) as a button; the name rules apply to it
// (a profile name that breaks them is not offered), and a typed name still
// works.
func TestNameFromTheTelegramProfile(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			// toName takes p from /start to the name question as an advisor.
			toName := func(p flowstest.Person) flowstest.Sent {
				t.Helper()
				h.Send(p, "/start "+h.SystemInvite(p, domain.RoleAdvisor))
				h.Press(p, h.Plain(lang, "lang.name", nil))
				h.Press(p, h.Plain(lang, "btn.consent_yes", nil))
				return h.Expect(p, h.Tr(lang, "onb.name_prompt", nil))
			}
			offer := h.Tr(lang, "onb.name_offer", nil)

			p := flowstest.Person{ID: 1401, FirstName: "Sabine", LastName: " Krüger ", LangHint: lang}
			if m := toName(p); !strings.Contains(m.Text, offer) || !slices.Contains(h.Buttons(p), "Sabine Krüger") {
				t.Fatalf("the name question offers %q:\n%s", h.Buttons(p), m.Text)
			}
			h.Press(p, "Sabine Krüger")
			h.Expect(p, "<b>"+h.Tr(lang, "field.name", nil)+":</b> Sabine Krüger")
			h.Confirm(p, lang)
			if u, err := h.User(p); err != nil || u.Name != "Sabine Krüger" {
				t.Fatalf("stored %+v, %v", u, err)
			}

			// A profile name against the rules is not offered; typing works.
			q := flowstest.Person{ID: 1402, FirstName: "Anna 😀", LangHint: lang}
			if m := toName(q); strings.Contains(m.Text, offer) || len(h.Buttons(q)) != 1 {
				t.Fatalf("the name question offers %q:\n%s", h.Buttons(q), m.Text)
			}
			h.Send(q, "Anna Meyer")
			h.Expect(q, "<b>"+h.Tr(lang, "field.name", nil)+":</b> Anna Meyer")
		})
	}
}
