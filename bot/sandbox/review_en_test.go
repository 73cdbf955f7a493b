package sandbox_test

import (
	"context"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// TestChromiumRequestReviewEnglish plays the request and its approval in
// the page at phone size with both demo users in English: onboarding, the
// request with the progress line, the summary, the coordinator's notice
// with every field, the approval asked first, and the Kommune told.
func TestChromiumRequestReviewEnglish(t *testing.T) {
	t.Parallel()
	texts, err := flows.Texts("de")
	if err != nil {
		t.Fatal(err)
	}
	first := func(key string, data map[string]any) string {
		line, _, _ := strings.Cut(strings.TrimSpace(texts.T("en", key, data)), "\n")
		return engine.PlainText(line)
	}
	en := func(key string) string { return texts.Plain("en", key, nil) }
	store, url := startSandboxBot(t)
	page := newBrowser(t)
	page.do("phone size", phoneViewport())
	page.open(url, sandbox.CoordinatorID)
	run(page, []pageStep{{"", "", "/start"}, {promptLanguage, "English", ""},
		{first("onb.consent_prompt", nil), en("btn.consent_yes"), ""},
		{first("onb.name_prompt", nil), "", "Jonas Weber"},
		{first("onb.summary", nil), en("btn.confirm"), ""}})
	page.waitNewest("the coordinator's menu", en("btn.queue"))

	page.switchUser(sandbox.MunicipalID)
	run(page, []pageStep{{"", "", "/start"}, {promptLanguage, "English", ""},
		{first("onb.consent_prompt", nil), en("btn.consent_yes"), ""},
		{first("onb.role_prompt", nil), en("role.municipal_contact"), ""},
		{first("onb.name_prompt", nil), "", "Sabine Krüger"},
		{first("onb.municipality_prompt", nil), "", "Hattingen"},
		{first("onb.state_prompt", map[string]any{"Place": "Hattingen"}), en("state.NW"), ""},
		{first("onb.function_prompt", nil), "", "Integration officer"},
		{first("onb.summary", nil), en("btn.confirm"), ""}})
	earliest, latest := testStart.AddDate(0, 0, 30), testStart.AddDate(0, 0, 60)
	run(page, []pageStep{{en("btn.request"), en("btn.request"), ""},
		{first("request.department_prompt", nil), "", "Integration and social affairs"},
		{first("request.topic_prompt", nil), en("topic.intercultural_opening"), ""},
		{first("request.description_prompt", nil), "", "We want to offer our citizens' advice in several languages."},
		{first("request.goal_prompt", nil), "", "A workable plan for the consultation hours"},
		{first("request.format_prompt", nil), en("mode.on_site"), ""},
		{first("timeframe.earliest_prompt", nil), "", earliest.Format("2006-01-02")},
		{"The earliest possible day is", "", latest.Format("2/1/2006")},
		{first("request.place_prompt", nil), "", "Town hall, room 4"},
		{first("request.languages_prompt", nil), "", "Arabic, Turkish"},
		{first("request.target_groups_prompt", nil), en("btn.skip"), ""},
		{first("request.associations_prompt", nil), en("btn.skip"), ""},
		{first("request.tandem_prompt", nil), en("btn.tandem_no"), ""},
		{first("request.urgency_prompt", nil), en("urgency.normal"), ""}})
	page.waitNewest("the summary", en("btn.confirm"))
	page.screenshot("en-summary", true)
	page.press(en("btn.confirm"))
	page.waitNewest("the submitted request", "MG-2026-0001")

	page.switchUser(sandbox.CoordinatorID)
	notice := first("request.notify_new", map[string]any{"Ref": "MG-2026-0001"})
	page.waitNewest("the notice", notice)
	for _, want := range []string{"Sabine Krüger, Integration officer", "A workable plan", "Arabic, Turkish", "Town hall, room 4"} {
		if got := eval[string](page, newestBot); !strings.Contains(got, want) {
			t.Errorf("the coordinator's notice lacks %q: %q", want, got)
		}
	}
	page.screenshot("en-notice", true)
	page.press(en("btn.approve"))
	page.waitNewest("the question", first("review.approve_ask", map[string]any{"Ref": "MG-2026-0001", "Municipality": "Hattingen"}))
	page.screenshot("en-ask", true)
	page.press(en("btn.approve_yes"))
	page.waitNewest("the approval", first("review.approved", map[string]any{"Ref": "MG-2026-0001"}))

	page.switchUser(sandbox.MunicipalID)
	page.waitNewest("the approval", "MG-2026-0001 is approved")
	page.screenshot("en-approved", true)
	r, err := store.RequestByRef(context.Background(), "MG-2026-0001")
	if err != nil || r.Status != domain.StatusApproved || len(r.Languages) != 2 {
		t.Errorf("request: %+v, %v", r, err)
	}
}
