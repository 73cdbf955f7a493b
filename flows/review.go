package flows

import (
	"errors"
	"log/slog"
	"slices"
	"strconv"
)

// Durable buttons act on a request named in their callback data
// ("*:<action>:<request id>"), not on a session's prompt: they sit under
// outbox notifications, which no session knows, and stay valid for as long
// as the request allows the action. Nothing in the data is trusted: every
// press loads the request and checks on the server that the user may do
// this to it now, and a status change is conditional on the status, so a
// replayed press finds it decided.

// durableMark is the first part of a durable button's callback data; no
// session nonce looks like it.
const durableMark = "*"

// Durable actions.
const (
	actApprove = "ap" // a coordinator approves
	actAsk     = "qu" // a coordinator asks the requester a question
	actDecline = "de" // a coordinator declines, with a reason
	actView    = "vw" // anyone who may see the request opens its detail
	actAnswer  = "an" // the requester answers the open question
)

// durableButton is a button that does act on request id.
func durableButton(label, act string, id int64) button {
	return button{label: label, action: act, arg: strconv.FormatInt(id, 10), durable: true}
}

// parseDurable returns the action and request id of a press on a durable
// button; false for any other update.
func parseDurable(u Update) (string, int64, bool) {
	if u.Kind != KindButton {
		return "", 0, false
	}
	parts, ok := ParseCallback(u.Data)
	if !ok || len(parts) != 3 || parts[0] != durableMark {
		return "", 0, false
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || id <= 0 {
		return parts[1], 0, true // refused below, like an unknown request
	}
	return parts[1], id, true
}

// durablePress handles a press on a durable button.
func (t *turn) durablePress(act string, id int64) {
	if !t.registered() || t.e.cfg.Requests == nil || id == 0 {
		t.refuse()
		return
	}
	switch act {
	case actApprove:
		t.approve(id)
	case actAsk:
		t.startReview(flowQuestion, id)
	case actDecline:
		t.startReview(flowDecline, id)
	case actAnswer:
		t.startAnswer(id)
	case actView:
		t.showRequest(id)
	default:
		t.refuse()
	}
}

// decisionRows are the coordinator's buttons for an open request r, with
// labels in lang: approve, ask, decline, and the detail unless withView is
// false (the detail shows them itself).
func (t *turn) decisionRows(lang string, r Request, withView bool) [][]button {
	tr := func(key string) string { return t.e.cfg.Texts.T(lang, key, nil) }
	rows := [][]button{
		{durableButton(tr(keyBtnApprove), actApprove, r.ID), durableButton(tr(keyBtnAsk), actAsk, r.ID)},
		{durableButton(tr(keyBtnDecline), actDecline, r.ID)},
	}
	if withView {
		rows[1] = append(rows[1], durableButton(tr(keyBtnDetails), actView, r.ID))
	}
	return rows
}

// reviewTarget loads request id for a coordinator's decision. The role is
// read from the store, not the session, so a role taken away counts at
// once. Anyone else, and an unknown id, is refused alike and nothing
// changes. It reports false when the turn is answered already.
func (t *turn) reviewTarget(id int64) (Request, bool) {
	u, err := t.e.cfg.Requests.UserByID(t.ctx, t.sess.UserID)
	switch {
	case errors.Is(err, ErrNotFound):
		t.refuse()
		return Request{}, false
	case err != nil:
		t.fail(err)
		return Request{}, false
	case !u.Has(RoleCoordinator):
		t.e.cfg.Log.Warn("request decision refused", slog.Int64("request_id", id), slog.Int64("user_id", t.sess.UserID))
		t.refuse()
		return Request{}, false
	}
	r, err := t.e.cfg.Requests.RequestByID(t.ctx, id)
	switch {
	case errors.Is(err, ErrNotFound):
		t.refuse()
		return Request{}, false
	case err != nil:
		t.fail(err)
		return Request{}, false
	}
	return r, true
}

// isOpen reports whether r waits for the programme office's decision.
func isOpen(r Request) bool { return slices.Contains(OpenStatuses, r.Status) }

// decided tells the user that request r was decided before their action
// could: err is the *StatusConflict of the lost race (then it returns
// true, having shown the detail with who decided and when) or another
// error (recorded, true) or nil (false: go on).
func (t *turn) decided(r Request, err error) bool {
	var conflict *StatusConflict
	switch {
	case err == nil:
		return false
	case errors.As(err, &conflict):
		t.tellDecided(r, conflict)
	default:
		t.fail(err)
	}
	return true
}

// tellDecided shows r as it is now, headed by who moved it into its status
// and when, and says so in the toast too.
func (t *turn) tellDecided(r Request, c *StatusConflict) {
	if now, err := t.e.cfg.Requests.RequestByID(t.ctx, r.ID); err == nil {
		r = now
	} else {
		r.Status = c.Status
	}
	who := c.ByName
	switch {
	case c.ByID == t.sess.UserID:
		who = t.tr(keyReviewByYou, nil)
	case c.ByID == 0 || who == "":
		who = t.tr(keyHistoryByOffice, nil)
	}
	data := map[string]any{"Ref": r.Ref, "Status": t.statusName(c.Status), "Who": who,
		"Date": t.e.cfg.Texts.DateTime(t.lang(), c.At, t.e.cfg.Location)}
	t.toast = t.tr(keyReviewDecidedToast, data)
	t.showBelow(t.detailScreen(r, t.tr(keyReviewDecided, data)))
}

// showOrReplace puts s into the pressed message, or sends it as a new one
// when the turn has no pressed message (a typed answer).
func (t *turn) showOrReplace(s screen) { t.present(s, t.u.Kind == KindButton) }

// showBelow sends s as a new message and takes the buttons off the pressed
// one: a decision taken on a notification leaves the notification readable
// and shows its outcome where the user looks, at the end of the chat.
func (t *turn) showBelow(s screen) {
	t.show(s)
	t.clearPressed = t.u.Kind == KindButton
}
