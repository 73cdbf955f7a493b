package flows

import (
	"errors"
	"log/slog"
)

// The coordinator's decisions on a request and what the requester is told
// of them. Each decision is one conditional status change with its history
// row and its notifications in one transaction (RequestStore.Transition):
// of two coordinators deciding at once, one wins and the other is told who
// decided (see decided).

// statusNoteKeys are the texts that tell a requester of a status change and
// what happens next, by the new status.
var statusNoteKeys = map[Status]string{
	StatusQuestion: keyReviewNotifyQuestion,
	StatusApproved: keyReviewNotifyApproved,
	StatusDeclined: keyReviewNotifyDeclined,
}

// approve approves request id for a coordinator and tells the requester.
func (t *turn) approve(id int64) {
	r, ok := t.reviewTarget(id)
	if !ok {
		return
	}
	notify, ok := t.decisionNotify(r, "")
	if !ok {
		return
	}
	done, err := t.e.cfg.Requests.Transition(t.ctx, r.ID, t.sess.UserID, OpenStatuses, StatusApproved, EventStatus, "", notify)
	if t.decided(r, err) {
		return
	}
	t.e.cfg.Log.Info("request approved", slog.Int64("request_id", r.ID), slog.Int64("user_id", t.sess.UserID))
	t.showBelow(t.detailScreen(done, t.tr(keyReviewApproved, map[string]any{"Ref": done.Ref})))
}

// tellRequester returns the notify function of a status change of r: the
// requester is told of the new status, with note (a question or a reason)
// and what happens next. A deleted requester is told nothing. It reports
// false after recording a Store error.
func (t *turn) tellRequester(r Request, note string) (func(Request) []Notification, bool) {
	u, err := t.e.cfg.Requests.UserByID(t.ctx, r.RequesterID)
	if errors.Is(err, ErrNotFound) {
		return nil, true
	}
	if err != nil {
		t.fail(err)
		return nil, false
	}
	return func(r Request) []Notification {
		key, ok := statusNoteKeys[r.Status]
		if !ok {
			return nil
		}
		tr := func(key string) string { return t.e.cfg.Texts.T(t.langOf(u), key, nil) }
		row := []button{durableButton(tr(keyBtnDetails), actView, r.ID)}
		if r.Status == StatusQuestion {
			row = append([]button{durableButton(tr(keyBtnAnswer), actAnswer, r.ID)}, row...)
		}
		rows := [][]button{row}
		return []Notification{t.notification(u, key, map[string]any{
			"Ref": r.Ref, "Note": note, "Topic": HTML(t.topicIn(t.langOf(u), r)),
		}, rows)}
	}, true
}

// decisionNotify returns the notify function of a decision on r: the
// requester is told (tellRequester, with note), and so is every other
// coordinator, who then need not look at the request. It reports false
// after recording a Store error.
func (t *turn) decisionNotify(r Request, note string) (func(Request) []Notification, bool) {
	toRequester, ok := t.tellRequester(r, note)
	if !ok {
		return nil, false
	}
	coords, err := t.e.cfg.Requests.Coordinators(t.ctx)
	if err != nil {
		t.fail(err)
		return nil, false
	}
	var who string
	for _, c := range coords {
		if c.ID == t.sess.UserID {
			who = c.Name
		}
	}
	return func(r Request) []Notification {
		var out []Notification
		if toRequester != nil {
			out = toRequester(r)
		}
		for _, c := range coords {
			if c.ID == t.sess.UserID || c.ID == r.RequesterID {
				continue
			}
			lang := t.langOf(c)
			out = append(out, t.notification(c, keyReviewNotifyDecided, map[string]any{
				"Ref": r.Ref, "Municipality": r.Municipality, "Who": who,
				"Status": t.e.cfg.Texts.T(lang, statusKeys[r.Status], nil),
				"Date":   t.e.cfg.Texts.DateTime(lang, t.now, t.e.cfg.Location),
			}, nil))
		}
		return out
	}, true
}
