package engine_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

func TestBackGoesToThePreviousStep(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 2001}
	h.Send(p, "/start")
	if slices.Contains(h.Buttons(p), "« Zurück") {
		t.Errorf("the first question offers back: %v", h.Buttons(p))
	}
	h.Press(p, "Deutsch")
	h.Press(p, "Ich stimme zu")
	h.Press(p, "Kommune")
	h.Expect(p, h.Tr("de", "onb.name_prompt", nil))
	h.Press(p, "« Zurück")
	// Back shows the role question again, with the earlier answer.
	h.Expect(p, h.Tr("de", "onb.role_prompt", nil), "Bisher: Kommune")
	h.Press(p, "Migrantenorganisation")
	h.Send(p, "Kofi Mensah")
	h.Expect(p, h.Tr("de", "onb.organisation_prompt", nil))
	h.Press(p, "« Zurück")
	h.Expect(p, h.Tr("de", "onb.name_prompt", nil), "Bisher: Kofi Mensah")
	h.Send(p, "Kofi A. Mensah")
	h.Send(p, "Afrika-Forum")
	h.Send(p, "Bonn")
	h.Press(p, "Nordrhein-Westfalen")
	h.ChooseTopics(p, "de", "onb.topics_prompt", []domain.Topic{domain.TopicCulture})
	h.Press(p, "Deutsch")
	h.Expect(p, "<b>Name:</b> Kofi A. Mensah", "<b>Organisation:</b> Afrika-Forum", "<b>Stadt:</b> Bonn",
		"<b>Bundesland:</b> Nordrhein-Westfalen", "<b>Themen:</b> Kultur", "<b>Sprache der Einladungen:</b> Deutsch")
	if strings.Contains(h.Last(p).Text, "<b>Kommune:</b>") {
		t.Errorf("summary shows fields of the role not chosen:\n%s", h.Last(p).Text)
	}
}

func TestEditFromSummaryReturnsToSummary(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 2002}
	a := flowstest.Municipal
	a.Lang = "de"
	h.Onboard(p, a, "")

	h.Change(p, "de", "Name")
	h.Expect(p, h.Tr("de", "onb.name_prompt", nil), "Bisher: Erika Mustermann",
		h.Tr("de", "flow.next_summary", nil))
	h.Send(p, "Erika Musterfrau")
	h.Expect(p, "<b>Name:</b> Erika Musterfrau", "<b>Kommune:</b> Hattingen")

	// Back from an edited field returns to the summary and changes nothing.
	h.Change(p, "de", "Bundesland")
	h.Press(p, "« Zurück")
	h.Expect(p, "<b>Bundesland:</b> Nordrhein-Westfalen")

	h.Change(p, "de", "Bundesland")
	h.Press(p, "Sachsen")
	h.Expect(p, "<b>Bundesland:</b> Sachsen", "<b>Name:</b> Erika Musterfrau")

	// Changing the role asks exactly the fields the new role needs.
	h.Change(p, "de", "Rolle")
	h.Press(p, "Migrantenorganisation")
	h.Expect(p, h.Tr("de", "onb.organisation_prompt", nil))
	h.Send(p, "Chor International")
	h.Send(p, "Essen")
	// The Bundesland told of the municipality is asked again, of the city.
	h.Expect(p, h.Tr("de", "onb.state_prompt", map[string]any{"Place": "Essen"}))
	h.Press(p, "Nordrhein-Westfalen")
	h.ChooseTopics(p, "de", "onb.topics_prompt", []domain.Topic{domain.TopicSports, domain.TopicWomen})
	h.Expect(p, h.Tr("de", "onb.invite_lang_prompt", nil))
	h.Press(p, "English")
	h.Expect(p, "<b>Rolle:</b> Migrantenorganisation", "<b>Organisation:</b> Chor International")

	// Editing the language switches the conversation at once.
	h.Change(p, "de", "Sprache")
	h.Press(p, "English")
	h.Expect(p, "<b>Please check your answers</b>", "<b>Language:</b> English", "<b>City:</b> Essen")
	h.Confirm(p, "en")
	r, _ := h.Store.LastRegistration()
	if r.Role != domain.RoleOrganisation || r.Name != "Erika Musterfrau" || r.Lang != "en" ||
		r.Organisation == nil || !reflect.DeepEqual(*r.Organisation, domain.OrganisationProfile{Name: "Chor International", City: "Essen",
		State: "NW", Topics: []domain.Topic{domain.TopicSports, domain.TopicWomen}, InviteLang: "en"}) {
		t.Errorf("registered %+v", r)
	}
}

// The summary has three buttons, each in a row of its own: confirm,
// "✏️ Ändern" and cancel. "Ändern" shows the list of the fields in the same
// message, "« Zurück" the summary again; a field of the list asks its
// question there.
func TestChangeListInPlace(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 2007}
	a := flowstest.Municipal
	a.Lang = "de"
	h.Onboard(p, a, "")
	summary := h.Last(p)
	if want := [][]string{{"✅ Bestätigen"}, {"✏️ Ändern"}, {"Abbrechen"}}; !slices.EqualFunc(summary.Labels(), want, slices.Equal) {
		t.Errorf("the summary's buttons are %q, want %q", summary.Labels(), want)
	}
	h.Press(p, "✏️ Ändern")
	list := h.Last(p)
	want := [][]string{{"Sprache", "Rolle"}, {"Name", "Kommune"}, {"Bundesland", "Funktion"}, {"« Zurück"}}
	if list.ID != summary.ID || !strings.Contains(list.Text, h.Tr("de", "flow.edit_prompt", nil)) ||
		!slices.EqualFunc(list.Labels(), want, slices.Equal) {
		t.Fatalf("Ändern shows message %d (summary %d):\n%s\n%q", list.ID, summary.ID, list.Text, list.Labels())
	}
	h.Press(p, "« Zurück")
	if m := h.Last(p); m.ID != summary.ID || m.Text != summary.Text {
		t.Fatalf("back from the list shows:\n%s", m.Text)
	}
	h.Change(p, "de", "Funktion")
	if m := h.Last(p); m.ID != summary.ID || !strings.Contains(m.Text, h.Tr("de", "onb.function_prompt", nil)) {
		t.Fatalf("the field's question is not in place:\n%s", m.Text)
	}
	h.Send(p, "Leiterin Integration")
	h.Expect(p, "<b>Funktion:</b> Leiterin Integration", "<b>Name:</b> Erika Mustermann")
}

func TestChoiceIsShownInPlaceOfTheButtons(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 2003}
	h.Send(p, "/start")
	prompt := h.Last(p)
	h.Press(p, "English")
	msgs := h.Msgr.Messages(p.ID)
	var edited flowstest.Sent
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
		before func(h *flowstest.H, p flowstest.Person)
	}{
		{"language", func(h *flowstest.H, p flowstest.Person) {}},
		{"consent", func(h *flowstest.H, p flowstest.Person) { h.Press(p, "Deutsch") }},
		{"role", func(h *flowstest.H, p flowstest.Person) { h.Press(p, "Deutsch"); h.Press(p, "Ich stimme zu") }},
		{"name", func(h *flowstest.H, p flowstest.Person) {
			h.Press(p, "Deutsch")
			h.Press(p, "Ich stimme zu")
			h.Press(p, "Kommune")
		}},
		{"summary", func(h *flowstest.H, p flowstest.Person) { // an advisor's invite: no role question
			h.Send(p, "/start "+h.SystemInvite(p, domain.RoleAdvisor))
			h.Press(p, "Deutsch")
			h.Press(p, "Ich stimme zu")
			h.Send(p, "Amira Haddad")
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: 2004}
			h.Send(p, "/start")
			st.before(h, p)
			h.Send(p, "/cancel")
			h.Expect(p, h.Tr("de", "flow.cancelled", nil), "/start")
			if s := h.Session(p); s.Flow != "" || len(s.Data) != 0 {
				t.Errorf("session after cancel: %+v", s)
			}
			if _, err := h.User(p); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("user after cancel = %v, want ErrNotFound", err)
			}
			// Text now is outside any flow.
			h.Send(p, "Hallo?")
			h.Expect(p, h.Tr("de", "hint.not_registered", nil))
		})
	}
}

func TestCancelButtonOnSummary(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 2005}
	h.Onboard(p, flowstest.Answers{Lang: "de", Role: domain.RoleAdvisor, Name: "Amira Haddad"}, "")
	summary := h.Last(p)
	// Cancel asks first, in the same message; "no" shows the summary again.
	h.Press(p, "Abbrechen")
	if m := h.Last(p); m.ID != summary.ID || !strings.Contains(m.Text, h.Tr("de", "flow.discard_prompt", nil)) {
		t.Fatalf("cancel did not ask in place:\n%s", m.Text)
	}
	h.Press(p, "Nein, weiter")
	if m := h.Last(p); m.ID != summary.ID || m.Text != summary.Text {
		t.Fatalf("no, continue did not show the summary again:\n%s", m.Text)
	}
	h.Press(p, "Abbrechen")
	h.Press(p, "Ja, verwerfen")
	h.Expect(p, h.Tr("de", "flow.cancelled", nil))
	if s := h.Session(p); s.Flow != "" || s.Data != nil {
		t.Errorf("session after cancel: %+v", s)
	}
}

func TestCancelOutsideAFlow(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 2006}
	h.Send(p, "/cancel")
	h.Expect(p, h.Tr("de", "flow.nothing_to_cancel", nil))
}

func TestDeclineConsentStoresNothing(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 2007, LangHint: "en"}
	h.Send(p, "/start")
	h.Press(p, "English")
	h.Press(p, "I do not agree")
	h.Expect(p, h.Tr("en", "onb.declined", nil))
	if _, err := h.User(p); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("user = %v, want ErrNotFound", err)
	}
	if r, ok := h.Store.LastRegistration(); ok {
		t.Fatalf("Register was called: %+v", r)
	}
	if s := h.Session(p); s.Flow != "" || s.Data != nil || s.UserID != 0 {
		t.Errorf("session after decline: %+v", s)
	}
	// Coming back works as promised.
	h.Send(p, "/start")
	h.Expect(p, h.Tr("en", "onb.lang_prompt", map[string]any{"Name": ""}))
}

// Only the newest prompt keeps buttons: a typed answer clears those of the
// prompt it answered, so no old button is left that would only say "no
// longer current".
func TestOnlyTheNewestPromptHasButtons(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8020}
	a := flowstest.Municipal
	a.Lang = "de"
	h.Onboard(p, a, "") // ends at the summary, after typed and pressed answers
	msgs := h.Msgr.Messages(p.ID)
	for i, m := range msgs[:len(msgs)-1] {
		if len(m.Buttons) > 0 {
			t.Errorf("message %d (%q...) still has buttons", i, m.Text[:min(40, len(m.Text))])
		}
	}
	if len(msgs[len(msgs)-1].Buttons) == 0 {
		t.Error("the summary has no buttons")
	}
}
