package consent_test

import (
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Onboarding stores the privacy notice's version and, when chosen, the
// reminders, each with the time of the answer, in the registration.
func TestRegistrationStoresEachConsentWithItsTime(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 9101, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	got := consents(h, p)
	if len(got) != 2 || got[0].Purpose != domain.PurposePrivacy || got[1].Purpose != domain.PurposeReminders {
		t.Fatalf("consents %+v", got)
	}
	for _, c := range got {
		if c.Version != 1 || !c.GivenAt.Equal(flowstest.Start) || !c.Holds() {
			t.Errorf("consent %+v, want version 1 given at %v", c, flowstest.Start)
		}
	}

	// In English, agreeing without the reminders stores the notice only.
	q := flowstest.Person{ID: 9102, LangHint: "en"}
	h.Send(q, "/start "+h.SystemInvite(q, domain.RoleAdvisor))
	h.Press(q, h.Plain("en", "lang.name", nil))
	h.Expect(q, h.Tr("en", "consent.privacy_v1", nil), h.Tr("en", "consent.reminders_v1", nil), h.Tr("en", "onb.consent_prompt", nil))
	h.Clock.Advance(time.Minute)
	h.Press(q, h.Plain("en", "btn.consent_basic", nil))
	h.Expect(q, h.Tr("en", "onb.name_prompt", nil))
	h.Send(q, "Chidi Okafor")
	h.Confirm(q, "en")
	got = consents(h, q)
	if len(got) != 1 || got[0].Purpose != domain.PurposePrivacy || got[0].Version != 1 || !got[0].GivenAt.Equal(flowstest.Start.Add(time.Minute)) {
		t.Fatalf("consents %+v, want the privacy notice only", got)
	}
}

// After a release with a new privacy notice, a registered user's next
// message or press brings the new text and nothing else; their draft
// waits. Forged and replayed answers change nothing; "Zustimmen" stores
// the new version and the question of the draft comes again.
func TestChangedNoticeIsAskedBeforeAnythingElse(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 9201, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	editName := h.Plain("de", "btn.edit_field", map[string]any{"Field": h.Plain("de", "field.name", nil)})
	h.Send(p, "/menu")
	h.Press(p, h.Plain("de", "btn.profile", nil))
	h.Press(p, editName)
	namePrompt := h.Tr("de", "edit.name", map[string]any{"Current": "Erika Mustermann"})
	h.Expect(p, namePrompt)
	draft := h.Session(p)

	release(t, h, 2)
	reask := []string{h.Tr("de", "consent.reask", map[string]any{"Version": 2}), h.Tr("de", "consent.changes_v2", nil),
		h.Tr("de", "consent.privacy_v2", nil)}
	for _, send := range []string{"Erika Neu", "/beratung", "/menu"} {
		h.Send(p, send)
		h.Expect(p, reask...)
		h.ExpectButtons(p, h.Plain("de", "btn.consent_agree", nil), h.Plain("de", "btn.consent_decline", nil))
	}
	if s := h.Session(p); s.Flow != draft.Flow || s.Step != draft.Step {
		t.Fatalf("the draft moved: %q at %q, was %q at %q", s.Flow, s.Step, draft.Flow, draft.Step)
	}
	if u, err := h.User(p); err != nil || u.Name != "Erika Mustermann" {
		t.Fatalf("user %+v %v: the held answer was taken", u, err)
	}

	// Forged and old versions are stale; nothing changes.
	asked := h.Last(p).ID
	for _, v := range []int64{3, 1} {
		h.PressStale(p, asked, flowstest.Durable(t, "consent", "agree", v))
		h.PressStale(p, asked, flowstest.Durable(t, "consent", "decline", v))
	}
	if got := holding(h, p); got[domain.PurposePrivacy] != 1 {
		t.Fatalf("a forged press changed the consents: %v", got)
	}

	h.Clock.Advance(time.Hour)
	h.Press(p, h.Plain("de", "btn.consent_agree", nil))
	if got := h.Message(p, asked).Text; !strings.Contains(got, "(Version 2)") {
		t.Errorf("the question did not turn into the agreement:\n%s", got)
	}
	h.Expect(p, h.Tr("de", "consent.repeat", nil), namePrompt)
	got := consents(h, p)
	if last := got[len(got)-1]; len(got) != 3 || last.Purpose != domain.PurposePrivacy || last.Version != 2 ||
		!last.GivenAt.Equal(flowstest.Start.Add(time.Hour)) {
		t.Fatalf("consents %+v, want privacy version 2 added", got)
	}
	if got := holding(h, p); got[domain.PurposePrivacy] != 2 || got[domain.PurposeReminders] != 1 {
		t.Fatalf("holding %v", got)
	}
	h.Send(p, "Erika Neu")
	h.Expect(p, h.Tr("de", "edit.saved", nil), "Erika Neu")

	// Replays after agreeing: told so, nothing changes.
	for _, act := range []string{"agree", "decline"} {
		if toast := h.PressUnchanged(p, asked, flowstest.Durable(t, "consent", act, 2)); toast != h.Plain("de", "consent.already", nil) {
			t.Errorf("replayed %s: toast %q", act, toast)
		}
	}
	if n := len(consents(h, p)); n != 3 {
		t.Fatalf("a replay stored a consent: %d", n)
	}

	// Someone who registers under the new notice agrees to it and is not
	// asked again.
	r := flowstest.Person{ID: 9202, LangHint: "de"}
	h.Register(r, flowstest.Answers{Lang: "de", Role: domain.RoleMunicipal, Name: "Rita Neu", Muni: "Witten", State: "NW", Fn: "Amtsleitung"})
	if got := holding(h, r); got[domain.PurposePrivacy] != 2 {
		t.Fatalf("holding %v, want privacy version 2", got)
	}
	h.Send(r, "/menu")
	h.ExpectButtons(r, h.Plain("de", "btn.profile", nil))
}

// Declining (in English) leaves everything as it is and says how to read
// or erase the data; /privacy still shows it; the next message asks
// again; agreeing later opens the menu.
func TestDeclinedNoticeChangesNothing(t *testing.T) {
	h := flowstest.New(t)
	q := flowstest.Person{ID: 9301, LangHint: "en"}
	h.RegisterMunicipal(q, "en")
	release(t, h, 2)

	h.Send(q, "hello")
	h.Expect(q, h.Tr("en", "consent.reask", map[string]any{"Version": 2}), h.Tr("en", "consent.privacy_v2", nil))
	h.Press(q, h.Plain("en", "btn.consent_decline", nil))
	h.Expect(q, h.Tr("en", "consent.declined", nil), "/mydata", "/delete")
	if got := holding(h, q); got[domain.PurposePrivacy] != 1 || got[domain.PurposeReminders] != 1 {
		t.Fatalf("declining changed the consents: %v", got)
	}
	if u, err := h.User(q); err != nil || u.Name != "Erika Mustermann" {
		t.Fatalf("declining changed the user: %+v %v", u, err)
	}

	h.Send(q, "/privacy")
	if got := h.Last(q).Text; strings.Contains(got, h.Tr("en", "consent.reask", map[string]any{"Version": 2})) ||
		!strings.Contains(got, "Erika Mustermann") {
		t.Fatalf("/privacy was held back:\n%s", got)
	}
	h.Send(q, "hi")
	h.Expect(q, h.Tr("en", "consent.reask", map[string]any{"Version": 2}))
	h.Press(q, h.Plain("en", "btn.consent_agree", nil))
	h.Expect(q, h.Tr("en", "consent.repeat", nil))
	h.ExpectButtons(q, h.Plain("en", "btn.profile", nil))
	if got := holding(h, q); got[domain.PurposePrivacy] != 2 {
		t.Fatalf("holding %v", got)
	}
}

// The rights to one's data hold also before agreeing to a new privacy
// notice: /mydata sends the data, and /delete runs to its end through the
// gate (its confirmation button too).
func TestDataRightsPassTheGate(t *testing.T) {
	h := flowstest.New(t)
	q := flowstest.Person{ID: 9302, LangHint: "en"}
	h.RegisterMunicipal(q, "en")
	release(t, h, 2)

	h.Send(q, "/mydata")
	if docs := h.Documents(q); len(docs) != 1 {
		t.Fatalf("/mydata behind the gate sent %d documents, want 1", len(docs))
	}
	h.Send(q, "/delete")
	h.Press(q, h.Plain("en", "erase.btn_yes", nil))
	h.Expect(q, h.Tr("en", "erase.done", nil))
	if _, err := h.User(q); err == nil {
		t.Fatalf("/delete behind the gate did not erase the user")
	}
}

// The consents screen (behind /privacy) turns the reminders off and on;
// an old switch is stale and a forged one (the privacy notice) refused.
func TestConsentsScreenSwitchesReminders(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: 9401, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			name := h.Plain(lang, "consent.name_reminders", nil)
			h.Send(p, "/privacy")
			h.Press(p, h.Plain(lang, "btn.consents", nil))
			h.Expect(p, h.Tr(lang, "consent.given_line", map[string]any{"Name": name, "Version": 1, "When": h.Texts.DateTime(lang, flowstest.Start, h.Location)}))
			screen, off := h.Find(p, h.Plain(lang, "btn.consent_off", map[string]any{"Name": name}))

			h.Clock.Advance(time.Minute)
			h.Press(p, h.Plain(lang, "btn.consent_off", map[string]any{"Name": name}))
			h.Expect(p, h.Tr(lang, "consent.saved", nil),
				h.Tr(lang, "consent.off_line", map[string]any{"Name": name, "When": h.Texts.DateTime(lang, flowstest.Start.Add(time.Minute), h.Location)}))
			if got := holding(h, p); got[domain.PurposeReminders] != 0 || got[domain.PurposePrivacy] != 1 {
				t.Fatalf("holding %v after switching off", got)
			}
			h.PressStale(p, screen, off)
			if toast := h.PressUnchanged(p, screen, h.Nonce(p)+":m:consentset.privacy.off"); toast != h.Plain(lang, "error.forbidden", nil) {
				t.Errorf("forged switch: toast %q", toast)
			}
			if got := holding(h, p); got[domain.PurposePrivacy] != 1 {
				t.Fatalf("the privacy notice was withdrawn: %v", got)
			}

			h.Press(p, h.Plain(lang, "btn.consent_on", map[string]any{"Name": name}))
			if got := holding(h, p); got[domain.PurposeReminders] != 1 {
				t.Fatalf("holding %v after switching on", got)
			}
			if n := len(consents(h, p)); n != 3 {
				t.Fatalf("%d consents, want the first reminders kept as withdrawn and a new one", n)
			}
		})
	}
}
