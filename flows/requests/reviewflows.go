package requests

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The conversations of a review: a coordinator types a question or the
// reason of a decline, the requester types the answer to a question. Each
// is one text step and a summary to check it before it is sent; the
// request it is about travels in the flow's data and is checked again at
// the end.

// Flows of a review; their names are stored in sessions: keep them.
const (
	flowQuestion = "question"
	flowDecline  = "decline"
	flowAnswer   = "answer"
)

// Answers of the review flows.
const (
	dataRevID       = "rid"      // the request's id
	dataRevRef      = "ref"      // its reference, for the texts
	dataRevMuni     = "muni"     // its municipality, for the texts
	dataRevQuestion = "question" // the question being answered
	dataRevAsker    = "asker"    // users.id of who asked it
	dataRevText     = "text"     // what the user typed
)

var (
	ruleQuestion = engine.TextRule{Min: 10, Max: 1500, Multiline: true}
	ruleReason   = engine.TextRule{Min: 10, Max: 1500, Multiline: true}
	ruleAnswer   = engine.TextRule{Min: 2, Max: 2000, Multiline: true}
)

// reviewFlows returns the question, decline and answer flows.
func (d Deps) reviewFlows() []*engine.Flow {
	return []*engine.Flow{
		reviewFlow(flowQuestion, keyFieldQuestion, keyReviewQuestionPrompt, keyReviewQuestionSummary, ruleQuestion, d.finishQuestion),
		reviewFlow(flowDecline, keyFieldReason, keyReviewDeclinePrompt, keyReviewDeclineSummary, ruleReason, d.finishDecline),
		reviewFlow(flowAnswer, keyFieldAnswer, keyReviewAnswerPrompt, keyReviewAnswerSummary, ruleAnswer, d.finishAnswer),
	}
}

// reviewFlow declares a one-question review flow.
func reviewFlow(name, label, promptKey, summaryKey string, rule engine.TextRule, finish func(t *engine.Turn)) *engine.Flow {
	st := engine.RuleStep(dataRevText, label, promptKey, rule)
	st.Prompt = func(t *engine.Turn) engine.Prompt { return engine.Prompt{Text: t.T(promptKey, reviewData(t))} }
	return &engine.Flow{
		Name:  name,
		Title: label,
		Steps: []engine.Step{st},
		Summary: func(t *engine.Turn, lines string) string {
			data := reviewData(t)
			data["Lines"] = engine.HTML(lines)
			return t.T(summaryKey, data)
		},
		Finish:      finish,
		NextSummary: keyReviewNextSummary,
	}
}

// reviewData fills a review flow's texts.
func reviewData(t *engine.Turn) map[string]any {
	return map[string]any{"Ref": t.Get(dataRevRef), "Municipality": t.Get(dataRevMuni),
		"Question": engine.Excerpt(t.Get(dataRevQuestion), noteLen)}
}

// reviewID returns the id of the request the running review flow is about.
func reviewID(t *engine.Turn) int64 {
	id, _ := strconv.ParseInt(t.Get(dataRevID), 10, 64)
	return id
}

// reviewBusy answers a press that would start a review flow while a flow
// runs: the same review asks its question again, anything else is told to
// finish or cancel first. It reports false when no flow runs.
func reviewBusy(t *engine.Turn, name string, id int64) bool {
	if t.InFlow() == "" {
		return false
	}
	if t.InFlow() != name || reviewID(t) != id {
		t.Note(engine.KeyFlowBusy, nil)
	}
	t.Reprompt()
	return true
}

// openDecision loads request id for a coordinator about to decide it,
// when no other flow than the review flow name runs ("" for none) and the
// request still waits for a decision; otherwise it says why (busy, refused,
// or decided by whom) and reports false.
func (d Deps) openDecision(t *engine.Turn, name string, id int64) (domain.Request, domain.Actor, bool) {
	if reviewBusy(t, name, id) {
		return domain.Request{}, domain.Actor{}, false
	}
	r, a, ok := d.reviewTarget(t, id)
	if !ok {
		return domain.Request{}, domain.Actor{}, false
	}
	if !domain.CanDecide(a, r) {
		d.tellDecided(t, a, r, d.lastChange(t, r))
		return domain.Request{}, domain.Actor{}, false
	}
	return r, a, true
}

// startReview starts the question or decline flow on request id for a
// coordinator, below the pressed message. A request decided already is
// shown with who decided.
func (d Deps) startReview(t *engine.Turn, name string, id int64) {
	r, _, ok := d.openDecision(t, name, id)
	if !ok {
		return
	}
	t.StartFlow(name, map[string]string{
		dataRevID: strconv.FormatInt(r.ID, 10), dataRevRef: r.Ref, dataRevMuni: r.Municipality,
	}, false)
}

// finishQuestion sends the coordinator's question to the requester: the
// request moves to "question" (or stays there for a further question).
func (d Deps) finishQuestion(t *engine.Turn) {
	r, a, ok := d.reviewTarget(t, reviewID(t))
	if !ok {
		return
	}
	text := t.Get(dataRevText)
	toRequester, ok := d.tellRequester(t, r, text)
	if !ok {
		return
	}
	notify := withRestyles(t, toRequester)
	var done domain.Request
	var err error
	var conflict *domain.StatusConflict
	if r.Status != domain.StatusQuestion {
		done, err = d.Requests.Transition(t.Ctx(), r.ID, a.ID, []domain.Status{domain.StatusSubmitted, domain.StatusInReview},
			domain.StatusQuestion, domain.EventQuestion, text, notify)
	}
	// A further question, also when another coordinator asked meanwhile:
	// questions do not decide, so both reach the requester.
	if r.Status == domain.StatusQuestion || errors.As(err, &conflict) && conflict.Status == domain.StatusQuestion {
		done, err = d.Requests.AddEvent(t.Ctx(), r.ID, a.ID, []domain.Status{domain.StatusQuestion}, domain.EventQuestion, text, notify)
	}
	t.EndFlow()
	if d.decided(t, a, r, err) {
		return
	}
	t.Log().Info("request question asked", slog.Int64("request_id", r.ID), slog.Int64("user_id", a.ID))
	if s, ok := d.detailScreen(t, a, done, t.T(keyReviewQuestionSent, map[string]any{
		"Ref": done.Ref, "Municipality": done.Municipality})); ok {
		t.ShowOrReplace(s)
	}
}

// finishDecline declines the request with the typed reason, which the
// requester is told.
func (d Deps) finishDecline(t *engine.Turn) {
	r, a, ok := d.reviewTarget(t, reviewID(t))
	if !ok {
		return
	}
	reason := t.Get(dataRevText)
	notify, ok := d.decisionNotify(t, a, r, reason)
	if !ok {
		return
	}
	done, err := d.Requests.Transition(t.Ctx(), r.ID, a.ID, domain.OpenStatuses, domain.StatusDeclined, domain.EventStatus, reason,
		withRestyles(t, notify))
	t.EndFlow()
	if d.decided(t, a, r, err) {
		return
	}
	t.Log().Info("request declined", slog.Int64("request_id", r.ID), slog.Int64("user_id", a.ID))
	if s, ok := d.detailScreen(t, a, done, t.T(keyReviewDeclined, map[string]any{"Ref": done.Ref})); ok {
		t.ShowOrReplace(s)
	}
}
