package requests

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The review: coordinators approve, ask or decline from durable buttons
// ("*:rq:<action>:<request id>") that sit under outbox notifications and
// stay valid for as long as the request allows the action. Nothing in the
// data is trusted: every press loads the request and the acting user and
// asks the policy functions, and a status change is conditional on the
// status, so a replayed press finds it decided.

// decisionRows are the coordinator's buttons for an open request r, with
// labels in lang: approve, ask, decline, and the detail unless withView is
// false (the detail shows them itself).
func decisionRows(texts *engine.Texts, lang string, r domain.Request, withView bool) [][]engine.Button {
	tr := func(key string) string { return texts.Plain(lang, key, nil) }
	rows := [][]engine.Button{
		{engine.DurableButton(tr(keyBtnApprove), feature, actApprove, r.ID), engine.DurableButton(tr(keyBtnAsk), feature, actAsk, r.ID)},
		{engine.DurableButton(tr(keyBtnDecline), feature, actDecline, r.ID)},
	}
	if withView {
		rows[1] = append(rows[1], detailsButton(texts, lang, r.ID))
	}
	return rows
}

// reviewTarget loads request id for a coordinator's decision, with the
// acting user read from Postgres, so a role taken away counts at once.
// Anyone else, and an unknown id, is refused alike and nothing changes.
func (d Deps) reviewTarget(t *engine.Turn, id int64) (domain.Request, domain.Actor, bool) {
	return d.load(t, id, "decide", mayReview)
}

// decided tells the user that request r was decided before their action
// could: err is the *StatusConflict of the lost race (then it returns
// true, having shown the detail with who decided and when) or another
// error (recorded, true) or nil (false: go on).
func (d Deps) decided(t *engine.Turn, a domain.Actor, r domain.Request, err error) bool {
	var conflict *domain.StatusConflict
	switch {
	case err == nil:
		return false
	case errors.As(err, &conflict):
		d.tellDecided(t, a, r, conflict)
	default:
		t.Fail(err)
	}
	return true
}

// tellDecided shows r as it is now, headed by who moved it into its status
// and when, and says so in the toast too.
func (d Deps) tellDecided(t *engine.Turn, a domain.Actor, r domain.Request, c *domain.StatusConflict) {
	if now, err := d.Requests.RequestByID(t.Ctx(), r.ID); err == nil {
		r = now
	} else {
		r.Status = c.Status
	}
	who := c.ByName
	switch {
	case c.ByID == a.ID:
		who = t.Plain(keyReviewByYou, nil)
	case c.ByID == 0 || who == "":
		who = t.Plain(keyHistoryByOffice, nil)
	}
	data := map[string]any{"Ref": r.Ref, "Status": statusName(t, c.Status), "Who": who, "Date": t.DateTime(c.At)}
	t.Toast(t.Plain(keyReviewDecidedToast, data))
	if s, ok := d.detailScreen(t, a, r, t.T(keyReviewDecided, data)); ok {
		t.ShowBelow(s)
	}
}

// lastChange describes r's last status change as a StatusConflict, to tell
// who decided a request found decided already.
func (d Deps) lastChange(t *engine.Turn, r domain.Request) *domain.StatusConflict {
	c := &domain.StatusConflict{RequestID: r.ID, Status: r.Status, At: r.UpdatedAt}
	events, err := d.Requests.History(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return c
	}
	for _, ev := range events {
		if ev.Kind == domain.EventStatus {
			c.ByID, c.ByName, c.At = ev.ActorID, ev.ActorName, ev.At
		}
	}
	return c
}

// statusNoteKeys are the texts that tell a requester of a status change and
// what happens next, by the new status.
var statusNoteKeys = map[domain.Status]string{
	domain.StatusQuestion: keyReviewNotifyQuestion,
	domain.StatusApproved: keyReviewNotifyApproved,
	domain.StatusDeclined: keyReviewNotifyDeclined,
}

// askApprove asks a coordinator, below the pressed message, whether to
// approve request id, saying what will happen, with the approval and a
// way back to the request (its detail, with the decisions); as the
// decline does, it asks before anything changes. The pressed message keeps
// its text and loses its buttons: the decision goes on below. A request
// decided already is shown with who decided.
func (d Deps) askApprove(t *engine.Turn, id int64) {
	r, _, ok := d.openDecision(t, "", id)
	if !ok {
		return
	}
	t.ShowBelow(engine.Screen{
		About: aboutRequest(r.ID, kindView),
		Text:  t.T(keyReviewApproveAsk, map[string]any{"Ref": r.Ref, "Municipality": r.Municipality}),
		Rows: [][]engine.Button{
			{engine.ScreenButtonID(t.Plain(keyBtnApproveYes, nil), screenApproveYes, r.ID)},
			{engine.ScreenButtonID(t.Plain(keyBtnBackToRequest, nil), screenDetail, r.ID)},
		},
	})
}

// approve approves request id for a coordinator who confirmed it, tells
// the requester and the other coordinators, and shows the outcome in the
// question's place.
func (d Deps) approve(t *engine.Turn, id int64) {
	r, a, ok := d.reviewTarget(t, id)
	if !ok {
		return
	}
	notify, ok := d.decisionNotify(t, a, r, "")
	if !ok {
		return
	}
	done, err := d.Requests.Transition(t.Ctx(), r.ID, a.ID, domain.OpenStatuses, domain.StatusApproved, domain.EventStatus, "",
		withRestyles(t, notify))
	if d.decided(t, a, r, err) {
		return
	}
	t.Log().Info("request approved", slog.Int64("request_id", r.ID), slog.Int64("user_id", a.ID))
	if d.Offer.Approved != nil { // on to the shortlist, in the question's place
		d.Offer.Approved(t, done, t.T(keyReviewApproved, map[string]any{"Ref": done.Ref}))
		return
	}
	if s, ok := d.detailScreen(t, a, done, t.T(keyReviewApproved, map[string]any{"Ref": done.Ref})); ok {
		t.Replace(s)
	}
}

// tellRequester returns the notify function of a status change of r: the
// requester is told of the new status, with note (a question or a reason)
// and what happens next. A deleted requester is told nothing. It reports
// false after recording a store error.
func (d Deps) tellRequester(t *engine.Turn, r domain.Request, note string) (func(domain.Request) []domain.Notification, bool) {
	u, err := d.Users.UserByID(t.Ctx(), r.RequesterID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, true
	}
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	notes, texts := t.Notifier(), t.Texts()
	return func(r domain.Request) []domain.Notification {
		key, ok := statusNoteKeys[r.Status]
		if !ok {
			return nil
		}
		lang := notes.LangOf(u)
		n := notes.Notification(u, key, map[string]any{
			"Ref": r.Ref, "Note": note, "Topic": engine.HTML(topicIn(texts, lang, r)),
		}, answerRows(texts, lang, r))
		if r.Status == domain.StatusQuestion {
			n = n.Regarding(aboutRequest(r.ID, kindAnswer))
		}
		return []domain.Notification{n}
	}, true
}

// decisionNotify returns the notify function of a decision on r by a: the
// requester is told (tellRequester, with note), and so is every other
// coordinator, who then need not look at the request. It reports false
// after recording a store error.
func (d Deps) decisionNotify(t *engine.Turn, a domain.Actor, r domain.Request, note string) (func(domain.Request) []domain.Notification, bool) {
	toRequester, ok := d.tellRequester(t, r, note)
	if !ok {
		return nil, false
	}
	coords, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	notes, texts, now := t.Notifier(), t.Texts(), t.Now()
	return func(r domain.Request) []domain.Notification {
		var out []domain.Notification
		if toRequester != nil {
			out = toRequester(r)
		}
		for _, c := range coords {
			if c.ID == a.ID || c.ID == r.RequesterID {
				continue
			}
			lang := notes.LangOf(c)
			out = append(out, notes.Notification(c, keyReviewNotifyDecided, map[string]any{
				"Ref": r.Ref, "Municipality": r.Municipality, "Who": a.Name,
				"Status": statusIn(texts, lang, r.Status),
				"Date":   texts.DateTime(lang, now, t.Location()),
			}, nil))
		}
		return out
	}, true
}
