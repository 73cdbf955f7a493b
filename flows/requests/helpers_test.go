package requests_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the request tests share: the people, the standard request and the
// presses a test makes beyond those of flowstest.

// person is someone in a private chat with the bot.
type person = flowstest.Person

// The configured coordinators: the first speaks German, the second English
// (see flowstest.H.RegisterCoordinators).
var (
	coordDE = person{ID: flowstest.CoordinatorID}
	coordEN = person{ID: flowstest.Coordinator2ID}
)

// newHarness is the harness with both configured coordinators registered
// first, so that notifications of requests reach them.
func newHarness(t *testing.T) *flowstest.H {
	t.Helper()
	h := flowstest.New(t)
	h.RegisterCoordinators()
	return h
}

// coordinatorOf returns the configured coordinator who speaks lang, and
// the other one with their language.
func coordinatorOf(lang string) (coord, other person, otherLang string) {
	if lang == "en" {
		return coordEN, coordDE, "de"
	}
	return coordDE, coordEN, "en"
}

// registerAdvisor registers p as advisor in German.
func registerAdvisor(h *flowstest.H, p person) {
	h.T.Helper()
	a := flowstest.Advisor
	a.Lang = "de"
	h.Register(p, a)
}

// registerMunicipalOf registers p in German as the municipal contact of
// municipality muni (in North Rhine-Westphalia).
func registerMunicipalOf(h *flowstest.H, p person, muni string) {
	h.T.Helper()
	a := flowstest.Municipal
	a.Lang, a.Muni = "de", muni
	h.Register(p, a)
}

// bad is a wrong answer and a text the bot's reply must contain.
type bad struct{ in, want string }

// badInputs are the wrong answers sent at the text steps of a request,
// by step ("dept", "topic", "desc", "goal", "place", "langs", "assocs").
type badInputs map[string][]bad

// answer checks that the question is promptKey's, sends bad answers, each
// of which must be refused with its text alone (the question stays above),
// then the good one.
func answer(h *flowstest.H, p person, lang, promptKey, good string, bads ...bad) {
	h.T.Helper()
	h.Expect(p, h.Tr(lang, promptKey, nil))
	for _, b := range bads {
		h.SendRefused(p, b.in, b.want)
	}
	h.Send(p, good)
}

// requestUntilSummary walks p from the menu to the summary of a request
// with the standard answers; bads (may be nil) are sent at the text steps.
// The municipality (Hattingen) and the function come from the profile.
func requestUntilSummary(h *flowstest.H, p person, lang string, bads badInputs) {
	h.T.Helper()
	h.Press(p, h.Plain(lang, "btn.request", nil))
	h.Expect(p, h.Tr(lang, "request.intro", nil))
	requestAnswers(h, p, lang, bads)
	h.Expect(p, summaryTitle(h, lang, "Hattingen"))
}

// summaryTitle is the first line of the request's summary for muni.
func summaryTitle(h *flowstest.H, lang, muni string) string {
	return firstLine(h.Tr(lang, "request.summary", map[string]any{"Municipality": muni}))
}

// requestAnswers gives the standard answers from the department on, up to
// the summary; bads (may be nil) are sent at the text steps.
func requestAnswers(h *flowstest.H, p person, lang string, bads badInputs) {
	h.T.Helper()
	tr := func(key string) string { return h.Tr(lang, key, nil) }
	label := func(key string) string { return h.Plain(lang, key, nil) }
	answer(h, p, lang, "request.department_prompt", "Integration & Soziales", bads["dept"]...)
	h.Expect(p, tr("request.topic_prompt"))
	h.SendRefused(p, "Bochum", tr("flow.use_buttons"))
	h.Press(p, label("topic.other_topic"))
	answer(h, p, lang, "request.topic_other_prompt", "Mehrsprachige Bürgerberatung", bads["topic"]...)
	answer(h, p, lang, "request.description_prompt",
		"Wir planen Sprechstunden für <5 Personen & möchten\n\nmehrsprachig beraten.", bads["desc"]...)
	answer(h, p, lang, "request.goal_prompt", "Ein tragfähiges Konzept", bads["goal"]...)
	h.Expect(p, tr("request.format_prompt"))
	h.Press(p, label("mode.on_site"))
	h.Expect(p, tr("timeframe.earliest_prompt"))
	h.Send(p, "01.12.2026")
	h.Send(p, "15.01.27")
	answer(h, p, lang, "request.place_prompt", "Rathaus Hattingen, Raum 4", bads["place"]...)
	answer(h, p, lang, "request.languages_prompt", "Arabisch, Türkisch", bads["langs"]...)
	h.Expect(p, tr("request.target_groups_prompt"))
	h.Press(p, label("btn.skip"))
	answer(h, p, lang, "request.associations_prompt", "Verein <Brücke> e.V.", bads["assocs"]...)
	h.Expect(p, tr("request.tandem_prompt"))
	h.Press(p, label("btn.tandem_yes"))
	h.Expect(p, tr("request.urgency_prompt"))
	h.Press(p, label("urgency.high"))
	h.Expect(p, "<b>"+tr("field.goal")+":</b> Ein tragfähiges Konzept",
		"für &lt;5 Per…\n", "Verein &lt;Brücke&gt; e.V.", "Arabisch, Türkisch")
	if m := h.Last(p); strings.Contains(m.Text, "<b>"+tr("field.target_groups")+":</b>") {
		h.T.Errorf("the summary lists the target groups skipped:\n%s", m.Text)
	}
}

// submitRequest walks p through the request flow (the standard answers)
// and returns the stored request.
func submitRequest(t *testing.T, h *flowstest.H, p person, lang string) domain.Request {
	t.Helper()
	requestUntilSummary(h, p, lang, nil)
	h.Press(p, h.Plain(lang, "btn.confirm", nil))
	h.Expect(p, h.Tr(lang, "request.submitted", map[string]any{"Ref": "MG-2026-0001"}))
	return checkStoredRequest(t, h, p)
}

// editField presses the summary's edit button and then the field labelled
// by fieldKey.
func editField(h *flowstest.H, p person, lang, fieldKey string) {
	h.T.Helper()
	h.Change(p, lang, h.Plain(lang, fieldKey, nil))
}

// berlin is the time zone the bot shows dates in.
func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// menuArg presses, on p's current prompt with its current nonce, a menu
// button with argument arg, as a forged callback would, and returns the
// toast.
func menuArg(t *testing.T, h *flowstest.H, p person, arg string) string {
	t.Helper()
	s := h.Session(p)
	if s.Prompt == 0 {
		t.Fatalf("chat %d has no current prompt", p.ID)
	}
	data, err := engine.CallbackData(strconv.FormatUint(uint64(s.Nonce), 36), "m", arg)
	if err != nil {
		t.Fatal(err)
	}
	toast := h.PressData(p, s.Prompt, data)
	if h.Err != nil {
		t.Fatalf("Handle: %v", h.Err)
	}
	return toast
}

// durableData is the data of a durable button of feature "rq" with action
// act on arg (maybe forged).
func durableData(t *testing.T, act, arg string) string {
	t.Helper()
	data, err := engine.CallbackData("*", "rq", act, arg)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// durable presses a durable button that acts on request id, as a forged
// or replayed callback would, on the newest message, and returns the toast.
func durable(h *flowstest.H, p person, act string, id int64) string {
	h.T.Helper()
	return h.PressData(p, h.Last(p).ID, durableData(h.T, act, strconv.FormatInt(id, 10)))
}

// pressBelow presses the button labelled label on the newest message that
// shows it, checks that the outcome came as a new message and the pressed
// one lost its buttons, and returns the toast and the new message.
func pressBelow(h *flowstest.H, p person, label string) (string, flowstest.Sent) {
	h.T.Helper()
	id, data := h.Find(p, label)
	toast := h.PressData(p, id, data)
	if m := h.Message(p, id); len(m.Buttons) != 0 {
		h.T.Errorf("the pressed message kept its buttons: %q", m.Buttons)
	}
	m := h.Last(p)
	if m.ID == id {
		h.T.Fatalf("no new message after pressing %q", label)
	}
	return toast, m
}

// replayBelow presses, on message msgID of p's chat, the durable button
// act on request id that the message showed before a restyle took it away
// (a press sent before the edit arrived), checks that the outcome came as
// a new message, and returns the toast and the new message.
func replayBelow(h *flowstest.H, p person, msgID int, act string, id int64) (string, flowstest.Sent) {
	h.T.Helper()
	toast := h.PressData(p, msgID, durableData(h.T, act, strconv.FormatInt(id, 10)))
	h.NoError()
	m := h.Last(p)
	if m.ID == msgID {
		h.T.Fatalf("no new message after replaying %q", act)
	}
	return toast, m
}

// firstWith returns the oldest message of p's chat that contains text.
func firstWith(h *flowstest.H, p person, text string) flowstest.Sent {
	h.T.Helper()
	for _, m := range h.Msgr.Messages(p.ID) {
		if strings.Contains(m.Text, text) {
			return m
		}
	}
	h.T.Fatalf("no message of chat %d contains %q", p.ID, text)
	return flowstest.Sent{}
}

// firstLine is the first line of a text.
func firstLine(s string) string { return strings.Split(s, "\n")[0] }

// approvedLine is the first line of the approval the requester of r gets.
func approvedLine(h *flowstest.H, lang string, r domain.Request) string {
	return firstLine(h.Tr(lang, "review.notify_approved", map[string]any{"Ref": r.Ref,
		"Topic": engine.HTML(h.Tr(lang, "topic.other_topic", nil) + ": Mehrsprachige Bürgerberatung")}))
}

// wantIn fails unless message m contains every text.
func wantIn(t *testing.T, m flowstest.Sent, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(m.Text, s) {
			t.Fatalf("message lacks %q:\n%s", s, m.Text)
		}
	}
}
