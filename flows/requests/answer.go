package requests

import (
	"errors"
	"log/slog"
	"slices"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The requester's answer to a question of the programme office, threaded
// back to the coordinator who asked it.

// startAnswer starts the answer flow on request id for its requester or a
// colleague, showing the last question again. A request that no longer
// waits for an answer is shown with its status.
func (d Deps) startAnswer(t *engine.Turn, id int64) {
	if reviewBusy(t, flowAnswer, id) {
		return
	}
	r, a, ok := d.load(t, id, "answer", domain.OnRequesterSide)
	if !ok {
		return
	}
	events, err := d.Requests.History(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	var q *domain.RequestEvent
	for i := range events {
		if events[i].Kind == domain.EventQuestion {
			q = &events[i]
		}
	}
	if q == nil { // nobody asked: not a button we made
		t.Refuse(keyMyRequestsForbidden)
		return
	}
	if !domain.CanAnswer(a, r) {
		notice := t.T(keyReviewAnswerTooLate, map[string]any{"Ref": r.Ref, "Status": statusName(t, r.Status)})
		if s, ok := d.detailScreen(t, a, r, notice); ok {
			t.ShowOrReplace(s)
		}
		return
	}
	t.SetFlag(flagRequester)
	t.StartFlow(flowAnswer, map[string]string{
		dataRevID: strconv.FormatInt(r.ID, 10), dataRevRef: r.Ref, dataRevMuni: r.Municipality,
		dataRevQuestion: q.Note, dataRevAsker: strconv.FormatInt(q.ActorID, 10),
	}, false)
}

// finishAnswer sends the answer to the coordinator who asked (to every
// coordinator when that one is gone), with the decision buttons; an open
// question moves the request back to "in review".
func (d Deps) finishAnswer(t *engine.Turn) {
	r, a, ok := d.load(t, reviewID(t), "answer", domain.OnRequesterSide)
	if !ok {
		return
	}
	to, ok := d.askerOrCoordinators(t)
	if !ok {
		return
	}
	answer, question := t.Get(dataRevText), t.Get(dataRevQuestion)
	notes, texts := t.Notifier(), t.Texts()
	notify := func(r domain.Request) []domain.Notification {
		out := make([]domain.Notification, 0, len(to))
		for _, c := range to {
			var rows [][]engine.Button
			var about domain.About // the decisions go when the request is decided
			if r.IsOpen() {
				rows, about = decisionRows(texts, notes.LangOf(c), r, true), aboutRequest(r.ID, kindDecide)
			}
			out = append(out, notes.Notification(c, keyReviewNotifyAnswer, map[string]any{
				"Ref": r.Ref, "Municipality": r.Municipality,
				"Question": engine.Excerpt(question, noteLen), "Answer": answer}, rows).Regarding(about))
		}
		return out
	}
	var done domain.Request
	var err error
	if r.Status == domain.StatusQuestion {
		done, err = d.Requests.Transition(t.Ctx(), r.ID, a.ID, []domain.Status{domain.StatusQuestion},
			domain.StatusInReview, domain.EventAnswer, answer, withRestyles(t, notify))
	} else {
		done, err = d.Requests.AddEvent(t.Ctx(), r.ID, a.ID, domain.AnswerableStatuses, domain.EventAnswer, answer,
			withRestyles(t, notify))
	}
	t.EndFlow()
	if d.decided(t, a, r, err) {
		return
	}
	t.Log().Info("request question answered", slog.Int64("request_id", r.ID), slog.Int64("user_id", a.ID))
	if s, ok := d.detailScreen(t, a, done, t.T(keyReviewAnswerSent, map[string]any{"Ref": done.Ref})); ok {
		t.ShowOrReplace(s)
	}
}

// askerOrCoordinators returns who gets the answer: the coordinator who
// asked, or every coordinator when that one is gone or no longer one. It
// reports false after recording a store error.
func (d Deps) askerOrCoordinators(t *engine.Turn) ([]domain.User, bool) {
	asker, _ := strconv.ParseInt(t.Get(dataRevAsker), 10, 64)
	u, err := d.Users.UserByID(t.Ctx(), asker)
	switch {
	case err == nil && u.Has(domain.RoleCoordinator):
		return []domain.User{u}, true
	case err != nil && !errors.Is(err, domain.ErrNotFound):
		t.Fail(err)
		return nil, false
	}
	all, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	return all, true
}

// typedAnswer takes text typed outside a conversation by someone with
// requests of their own (so that stray text of everyone else costs no
// query) whose request waits for an answer: it most likely is the answer.
// It goes into the answer flow of the newest such request, which shows it
// for confirmation (or asks again when it does not fit). It reports false
// for text that is not for it.
func (d Deps) typedAnswer(t *engine.Turn, text string) bool {
	if !t.Flag(flagRequester) {
		return false
	}
	a, ok := t.Actor()
	if !ok || !domain.CanRequest(a) {
		return false
	}
	list, err := d.Requests.ListByRequester(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return true
	}
	i := slices.IndexFunc(list, func(r domain.Request) bool { return r.Status == domain.StatusQuestion })
	if i < 0 {
		return false
	}
	d.startAnswer(t, list[i].ID)
	if t.InFlow() == flowAnswer {
		t.AnswerText(text)
	}
	return true
}
