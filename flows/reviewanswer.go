package flows

import (
	"errors"
	"log/slog"
	"slices"
	"strconv"
)

// The requester's answer to a question of the programme office, threaded
// back to the coordinator who asked it.

// answerable are the statuses in which an answer still reaches the office.
var answerable = cancellable

// startAnswer starts the answer flow on request id for its requester or a
// colleague, showing the last question again. A request that no longer
// waits for an answer is shown with its status.
func (t *turn) startAnswer(id int64) {
	if t.reviewBusy(flowAnswer, id) {
		return
	}
	r, ok := t.ownRequest(id, "answer")
	if !ok {
		return
	}
	events, err := t.e.cfg.Requests.History(t.ctx, r.ID)
	if err != nil {
		t.fail(err)
		return
	}
	var q *RequestEvent
	for i := range events {
		if events[i].Kind == EventQuestion {
			q = &events[i]
		}
	}
	if q == nil { // nobody asked: not a button we made
		t.refuse()
		return
	}
	if !slices.Contains(answerable, r.Status) {
		t.showOrReplace(t.detailScreen(r, t.tr(keyReviewAnswerTooLate, map[string]any{
			"Ref": r.Ref, "Status": t.statusName(r.Status)})))
		return
	}
	t.sess.Flags = []string{"requester"}
	t.startFlow(t.e.flows[flowAnswer], map[string]string{
		dataRevID: strconv.FormatInt(r.ID, 10), dataRevRef: r.Ref, dataRevMuni: r.Municipality,
		dataRevQuestion: q.Note, dataRevAsker: strconv.FormatInt(q.ActorID, 10),
	}, false)
}

// finishAnswer sends the answer to the coordinator who asked (to every
// coordinator when that one is gone), with the decision buttons; an open
// question moves the request back to "in review".
func finishAnswer(t *turn) {
	r, ok := t.ownRequest(t.reviewID(), "answer")
	if !ok {
		return
	}
	to, ok := t.askerOrCoordinators()
	if !ok {
		return
	}
	answer, question := t.get(dataRevText), t.get(dataRevQuestion)
	notify := func(r Request) []Notification {
		out := make([]Notification, 0, len(to))
		for _, c := range to {
			var rows [][]button
			if isOpen(r) {
				rows = t.decisionRows(t.langOf(c), r, true)
			}
			out = append(out, t.notification(c, keyReviewNotifyAnswer, map[string]any{
				"Ref": r.Ref, "Municipality": r.Municipality,
				"Question": excerpt(question, noteLen), "Answer": answer}, rows))
		}
		return out
	}
	rs := t.e.cfg.Requests
	var done Request
	var err error
	if r.Status == StatusQuestion {
		done, err = rs.Transition(t.ctx, r.ID, t.sess.UserID, []Status{StatusQuestion}, StatusInReview, EventAnswer, answer, notify)
	} else {
		done, err = rs.AddEvent(t.ctx, r.ID, t.sess.UserID, answerable, EventAnswer, answer, notify)
	}
	t.endFlow()
	if t.decided(r, err) {
		return
	}
	t.e.cfg.Log.Info("request question answered", slog.Int64("request_id", r.ID), slog.Int64("user_id", t.sess.UserID))
	t.showOrReplace(t.detailScreen(done, t.tr(keyReviewAnswerSent, map[string]any{"Ref": done.Ref})))
}

// askerOrCoordinators returns who gets the answer: the coordinator who
// asked, or every coordinator when that one is gone or no longer one. It
// reports false after recording a Store error.
func (t *turn) askerOrCoordinators() ([]User, bool) {
	asker, _ := strconv.ParseInt(t.get(dataRevAsker), 10, 64)
	u, err := t.e.cfg.Requests.UserByID(t.ctx, asker)
	switch {
	case err == nil && u.Has(RoleCoordinator):
		return []User{u}, true
	case err != nil && !errors.Is(err, ErrNotFound):
		t.fail(err)
		return nil, false
	}
	all, err := t.e.cfg.Requests.Coordinators(t.ctx)
	if err != nil {
		t.fail(err)
		return nil, false
	}
	return all, true
}

// textOutsideFlow answers text typed outside a conversation. A municipal
// contact (with requests of their own, so that stray text of everyone else
// costs no query) whose request waits for an answer most likely typed the
// answer:
// it goes into the answer flow of the newest such request, which shows it
// for confirmation (or asks again when it does not fit). Everyone else is
// told that no question is open.
func (t *turn) textOutsideFlow(text string) {
	if len(t.sess.Flags) > 0 && t.canRequest() {
		list, err := t.e.cfg.Requests.ListByRequester(t.ctx, t.sess.UserID)
		if err != nil {
			t.fail(err)
			return
		}
		for _, r := range list {
			if r.Status == StatusQuestion {
				t.startAnswer(r.ID)
				if t.sess.Flow == flowAnswer {
					t.answer(input{text: text})
				}
				return
			}
		}
	}
	t.note(keyHintNoQuestion)
}
