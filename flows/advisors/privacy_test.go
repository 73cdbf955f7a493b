package advisors_test

import (
	"context"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// /privacy names the advisor profile, once there is one, with what it
// holds and where to see it.
func TestPrivacyNamesTheAdvisorProfile(t *testing.T) {
	for i, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: int64(7300 + i), LangHint: lang}
			registerAdvisor(h, p, lang)
			line := engine.PlainText(h.Tr(lang, "privacy.advisor", nil))
			h.Send(p, "/privacy")
			if strings.Contains(engine.PlainText(h.Last(p).Text), line) {
				t.Fatalf("no profile yet, but /privacy names one")
			}
			err := h.DB.SaveAdvisorProfile(context.Background(), domain.AdvisorProfile{UserID: h.UserID(p),
				Expertise: []domain.Topic{domain.TopicFairTrade}, City: "Bochum", State: "NW",
				Formats: []domain.Format{domain.FormatOnline}, OnlineOnly: true, Reach: "E-Mail amira@example.org"})
			if err != nil {
				t.Fatal(err)
			}
			h.Send(p, "/privacy")
			h.Expect(p, h.Tr(lang, "privacy.advisor", nil))
		})
	}
}
