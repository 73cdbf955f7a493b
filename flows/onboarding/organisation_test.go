package onboarding_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// An association is asked, after its name and city, for the Bundesland
// (the municipalities' question, of the city), its topics (at least one)
// and the language of its invitations; the summary shows them and the
// store keeps them. "Fertig" with no topic and text typed at the language
// question are refused and change nothing.
func TestOnboardingOfAnAssociation(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: 1101, LangHint: lang}
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			other := map[string]string{"de": "en", "en": "de"}[lang]
			h.Send(p, "/start")
			h.Press(p, h.Plain(lang, "lang.name", nil))
			h.Press(p, h.Plain(lang, "btn.consent_yes", nil))
			h.Press(p, h.Plain(lang, "role.organisation_contact", nil))
			h.Send(p, "Kofi Mensah")
			h.Expect(p, tr("onb.organisation_prompt", nil))
			h.Send(p, "Afrika-Forum & Freunde")
			h.Send(p, "Dortmund")
			h.Expect(p, tr("onb.state_prompt", map[string]any{"Place": "Dortmund"}))
			h.SendRefused(p, "NRW", tr("flow.use_buttons", nil))
			h.Press(p, h.Plain(lang, "state.NW", nil))

			h.Expect(p, tr("onb.topics_prompt", nil))
			if toast := h.Press(p, h.Plain(lang, "btn.done", map[string]any{"N": 0})); toast != h.Plain(lang, "multi.too_few", map[string]any{"Min": 1}) {
				t.Errorf("done without a topic: toast %q", toast)
			}
			h.Expect(p, tr("onb.topics_prompt", nil))
			h.SendRefused(p, "Kultur", tr("flow.use_buttons", nil))
			h.Press(p, h.Plain(lang, "topic.culture", nil))
			h.Press(p, h.Plain(lang, "topic.women", nil))
			h.Press(p, h.Plain(lang, "btn.done", map[string]any{"N": 2}))

			h.Expect(p, tr("onb.invite_lang_prompt", nil))
			h.ExpectButtons(p, "Deutsch", "English")
			h.SendRefused(p, "English", tr("flow.use_buttons", nil))
			h.Press(p, h.Plain(other, "lang.name", nil))

			line := func(key, v string) string {
				return tr("flow.line", map[string]any{"Label": h.Plain(lang, key, nil), "Value": v})
			}
			h.Expect(p, line("field.city", "Dortmund"), line("field.state", h.Plain(lang, "state.NW", nil)),
				line("field.topics", h.Plain(lang, "topic.culture", nil)+", "+h.Plain(lang, "topic.women", nil)),
				line("field.invite_lang", h.Plain(other, "lang.name", nil)))
			h.Confirm(p, lang)

			_, orgs, err := h.DB.Profiles(context.Background(), h.UserID(p))
			want := domain.OrganisationProfile{Name: "Afrika-Forum & Freunde", City: "Dortmund", State: "NW",
				Topics: []domain.Topic{domain.TopicCulture, domain.TopicWomen}, InviteLang: other, StoppedTopics: []domain.Topic{}}
			if err != nil || len(orgs) != 1 {
				t.Fatalf("stored %+v, %v", orgs, err)
			}
			want.ID = orgs[0].ID
			if !reflect.DeepEqual(orgs[0], want) {
				t.Errorf("stored %+v, want %+v", orgs[0], want)
			}
		})
	}
}

// Changing a chosen topic from the summary starts with the chosen ones
// ticked; the answer replaces them.
func TestAssociationTopicsChangedFromTheSummary(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 1102, LangHint: "de"}
	a := flowstest.Organisation
	a.Lang = "de"
	h.Onboard(p, a, "")
	h.Change(p, "de", h.Plain("de", engine.KeyFieldTopics, nil))
	h.ExpectButtons(p, h.Plain("de", "multi.on", map[string]any{"Label": h.Plain("de", "topic.culture", nil)}))
	h.Press(p, h.Plain("de", "multi.on", map[string]any{"Label": h.Plain("de", "topic.culture", nil)}))
	h.Press(p, h.Plain("de", "btn.done", map[string]any{"N": 1}))
	h.Expect(p, h.Tr("de", "flow.line", map[string]any{"Label": h.Plain("de", "field.topics", nil), "Value": h.Plain("de", "topic.youth", nil)}))
	h.Confirm(p, "de")
	if r, _ := h.Store.LastRegistration(); r.Organisation == nil || !reflect.DeepEqual(r.Organisation.Topics, []domain.Topic{domain.TopicYouth}) {
		t.Errorf("registered %+v", r.Organisation)
	}
}
