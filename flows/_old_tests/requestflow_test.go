package flows_test

import (
	"context"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
)

// coordinator2ID is a second coordinator the request harness configures.
const coordinator2ID = 778

// reqStore wraps the real RequestStore: it fails the next SubmitRequest
// when told, and answers UserByID for the user demoted without roles (as
// after a coordinator's role was taken away).
type reqStore struct {
	flows.RequestStore
	mu      sync.Mutex
	fail    bool
	demoted int64
	lists   int // calls of ListByRequester
}

func (s *reqStore) ListByRequester(ctx context.Context, userID int64) ([]flows.Request, error) {
	s.mu.Lock()
	s.lists++
	s.mu.Unlock()
	return s.RequestStore.ListByRequester(ctx, userID)
}

func (s *reqStore) listCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lists
}

func (s *reqStore) UserByID(ctx context.Context, id int64) (flows.User, error) {
	u, err := s.RequestStore.UserByID(ctx, id)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil && id == s.demoted {
		u.Roles = nil
	}
	return u, err
}

func (s *reqStore) failNextSubmit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = true
}

func (s *reqStore) SubmitRequest(ctx context.Context, d flows.RequestDraft, key string,
	notify func(flows.Request) []flows.Notification) (flows.Request, bool, error) {
	s.mu.Lock()
	fail := s.fail
	s.fail = false
	s.mu.Unlock()
	if fail {
		return flows.Request{}, false, errDown
	}
	return s.RequestStore.SubmitRequest(ctx, d, key, notify)
}

// newRequestHarness is the harness with requests enabled (the real store)
// and two configured coordinators, who register first: the first in German,
// the second in English.
func newRequestHarness(t *testing.T) (*harness, *reqStore) {
	t.Helper()
	h := newHarness(t)
	rs := &reqStore{RequestStore: h.db}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	h.engine, err = flows.NewEngine(flows.EngineConfig{
		Store: h.store, Requests: rs, Messenger: h.msgr, Texts: h.texts, Clock: h.clock.Now,
		Coordinators: map[int64]bool{coordinatorID: true, coordinator2ID: true}, DefaultLang: "de",
		Location: berlin, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	for _, c := range []struct {
		id   int64
		lang string
	}{{coordinatorID, "de"}, {coordinator2ID, "en"}} {
		p := person{ID: c.id, LangHint: c.lang}
		onboard(h, p, answers{lang: c.lang, name: "Jana Koordination"}, "")
		confirm(h, p, c.lang)
	}
	return h, rs
}

// registerMunicipal registers p as the municipal contact of Hattingen.
func registerMunicipal(h *harness, p person, lang string) {
	h.t.Helper()
	a := municipal
	a.lang = lang
	onboard(h, p, a, "")
	confirm(h, p, lang)
}

// bad is a wrong answer and a text the bot's reply must contain.
type bad struct{ in, want string }

// answer sends bad answers, each of which must be refused with its text and
// the question again, then the good one.
func answer(h *harness, p person, lang, promptKey, good string, bads ...bad) {
	h.t.Helper()
	prompt := h.tr(lang, promptKey, nil)
	for _, b := range bads {
		h.send(p, b.in)
		h.expect(p, b.want, prompt)
	}
	h.send(p, good)
}

// steps of a request; bads (may be nil) are sent at the text steps.
type badInputs map[string][]bad

// requestUntilSummary walks p from the menu to the summary of a request
// with the standard answers.
func requestUntilSummary(h *harness, p person, lang string, bads badInputs) {
	h.t.Helper()
	tr := func(key string) string { return h.tr(lang, key, nil) }
	h.press(p, tr("btn.request"))
	h.expect(p, h.tr(lang, "request.municipality_prompt", map[string]any{"Municipality": "Hattingen"}))
	h.send(p, "Bochum")
	h.expect(p, tr("flow.use_buttons"))
	h.press(p, "Hattingen")
	h.expect(p, tr("request.department_prompt"))
	answer(h, p, lang, "request.department_prompt", "Integration & Soziales", bads["dept"]...)
	h.expect(p, tr("request.function_prompt"))
	h.press(p, h.tr(lang, "btn.keep", map[string]any{"Value": flows.HTML("Integrationsbeauftragte")}))
	h.expect(p, tr("request.topic_prompt"))
	h.press(p, tr("topic.other_topic"))
	answer(h, p, lang, "request.topic_other_prompt", "Mehrsprachige Bürgerberatung", bads["topic"]...)
	answer(h, p, lang, "request.description_prompt",
		"Wir planen Sprechstunden für <5 Personen & möchten\n\nmehrsprachig beraten.", bads["desc"]...)
	answer(h, p, lang, "request.goal_prompt", "Ein tragfähiges Konzept", bads["goal"]...)
	h.expect(p, tr("request.format_prompt"))
	h.press(p, tr("mode.on_site"))
	h.expect(p, tr("timeframe.earliest_prompt"))
	h.send(p, "01.12.2026")
	h.send(p, "15.01.27")
	answer(h, p, lang, "request.place_prompt", "Rathaus Hattingen, Raum 4", bads["place"]...)
	answer(h, p, lang, "request.languages_prompt", "Arabisch, Türkisch", bads["langs"]...)
	h.expect(p, tr("request.target_groups_prompt"))
	h.press(p, tr("btn.skip"))
	answer(h, p, lang, "request.associations_prompt", "Verein <Brücke> e.V.", bads["assocs"]...)
	h.expect(p, tr("request.tandem_prompt"))
	h.press(p, tr("btn.tandem_yes"))
	h.expect(p, tr("request.urgency_prompt"))
	h.press(p, tr("urgency.high"))
	h.expect(p, "Hattingen", "<b>"+tr("field.goal")+":</b> Ein tragfähiges Konzept",
		"&lt;5 Personen &amp; möchten", "Verein &lt;Brücke&gt; e.V.", "Arabisch, Türkisch", tr("request.skipped"))
}

func TestRequestFlowToSubmittedRequest(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h, _ := newRequestHarness(t)
			p := person{ID: 5001, LangHint: lang}
			registerMunicipal(h, p, lang)
			requestUntilSummary(h, p, lang, nil)
			h.press(p, h.tr(lang, "btn.confirm", nil))
			h.expect(p, h.tr(lang, "request.submitted", map[string]any{"Ref": "MG-2026-0001"}))
			h.expectButtons(p, h.tr(lang, "btn.request", nil))
			if s := h.session(p); s.Flow != "" || len(s.Data) != 0 {
				t.Errorf("session after submit: %+v", s)
			}
			checkStoredRequest(t, h, p)
			checkCoordinatorNotes(t, h)
		})
	}
}

// checkStoredRequest checks the one request of p against the standard answers.
func checkStoredRequest(t *testing.T, h *harness, p person) flows.Request {
	t.Helper()
	u, err := h.user(p)
	if err != nil {
		t.Fatal(err)
	}
	list, err := h.db.ListByRequester(context.Background(), u.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("requests of the contact: %d, %v; want 1", len(list), err)
	}
	r := list[0]
	want := flows.RequestDraft{RequesterID: u.ID, MunicipalityID: r.MunicipalityID, Department: "Integration & Soziales",
		ContactFunction: "Integrationsbeauftragte", Topic: flows.TopicOther, TopicOther: "Mehrsprachige Bürgerberatung",
		Description: "Wir planen Sprechstunden für <5 Personen & möchten\n\nmehrsprachig beraten.",
		Goal:        "Ein tragfähiges Konzept", Format: flows.FormatOnSite, Place: "Rathaus Hattingen, Raum 4",
		Associations: "Verein <Brücke> e.V.", Tandem: true, Urgency: flows.UrgencyHigh}
	got := r.RequestDraft
	if strings.Join(got.Languages, "|") != "Arabisch|Türkisch" {
		t.Errorf("languages %q", got.Languages)
	}
	if got.Earliest.Format("2006-01-02") != "2026-12-01" || got.Latest.Format("2006-01-02") != "2027-01-15" {
		t.Errorf("timeframe %v – %v", got.Earliest, got.Latest)
	}
	got.Languages, got.Earliest, got.Latest = nil, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored draft\n%+v\nwant\n%+v", got, want)
	}
	if r.Ref != "MG-2026-0001" || r.Status != flows.StatusSubmitted || r.Municipality != "Hattingen" {
		t.Errorf("request %s %s %s", r.Ref, r.Status, r.Municipality)
	}
	return r
}

// checkCoordinatorNotes checks that the outbox holds exactly one
// notification of the request for each coordinator, in their language, user
// text escaped. It claims them.
func checkCoordinatorNotes(t *testing.T, h *harness) {
	t.Helper()
	ctx := context.Background()
	if n, err := h.db.PendingOutbox(ctx); err != nil || n != 2 {
		t.Errorf("outbox holds %d messages (%v), want 2", n, err)
	}
	out, err := h.db.ClaimOutbox(ctx, 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	count := map[int64]int{}
	for _, m := range out {
		count[m.ChatID]++
		lang := map[int64]string{coordinatorID: "de", coordinator2ID: "en"}[m.ChatID]
		for _, s := range []string{"MG-2026-0001", "Hattingen", h.tr(lang, "urgency.high", nil),
			h.tr(lang, "topic.other_topic", nil) + ": Mehrsprachige Bürgerberatung", "&lt;5 Personen &amp; möchten mehrsprachig"} {
			if !strings.Contains(m.Message.Text, s) {
				t.Errorf("note to %d lacks %q:\n%s", m.ChatID, s, m.Message.Text)
			}
		}
		var labels []string
		for _, row := range m.Message.Buttons {
			for _, b := range row {
				labels = append(labels, b.Label)
				if !strings.HasPrefix(b.Data, "*:") {
					t.Errorf("note to %d: button %q carries %q, want a durable button", m.ChatID, b.Label, b.Data)
				}
			}
		}
		want := []string{h.tr(lang, "btn.approve", nil), h.tr(lang, "btn.ask", nil), h.tr(lang, "btn.decline", nil), h.tr(lang, "btn.details", nil)}
		if !slices.Equal(labels, want) {
			t.Errorf("note to %d has buttons %q, want %q", m.ChatID, labels, want)
		}
	}
	if len(out) != 2 || count[coordinatorID] != 1 || count[coordinator2ID] != 1 {
		t.Errorf("outbox: %v, want one to each coordinator", count)
	}
}
