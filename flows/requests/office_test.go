package requests_test

import (
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// office is the programme office's contact of these tests.
var office = domain.Office{Email: "programmstelle@example.org", Phone: "030 1234567", Hours: "Mo–Fr 9–15 Uhr", ReviewDays: 5}

// Wherever the bot sends someone to the programme office it names how to
// reach it (configured): in a refusal, in /help, in the privacy notice; the
// confirmation of a request says how long the review usually takes.
// Without a configured contact the texts name the office only.
func TestOfficeContactWhereverTheBotSendsUsersToIt(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.NewConfigured(t, func(c *flows.Config) { c.Office = office })
			h.RegisterCoordinators()
			contact := []string{office.Email, office.Phone, office.Hours}

			adv := person{ID: 6101, LangHint: lang}
			a := flowstest.Advisor
			a.Lang = lang
			h.Register(adv, a)
			h.Send(adv, "/beratung")
			h.Expect(adv, contact...)
			h.Send(adv, "/help")
			h.Expect(adv, contact...)
			h.Send(adv, "/privacy")
			h.Expect(adv, contact...)

			p := person{ID: 6102, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			requestUntilSummary(h, p, lang, nil)
			h.Press(p, h.Plain(lang, "btn.confirm", nil))
			h.Expect(p, h.Tr(lang, "office.review_time", map[string]any{"Days": 5}))
		})
		t.Run(lang+"/not configured", func(t *testing.T) {
			plain := newHarness(t)
			a := flowstest.Advisor
			a.Lang = lang
			adv2 := person{ID: 6103, LangHint: lang}
			plain.Register(adv2, a)
			plain.Send(adv2, "/beratung")
			m := plain.Expect(adv2, plain.Tr(lang, "office.name", nil)+".")
			if strings.Contains(m.Text, "@") {
				t.Errorf("an unconfigured office has a contact:\n%s", m.Text)
			}
			plain.Send(adv2, "/help")
			if m := plain.Last(adv2); strings.Contains(m.Text, "@") || strings.Contains(m.Text, "()") {
				t.Errorf("help without a configured office:\n%s", m.Text)
			}
		})
	}
}
