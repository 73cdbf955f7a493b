package flows_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

func TestRequestBadInputAtEveryTextStep(t *testing.T) {
	h, _ := newRequestHarness(t)
	p := person{ID: 5101, LangHint: "de"}
	registerMunicipal(h, p, "de")
	length := func(min, max, n int) string {
		return h.tr("de", "request.length", map[string]any{"Min": min, "Max": max, "Count": n})
	}
	tr := func(key string) string { return h.tr("de", key, nil) }
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
	h.press(p, h.tr("de", "btn.edit", map[string]any{"Field": flows.HTML(tr("field.urgency"))}))
	h.send(p, "sehr dringend")
	h.expect(p, tr("flow.use_buttons"), tr("request.urgency_prompt"))
}

// confirmButton returns the message id and data of the summary's confirm
// button.
func confirmButton(h *harness, p person) (int, string) {
	h.t.Helper()
	m := h.last(p)
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Label == h.tr("de", "btn.confirm", nil) {
				return m.ID, b.Data
			}
		}
	}
	h.t.Fatalf("no confirm button on:\n%s", m.Text)
	return 0, ""
}

func TestRequestDoubleSubmitCreatesOneRequest(t *testing.T) {
	h, _ := newRequestHarness(t)
	p := person{ID: 5201, LangHint: "de"}
	registerMunicipal(h, p, "de")
	requestUntilSummary(h, p, "de", nil)
	before := h.session(p)
	id, data := confirmButton(h, p)
	submitted := h.tr("de", "request.submitted", map[string]any{"Ref": "MG-2026-0001"})

	h.pressData(p, id, data)
	h.noError()
	h.expect(p, submitted)
	if toast := h.pressData(p, id, data); toast != h.tr("de", "flow.stale", nil) {
		t.Errorf("second tap: toast %q", toast)
	}
	// The same update handled again, as if the first handling's session had
	// never been saved (a redelivery after a crash). Telegram refuses to
	// edit the pressed message into what it already shows.
	h.msgr.refuseEdits = true
	again := before
	again.Data = maps.Clone(before.Data)
	u := h.update(p, flows.KindButton)
	u.ID, u.Data, u.MessageID = 99999, data, id
	if _, err := h.engine.Handle(context.Background(), u, &again); err != nil {
		t.Fatalf("Handle again: %v", err)
	}
	h.expect(p, submitted)
	checkStoredRequest(t, h, p)
	checkCoordinatorNotes(t, h)
}

func TestRequestSubmitWhilePostgresFails(t *testing.T) {
	h, rs := newRequestHarness(t)
	p := person{ID: 5301, LangHint: "de"}
	registerMunicipal(h, p, "de")
	requestUntilSummary(h, p, "de", nil)
	rs.failNextSubmit()
	h.errorsAllowed(func() { h.press(p, h.tr("de", "btn.confirm", nil)) })
	if h.err == nil {
		t.Fatal("Handle returned no error for a failed submit")
	}
	h.expect(p, h.tr("de", "error.technical", nil))
	if s := h.session(p); s.Flow != "request" || s.Step != "summary" || s.Data["desc"] == "" {
		t.Fatalf("draft lost: %+v", s)
	}
	if n, _ := h.db.PendingOutbox(context.Background()); n != 0 {
		t.Errorf("outbox holds %d messages after a failed submit", n)
	}
	h.press(p, h.tr("de", "btn.confirm", nil))
	h.expect(p, h.tr("de", "request.submitted", map[string]any{"Ref": "MG-2026-0001"}))
	checkStoredRequest(t, h, p)
	checkCoordinatorNotes(t, h)
}

func TestOnlyMunicipalContactsRequest(t *testing.T) {
	h, _ := newRequestHarness(t)
	stranger := person{ID: 5401}
	h.send(stranger, "/beratung")
	h.expect(stranger, h.tr("de", "hint.not_registered", nil))

	p := person{ID: 5402}
	registerAdvisor(h, p)
	if slices.Contains(h.buttons(p), h.tr("de", "btn.request", nil)) {
		t.Errorf("an advisor's menu offers the request: %v", h.buttons(p))
	}
	h.send(p, "/beratung")
	h.expect(p, h.tr("de", "request.refused", nil))

	// A forged menu press with the current nonce is refused too.
	h.send(p, "/menu")
	menu := h.last(p)
	nonce, _, _ := strings.Cut(menu.Buttons[0][0].Data, ":")
	h.pressData(p, menu.ID, nonce+":m:request")
	h.noError()
	h.expect(p, h.tr("de", "request.refused", nil))
	if s := h.session(p); s.Flow != "" {
		t.Errorf("the flow started for an advisor: %+v", s)
	}
	if n, _ := h.db.PendingOutbox(context.Background()); n != 0 {
		t.Errorf("outbox holds %d messages", n)
	}
}

func TestRequestsNotOfferedWithoutRequestStore(t *testing.T) {
	h := newHarness(t) // no Requests in its EngineConfig
	p := person{ID: 5501, LangHint: "de"}
	registerMunicipal(h, p, "de")
	if slices.Contains(h.buttons(p), h.tr("de", "btn.request", nil)) {
		t.Errorf("menu offers the request without a RequestStore: %v", h.buttons(p))
	}
	h.send(p, "/beratung")
	h.expect(p, h.tr("de", "hint.unknown_command", nil))
}

func TestRequestCommandInsideAFlow(t *testing.T) {
	h, _ := newRequestHarness(t)
	p := person{ID: 5601, LangHint: "de"}
	registerMunicipal(h, p, "de")
	h.send(p, "/beratung")
	h.expect(p, h.tr("de", "request.municipality_prompt", map[string]any{"Municipality": "Hattingen"}))
	h.send(p, "/beratung")
	h.expect(p, h.tr("de", "flow.busy", nil), h.tr("de", "request.municipality_prompt", map[string]any{"Municipality": "Hattingen"}))
}

func TestRequestLongestAnswersFitTheSummary(t *testing.T) {
	h, _ := newRequestHarness(t)
	p := person{ID: 5701, LangHint: "de"}
	registerMunicipal(h, p, "de")
	requestUntilSummary(h, p, "de", nil)
	long := map[string]string{}
	for _, f := range []struct {
		field string
		n     int
	}{{"field.details", 2000}, {"field.goal", 1000}, {"field.target_groups", 1000}, {"field.associations", 1000}} {
		long[f.field] = strings.Repeat("ä", f.n-5) + " <ß>\n"
		h.press(p, h.tr("de", "btn.edit", map[string]any{"Field": flows.HTML(h.tr("de", f.field, nil))}))
		h.send(p, long[f.field])
	}
	// The recorder fails the test for a message longer than Telegram allows.
	h.expect(p, strings.Repeat("ä", 300)+"…")
	h.press(p, h.tr("de", "btn.confirm", nil))
	u, _ := h.user(p)
	list, err := h.db.ListByRequester(context.Background(), u.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("requests: %d, %v", len(list), err)
	}
	r := list[0]
	want := strings.TrimSpace(long["field.details"])
	if r.Description != want || r.Goal != strings.TrimSpace(long["field.goal"]) ||
		r.TargetGroups != strings.TrimSpace(long["field.target_groups"]) || r.Associations != strings.TrimSpace(long["field.associations"]) {
		t.Errorf("long answers not stored in full: description of %d characters", len([]rune(r.Description)))
	}
}

func TestRequestEditFromSummaryDropsFieldsNoLongerAsked(t *testing.T) {
	h, _ := newRequestHarness(t)
	p := person{ID: 5801, LangHint: "de"}
	registerMunicipal(h, p, "de")
	requestUntilSummary(h, p, "de", nil)
	edit := func(field string) {
		h.press(p, h.tr("de", "btn.edit", map[string]any{"Field": flows.HTML(h.tr("de", field, nil))}))
	}
	edit("field.format")
	h.press(p, h.tr("de", "mode.online", nil))
	edit("field.topic")
	h.press(p, h.tr("de", "topic.events_pr", nil))
	summary := h.expect(p, "Hattingen").Text
	for _, gone := range []string{h.tr("de", "field.place", nil), h.tr("de", "field.topic_other", nil)} {
		if strings.Contains(summary, "<b>"+gone+":</b>") {
			t.Errorf("summary still lists %s:\n%s", gone, summary)
		}
	}
	h.press(p, h.tr("de", "btn.confirm", nil))
	u, _ := h.user(p)
	list, err := h.db.ListByRequester(context.Background(), u.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("requests: %d, %v", len(list), err)
	}
	if r := list[0]; r.Format != flows.FormatOnline || r.Place != "" || r.Topic != flows.TopicEventsPR || r.TopicOther != "" {
		t.Errorf("stored format %s place %q topic %s other %q", r.Format, r.Place, r.Topic, r.TopicOther)
	}
}
