package flows

import (
	"errors"
	"log/slog"
	"strconv"
)

// The conversations of a review: a coordinator types a question or the
// reason of a decline, the requester types the answer to a question. Each
// is one text step and a summary to check it before it is sent; the
// request it is about travels in the flow's data and is checked again at
// the end.

// Flows of a review.
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
	ruleQuestion = textRule{min: 10, max: 1500, multiline: true}
	ruleReason   = textRule{min: 10, max: 1500, multiline: true}
	ruleAnswer   = textRule{min: 2, max: 2000, multiline: true}
)

// reviewFlows returns the question, decline and answer flows.
func reviewFlows() []*flow {
	return []*flow{
		reviewFlow(flowQuestion, keyFieldQuestion, keyReviewQuestionPrompt, keyReviewQuestionSummary, ruleQuestion, finishQuestion),
		reviewFlow(flowDecline, keyFieldReason, keyReviewDeclinePrompt, keyReviewDeclineSummary, ruleReason, finishDecline),
		reviewFlow(flowAnswer, keyFieldAnswer, keyReviewAnswerPrompt, keyReviewAnswerSummary, ruleAnswer, finishAnswer),
	}
}

// reviewFlow declares a one-question review flow.
func reviewFlow(name, label, promptKey, summaryKey string, rule textRule, finish func(t *turn)) *flow {
	st := reqText(dataRevText, label, promptKey, rule)
	st.prompt = func(t *turn) prompt { return prompt{text: t.tr(promptKey, t.reviewData())} }
	return &flow{
		name:  name,
		steps: []step{st},
		summary: func(t *turn, lines string) string {
			data := t.reviewData()
			data["Lines"] = HTML(lines)
			return t.tr(summaryKey, data)
		},
		finish:      finish,
		nextSummary: keyReviewNextSummary,
	}
}

// reviewData fills a review flow's texts.
func (t *turn) reviewData() map[string]any {
	return map[string]any{"Ref": t.get(dataRevRef), "Municipality": t.get(dataRevMuni),
		"Question": excerpt(t.get(dataRevQuestion), noteLen)}
}

// reviewID returns the id of the request the running review flow is about.
func (t *turn) reviewID() int64 {
	id, _ := strconv.ParseInt(t.get(dataRevID), 10, 64)
	return id
}

// reviewBusy answers a press that would start a review flow while a flow
// runs: the same review asks its question again, anything else is told to
// finish or cancel first. It reports false when no flow runs.
func (t *turn) reviewBusy(name string, id int64) bool {
	if t.sess.Flow == "" {
		return false
	}
	if t.sess.Flow != name || t.reviewID() != id {
		t.note(keyFlowBusy)
	}
	t.reprompt()
	return true
}

// startReview starts the question or decline flow on request id for a
// coordinator, below the pressed message. A request decided already is
// shown with who decided.
func (t *turn) startReview(name string, id int64) {
	if t.reviewBusy(name, id) {
		return
	}
	r, ok := t.reviewTarget(id)
	if !ok {
		return
	}
	if !isOpen(r) {
		t.tellDecided(r, t.lastChange(r))
		return
	}
	t.startFlow(t.e.flows[name], map[string]string{
		dataRevID: strconv.FormatInt(r.ID, 10), dataRevRef: r.Ref, dataRevMuni: r.Municipality,
	}, false)
}

// lastChange describes r's last status change as a StatusConflict, to tell
// who decided a request found decided already.
func (t *turn) lastChange(r Request) *StatusConflict {
	c := &StatusConflict{RequestID: r.ID, Status: r.Status, At: r.UpdatedAt}
	events, err := t.e.cfg.Requests.History(t.ctx, r.ID)
	if err != nil {
		t.fail(err)
		return c
	}
	for _, ev := range events {
		if ev.Kind == EventStatus {
			c.ByID, c.ByName, c.At = ev.ActorID, ev.ActorName, ev.At
		}
	}
	return c
}

// finishQuestion sends the coordinator's question to the requester: the
// request moves to "question" (or stays there for a further question).
func finishQuestion(t *turn) {
	r, ok := t.reviewTarget(t.reviewID())
	if !ok {
		return
	}
	text := t.get(dataRevText)
	notify, ok := t.tellRequester(r, text)
	if !ok {
		return
	}
	rs := t.e.cfg.Requests
	var done Request
	var err error
	var conflict *StatusConflict
	if r.Status != StatusQuestion {
		done, err = rs.Transition(t.ctx, r.ID, t.sess.UserID, []Status{StatusSubmitted, StatusInReview},
			StatusQuestion, EventQuestion, text, notify)
	}
	// A further question, also when another coordinator asked meanwhile:
	// questions do not decide, so both reach the requester.
	if r.Status == StatusQuestion || errors.As(err, &conflict) && conflict.Status == StatusQuestion {
		done, err = rs.AddEvent(t.ctx, r.ID, t.sess.UserID, []Status{StatusQuestion}, EventQuestion, text, notify)
	}
	t.endFlow()
	if t.decided(r, err) {
		return
	}
	t.e.cfg.Log.Info("request question asked", slog.Int64("request_id", r.ID), slog.Int64("user_id", t.sess.UserID))
	t.showOrReplace(t.detailScreen(done, t.tr(keyReviewQuestionSent, map[string]any{
		"Ref": done.Ref, "Municipality": done.Municipality})))
}

// finishDecline declines the request with the typed reason, which the
// requester is told.
func finishDecline(t *turn) {
	r, ok := t.reviewTarget(t.reviewID())
	if !ok {
		return
	}
	reason := t.get(dataRevText)
	notify, ok := t.decisionNotify(r, reason)
	if !ok {
		return
	}
	done, err := t.e.cfg.Requests.Transition(t.ctx, r.ID, t.sess.UserID, OpenStatuses, StatusDeclined, EventStatus, reason, notify)
	t.endFlow()
	if t.decided(r, err) {
		return
	}
	t.e.cfg.Log.Info("request declined", slog.Int64("request_id", r.ID), slog.Int64("user_id", t.sess.UserID))
	t.showOrReplace(t.detailScreen(done, t.tr(keyReviewDeclined, map[string]any{"Ref": done.Ref})))
}
