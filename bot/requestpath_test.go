package bot

import (
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// requestAnswers are the answers fillRequest gives: user data, so they are
// the same in every language.
type requestAnswers struct {
	department, description, goal, place, targetGroups string
	languages                                          []string
	earliest, latest                                   time.Time // midnight UTC of the day
}

// municipalFunction is the function registerMunicipal gives; fillRequest
// keeps it.
const municipalFunction = "Integrationsbeauftragte"

// stdRequest is what fillRequest answers. Its dates are 30 and 60 days
// after testStart, where the test clock starts (a test ends long before
// the clock's day is over).
var stdRequest = requestAnswers{
	department:   "Integration und Soziales",
	description:  "Wir möchten unsere Bürgerberatung für Zugewanderte mehrsprachig aufstellen.",
	goal:         "Ein tragfähiges Konzept für die Sprechstunden",
	place:        "Rathaus, Raum 4",
	targetGroups: "Neu zugewanderte Familien",
	languages:    []string{"Arabisch", "Türkisch"},
	earliest:     daysAhead(30),
	latest:       daysAhead(60),
}

func daysAhead(n int) time.Time {
	y, m, d := testStart.AddDate(0, 0, n).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// registerMunicipal takes the user from /start through the onboarding as a
// municipal contact (in c.lang, state NW, function municipalFunction) to
// the main menu.
func (c *conversation) registerMunicipal(name, municipality string) {
	c.t.Helper()
	c.beginOnboarding()
	c.expect(c.line("onb.role_prompt", nil))
	c.press("role.municipal_contact")
	c.expect(c.line("onb.name_prompt", nil))
	c.say(name)
	c.expect(c.line("onb.municipality_prompt", nil))
	c.say(municipality)
	c.expect(c.line("onb.state_prompt", map[string]any{"Place": municipality}))
	c.press("state.NW")
	c.expect(c.line("onb.function_prompt", nil))
	c.say(municipalFunction)
	c.finishOnboarding()
}

// associationProfile answers an association's questions after its city:
// the Bundesland (NW), one topic (culture) and the invitation language
// (c.lang).
func (c *conversation) associationProfile(city string) {
	c.t.Helper()
	c.expect(c.line("onb.state_prompt", map[string]any{"Place": city}))
	c.press("state.NW")
	c.expect(c.line("onb.topics_prompt", nil))
	c.press("topic.culture")
	done := c.texts.Plain(c.lang, "btn.done", map[string]any{"N": 1})
	await(c.t, "the button "+done, func() bool { _, err := c.fake.Press(c.user, done); return err == nil })
	c.expect(c.line("onb.invite_lang_prompt", nil))
	c.press("lang.name")
}

// beginOnboarding makes the user known to the fake and goes from /start
// through the language (c.lang) and the consent.
func (c *conversation) beginOnboarding() {
	c.t.Helper()
	c.fake.AddUser(c.user)
	c.say("/start")
	c.expect("MiGlobe")
	c.press("lang.name")
	c.expect(c.line("onb.consent_prompt", nil))
	c.press("btn.consent_yes")
}

// finishOnboarding confirms the onboarding's summary and waits for the menu.
func (c *conversation) finishOnboarding() {
	c.t.Helper()
	c.expect(c.line("onb.summary", nil))
	c.press("btn.confirm")
	done := c.expect(c.line("onb.done", nil))
	if title := c.line("menu.title", nil); !strings.Contains(done.Text, title) {
		c.expect(title)
	}
}

// fillRequest starts a request with /beratung and gives stdRequest's
// answers (topic, format, tandem and urgency by button) until the summary
// shows, which it leaves as the last message. The municipality (the
// user's only one) and the function come from the profile.
func (c *conversation) fillRequest(municipality string) {
	c.t.Helper()
	c.fillRequestWith(municipality, stdRequest)
}

// fillRequestWith is fillRequest with the answers a.
func (c *conversation) fillRequestWith(municipality string, a requestAnswers) {
	c.t.Helper()
	c.say("/beratung")
	c.ask("request.intro", nil)
	c.say(a.department)
	c.ask("request.topic_prompt", nil)
	c.press("topic.intercultural_opening")
	c.ask("request.description_prompt", nil)
	c.say(a.description)
	c.ask("request.goal_prompt", nil)
	c.say(a.goal)
	c.ask("request.format_prompt", nil)
	c.press("mode.on_site")
	c.ask("timeframe.earliest_prompt", nil)
	c.say(a.earliest.Format("02.01.2006"))
	c.ask("timeframe.latest_prompt", map[string]any{"Earliest": a.earliest.Format(c.line("format.date", nil))})
	c.say(a.latest.Format("02.01.2006"))
	c.ask("request.place_prompt", nil)
	c.say(a.place)
	c.ask("request.languages_prompt", nil)
	c.say(strings.Join(a.languages, ", "))
	c.ask("request.target_groups_prompt", nil)
	c.say(a.targetGroups)
	c.ask("request.associations_prompt", nil)
	c.press("btn.skip")
	c.ask("request.tandem_prompt", nil)
	c.press("btn.tandem_no")
	c.ask("request.urgency_prompt", nil)
	c.press("urgency.normal")
	summary := c.ask("request.summary", map[string]any{"Municipality": municipality})
	if !strings.Contains(summary.Text, engine.Escape(a.department)) {
		c.t.Fatalf("the summary lacks the department: %q", summary.Text)
	}
}

var refPattern = regexp.MustCompile(`MG-\d{4}-\d{4}`)

// submitRequest presses confirm on the summary, expects the "submitted"
// text and returns the reference it names.
func (c *conversation) submitRequest() string {
	c.t.Helper()
	c.press("btn.confirm")
	m, err := c.fake.Next(c.user.ID, 10*time.Second)
	if err != nil {
		c.t.Fatalf("waiting for the submitted request: %v", err)
	}
	ref := refPattern.FindString(m.Text)
	if ref == "" || !strings.Contains(m.Text, c.line("request.submitted", map[string]any{"Ref": ref})) {
		c.t.Fatalf("after confirm got %q, want %q with a reference", m.Text, c.line("request.submitted", nil))
	}
	return ref
}

// ask waits for the question whose first line is that of key (filled with
// data) and returns it.
func (c *conversation) ask(key string, data map[string]any) telegramfake.Message {
	c.t.Helper()
	return c.expect(c.line(key, data))
}

// checkRequest compares r with stdRequest as fillRequest gave it: a newly
// submitted request of municipal contact requesterID.
func checkRequest(t *testing.T, r domain.Request, requesterID int64) {
	t.Helper()
	a := stdRequest
	got := r.RequestDraft
	want := domain.RequestDraft{
		RequesterID: requesterID, MunicipalityID: got.MunicipalityID, Department: a.department,
		ContactFunction: municipalFunction, Topic: domain.TopicInterculturalOpening,
		Description: a.description, Goal: a.goal, Format: domain.FormatOnSite, Place: a.place,
		TargetGroups: a.targetGroups, Tandem: false, Urgency: domain.UrgencyNormal,
	}
	if day := "2006-01-02"; got.Earliest.Format(day) != a.earliest.Format(day) || got.Latest.Format(day) != a.latest.Format(day) {
		t.Errorf("timeframe %v – %v, want %v – %v", got.Earliest, got.Latest, a.earliest, a.latest)
	}
	if strings.Join(got.Languages, "|") != strings.Join(a.languages, "|") {
		t.Errorf("languages %q, want %q", got.Languages, a.languages)
	}
	got.Earliest, got.Latest, got.Languages = time.Time{}, time.Time{}, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored request\n%+v\nwant\n%+v", got, want)
	}
	if r.Status != domain.StatusSubmitted {
		t.Errorf("status %s, want %s", r.Status, domain.StatusSubmitted)
	}
}

// The helpers above take a municipal contact from /start to a submitted
// request in either language.
func TestRequestPathHelpers(t *testing.T) {
	fake, store, _ := startRealBot(t)
	texts := testTexts(t)
	for i, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			u := telegramfake.User{ID: int64(8301 + i), FirstName: "Lea", LanguageCode: lang}
			c := &conversation{t: t, fake: fake, user: u, texts: texts, lang: lang}
			c.registerMunicipal("Lea Wagner", "Witten")
			c.fillRequest("Witten")
			ref := c.submitRequest()
			requester, err := store.UserByTelegramID(context.Background(), u.ID)
			if err != nil {
				t.Fatal(err)
			}
			r, err := store.RequestByRef(context.Background(), ref)
			if err != nil {
				t.Fatalf("request %s: %v", ref, err)
			}
			checkRequest(t, r, requester.ID)
		})
	}
}
