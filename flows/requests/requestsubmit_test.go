package requests_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/account"
	"github.com/miglobe/miglobe-bot/flows/consent"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/onboarding"
)

func TestRequestBadInputAtEveryTextStep(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5101, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	length := func(min, max, n int) string {
		return h.Tr("de", "invalid.length", map[string]any{"Min": min, "Max": max, "Count": n})
	}
	tr := func(key string) string { return h.Tr("de", key, nil) }
	requestUntilSummary(h, p, "de", badInputs{
		"dept": {{"x", length(2, 100, 1)}, {strings.Repeat("a", 101), length(2, 100, 101)},
			{"😀😀😀", tr("invalid.no_letters")}, {"<b>Amt</b>", tr("invalid.markup")}, {"   ", tr("invalid.empty")},
			{"Amt\u202e", tr("invalid.control")}},
		"topic": {{"🙂🙂", tr("invalid.no_letters")}, {"<i>x</i>", tr("invalid.markup")},
			{strings.Repeat("b", 201), length(2, 200, 201)}},
		"desc": {{"Zu kurz.", length(20, 2000, 8)}, {strings.Repeat("Wort ", 401), length(20, 2000, 2004)},
			{strings.Repeat("😀", 25), tr("invalid.no_letters")}},
		"goal":  {{"Ziel", length(5, 1000, 4)}, {strings.Repeat("z", 1001), length(5, 1000, 1001)}},
		"place": {{"<b>Rathaus</b>", tr("invalid.markup")}, {"x", length(2, 200, 1)}},
		"langs": {{"🙂, 🙂", tr("invalid.no_letters")}, {"Arabisch, 123", tr("request.languages_invalid")},
			{"a, b, c, d, e, f, g, h, i, j, k", tr("request.languages_invalid")},
			{strings.Repeat("l", 51), tr("request.languages_invalid")}},
		"assocs": {{"😀😀", tr("invalid.no_letters")}, {strings.Repeat("v", 1001), length(2, 1000, 1001)}},
	})
	// A button step does not take text.
	editField(h, p, "de", "field.urgency")
	h.Expect(p, tr("request.urgency_prompt"))
	h.SendRefused(p, "sehr dringend", tr("flow.use_buttons"))
}

func TestRequestDoubleSubmitCreatesOneRequest(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5201, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	requestUntilSummary(h, p, "de", nil)
	before := h.Session(p)
	id, data := h.Find(p, h.Plain("de", "btn.confirm", nil))
	if id != h.Last(p).ID {
		t.Fatalf("the confirm button is not on the summary:\n%s", h.Last(p).Text)
	}
	submitted := h.Tr("de", "request.submitted", map[string]any{"Ref": "MG-2026-0001"})

	h.PressData(p, id, data)
	h.NoError()
	h.Expect(p, submitted)
	if toast := h.PressData(p, id, data); toast != h.Plain("de", "flow.stale", nil) {
		t.Errorf("second tap: toast %q", toast)
	}
	// The same update handled again, as if the first handling's session had
	// never been saved (a redelivery after a crash). Telegram refuses to
	// edit the pressed message into what it already shows.
	h.Msgr.RefuseEdits = true
	again := before.Clone()
	u := h.Update(p, engine.KindButton)
	u.ID, u.Data, u.MessageID = 99999, data, id
	if _, err := h.Engine.Handle(context.Background(), u, &again); err != nil {
		t.Fatalf("Handle again: %v", err)
	}
	h.Expect(p, submitted)
	checkStoredRequest(t, h, p)
	checkCoordinatorNotes(t, h)
}

func TestRequestSubmitWhilePostgresFails(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5301, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	requestUntilSummary(h, p, "de", nil)
	h.Store.FailNext("SubmitRequest")
	h.ErrorsAllowed(func() { h.Press(p, h.Plain("de", "btn.confirm", nil)) })
	if h.Err == nil {
		t.Fatal("Handle returned no error for a failed submit")
	}
	h.Expect(p, h.Tr("de", "error.technical", nil))
	if s := h.Session(p); s.Flow != "request" || s.Step != "summary" || s.Data["desc"] == "" {
		t.Fatalf("draft lost: %+v", s)
	}
	if n, _ := h.DB.PendingOutbox(context.Background()); n != 0 {
		t.Errorf("outbox holds %d messages after a failed submit", n)
	}
	h.Press(p, h.Plain("de", "btn.confirm", nil))
	h.Expect(p, h.Tr("de", "request.submitted", map[string]any{"Ref": "MG-2026-0001"}))
	checkStoredRequest(t, h, p)
	checkCoordinatorNotes(t, h)
}

func TestOnlyMunicipalContactsRequest(t *testing.T) {
	h := newHarness(t)
	stranger := person{ID: 5401}
	h.Send(stranger, "/beratung")
	h.Expect(stranger, h.Tr("de", "hint.not_registered", nil))

	p := person{ID: 5402}
	registerAdvisor(h, p)
	if slices.Contains(h.Buttons(p), h.Plain("de", "btn.request", nil)) {
		t.Errorf("an advisor's menu offers the request: %v", h.Buttons(p))
	}
	h.Send(p, "/beratung")
	h.Expect(p, h.Tr("de", "request.refused", nil))

	// A forged menu press with the current nonce is refused too.
	h.Send(p, "/menu")
	menu := h.Last(p)
	nonce, _, _ := strings.Cut(menu.Buttons[0][0].Data, ":")
	h.PressData(p, menu.ID, nonce+":m:request")
	h.NoError()
	h.Expect(p, h.Tr("de", "request.refused", nil))
	if s := h.Session(p); s.Flow != "" {
		t.Errorf("the flow started for an advisor: %+v", s)
	}
	if n, _ := h.DB.PendingOutbox(context.Background()); n != 0 {
		t.Errorf("outbox holds %d messages", n)
	}
}

// An engine without the request feature (the other features only) offers
// no request: no menu entry, no command.
func TestRequestsNotOfferedWithoutTheFeature(t *testing.T) {
	h := flowstest.New(t)
	r := engine.NewRegistry()
	consenting := consent.Deps{Consents: h.Store}
	consent.Register(r, consenting)
	onboarding.Register(r, onboarding.Deps{Users: h.Store, Invites: h.Store,
		Consent: onboarding.ConsentQuestion{Text: consenting.Text, Choices: consenting.Choices, Given: consenting.Given}})
	account.Register(r, account.Deps{Users: h.Store})
	e, err := engine.New(engine.Config{Actors: h.Store, Messenger: h.Msgr, Clock: h.Clock.Now, DefaultLang: "de",
		Location: berlin(t), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, r)
	if err != nil {
		t.Fatalf("engine.New: %v", err)
	}
	h.Engine = e
	p := person{ID: 5501, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	if slices.Contains(h.Buttons(p), h.Plain("de", "btn.request", nil)) {
		t.Errorf("menu offers the request without the request feature: %v", h.Buttons(p))
	}
	h.Send(p, "/beratung")
	h.Expect(p, h.Tr("de", "hint.unknown_command", nil))
}

func TestRequestCommandInsideAFlow(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5601, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	prompt := h.Tr("de", "request.department_prompt", nil)
	h.Send(p, "/beratung")
	h.Expect(p, prompt)
	h.Send(p, "/beratung")
	h.Expect(p, h.Tr("de", "flow.busy", nil), prompt)
}

func TestRequestLongestAnswersFitTheSummary(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5701, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	requestUntilSummary(h, p, "de", nil)
	long := map[string]string{}
	for _, f := range []struct {
		field string
		n     int
	}{{"field.details", 2000}, {"field.goal", 1000}, {"field.target_groups", 1000}, {"field.associations", 1000}} {
		long[f.field] = strings.Repeat("ä", f.n-5) + " <ß>\n"
		editField(h, p, "de", f.field)
		h.Send(p, long[f.field])
	}
	// Each cut to one line: the summary fits one phone screen.
	h.Expect(p, "<b>"+h.Tr("de", "field.details", nil)+":</b> "+strings.Repeat("ä", 35)+"…\n")
	h.Press(p, h.Plain("de", "btn.confirm", nil))
	list, err := h.DB.ListByRequester(context.Background(), h.UserID(p))
	if err != nil || len(list) != 1 {
		t.Fatalf("requests: %d, %v", len(list), err)
	}
	r := list[0]
	if r.Description != strings.TrimSpace(long["field.details"]) || r.Goal != strings.TrimSpace(long["field.goal"]) ||
		r.TargetGroups != strings.TrimSpace(long["field.target_groups"]) || r.Associations != strings.TrimSpace(long["field.associations"]) {
		t.Errorf("long answers not stored in full: description of %d characters", len([]rune(r.Description)))
	}
}

func TestRequestEditFromSummaryDropsFieldsNoLongerAsked(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5801, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	requestUntilSummary(h, p, "de", nil)
	editField(h, p, "de", "field.format")
	h.Press(p, h.Plain("de", "mode.online", nil))
	editField(h, p, "de", "field.topic")
	h.Press(p, h.Plain("de", "topic.events_pr", nil))
	summary := h.Expect(p, "Hattingen").Text
	for _, gone := range []string{h.Tr("de", "field.place", nil), h.Tr("de", "field.topic_other", nil)} {
		if strings.Contains(summary, "<b>"+gone+":</b>") {
			t.Errorf("summary still lists %s:\n%s", gone, summary)
		}
	}
	h.Press(p, h.Plain("de", "btn.confirm", nil))
	list, err := h.DB.ListByRequester(context.Background(), h.UserID(p))
	if err != nil || len(list) != 1 {
		t.Fatalf("requests: %d, %v", len(list), err)
	}
	if r := list[0]; r.Format != domain.FormatOnline || r.Place != "" || r.Topic != domain.TopicEventsPR || r.TopicOther != "" {
		t.Errorf("stored format %s place %q topic %s other %q", r.Format, r.Place, r.Topic, r.TopicOther)
	}
}
