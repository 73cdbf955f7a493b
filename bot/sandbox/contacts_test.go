package sandbox_test

import (
	"context"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// TestChromiumContactCheck plays the office's check of a new municipal
// contact in the page at phone size: the Kommune registers in English and
// is told the office still confirms; the Koordination (German) gets the
// notice live, confirms after the question, and the Kommune is told.
func TestChromiumContactCheck(t *testing.T) {
	t.Parallel()
	texts, err := flows.Texts("de")
	if err != nil {
		t.Fatal(err)
	}
	// first is the first line of a text as the page shows it.
	first := func(lang, key string, data map[string]any) string {
		line, _, _ := strings.Cut(strings.TrimSpace(texts.T(lang, key, data)), "\n")
		return engine.PlainText(line)
	}
	en := func(key string) string { return texts.Plain("en", key, nil) }
	de := func(key string) string { return texts.Plain("de", key, nil) }

	store, url := startSandboxBot(t)
	page := newBrowser(t)
	page.do("phone size", phoneViewport())
	page.open(url, sandbox.CoordinatorID)
	run(page, coordinatorOnboarding)
	page.waitNewest("the coordinator's menu", de("btn.contacts"))

	page.switchUser(sandbox.MunicipalID)
	run(page, []pageStep{{"", "", "/start"}, {promptLanguage, "English", ""},
		{first("en", "onb.consent_prompt", nil), en("btn.consent_yes"), ""},
		{first("en", "onb.role_prompt", nil), en("role.municipal_contact"), ""},
		{first("en", "onb.name_prompt", nil), "", "Sabine Krüger"},
		{first("en", "onb.municipality_prompt", nil), "", "Hattingen"},
		{first("en", "onb.state_prompt", map[string]any{"Place": "Hattingen"}), en("state.NW"), ""},
		{first("en", "onb.function_prompt", nil), "", "Integration officer"},
		{first("en", "onb.summary", nil), en("btn.confirm"), ""}})
	page.waitNewest("the note that the office still confirms",
		first("en", "onb.pending_check", map[string]any{"Municipality": "Hattingen"}))
	page.screenshot("contacts-registered", true)

	page.switchUser(sandbox.CoordinatorID)
	notice := first("de", "contacts.notice", nil)
	page.waitNewest("the notice", notice)
	if got, want := page.buttonsOf(notice), []string{de("btn.contact_verify"), de("btn.contact_reject")}; !sameSet(got, want) {
		t.Errorf("the notice's buttons are %q, want %q", got, want)
	}
	page.screenshot("contacts-notice", true)
	page.press(de("btn.contact_verify"))
	page.waitNewest("the question", "Bestätigen?")
	page.screenshot("contacts-ask", true)
	page.press(de("btn.contact_verify_yes"))
	page.waitNewest("the outcome", "Bestätigt von Ihnen")
	page.screenshot("contacts-decided", true)
	page.typeText("/kontakte")
	page.waitNewest("the empty list", first("de", "contacts.list_empty", nil))

	page.switchUser(sandbox.MunicipalID)
	page.waitNewest("the outcome", first("en", "contacts.told_verified", map[string]any{"Municipality": "Hattingen"}))
	page.screenshot("contacts-told", true)
	a, err := store.ActorByTelegramID(context.Background(), sandbox.MunicipalID)
	if err != nil || len(a.Municipalities) != 1 || !a.SpeaksFor(a.Municipalities[0]) {
		t.Errorf("the confirmed contact: %+v, %v", a, err)
	}
}
