package flows

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"
)

// "Meine Anfragen": a municipal contact's list of requests, the detail of
// one with its history, and withdrawing it (see mycancel.go). The request
// id travels in callback data, so every screen checks on the server that
// the user may see (mayView) or cancel (mayCancel) the request.

// listLimit is how many requests the list shows, newest first.
const listLimit = 10

// Prefixes of actMenu arguments that carry a request id: "<prefix>.<id>".
const (
	argDetail    = "rd" // the detail of a request
	argCancelAsk = "rc" // ask whether to withdraw it
	argCancelYes = "ry" // withdraw it
	argSep       = "."
)

// requestArg builds the actMenu argument of prefix for request id.
func requestArg(prefix string, id int64) string {
	return prefix + argSep + strconv.FormatInt(id, 10)
}

// requestButton handles an actMenu argument that names a request. It
// reports false for an argument that is not of this kind.
func (t *turn) requestButton(arg string) bool {
	prefix, raw, ok := strings.Cut(arg, argSep)
	if !ok {
		return false
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 || t.e.cfg.Requests == nil {
		t.staleButton()
		return true
	}
	switch prefix {
	case argDetail:
		t.showRequest(id)
	case argCancelAsk:
		t.askCancel(id)
	case argCancelYes:
		t.cancelRequest(id)
	default:
		t.staleButton()
	}
	return true
}

// myRequests shows the user's requests: in the pressed message when
// inPlace, else as a new message. Only municipal contacts have requests.
func (t *turn) myRequests(inPlace bool) {
	if !t.requestsOpen(RoleMunicipal, keyMyRequestsRefused) {
		return
	}
	list, err := t.e.cfg.Requests.ListByRequester(t.ctx, t.sess.UserID)
	if err != nil {
		t.fail(err)
		return
	}
	if len(list) > 0 {
		t.sess.Flags = []string{"requester"}
	}
	t.present(t.listScreen(list), inPlace)
}

// listScreen renders at most listLimit requests of list, one line and one
// button each.
func (t *turn) listScreen(list []Request) screen {
	if len(list) == 0 {
		return screen{text: t.tr(keyMyRequestsEmpty, nil), rows: [][]button{
			{t.menuButtonOf(keyBtnRequest, screenRequest)}, t.backToMenu()}}
	}
	shown := list[:min(len(list), listLimit)]
	lines := make([]string, 0, len(shown))
	var rows [][]button
	for _, r := range shown {
		lines = append(lines, t.tr(keyMyRequestsItem, map[string]any{
			"Ref": r.Ref, "Topic": HTML(t.topicText(r)), "Status": t.statusName(r.Status),
			"Date": t.formatDate(r.CreatedAt.In(t.e.cfg.Location)),
		}))
		rows = append(rows, []button{{
			label:  t.tr(keyBtnRequestItem, map[string]any{"Ref": HTML(r.Ref), "Status": HTML(t.statusName(r.Status))}),
			action: actMenu, arg: requestArg(argDetail, r.ID),
		}})
	}
	text := t.tr(keyMyRequestsTitle, nil) + "\n\n" + strings.Join(lines, "\n\n")
	if len(list) > listLimit {
		text += "\n\n" + t.tr(keyMyRequestsMore, map[string]any{"Shown": listLimit, "Count": len(list)})
	}
	return screen{text: text, rows: append(rows, t.backToMenu())}
}

// topicText is the request's topic in the turn's language, escaped, with
// the free text of "other".
func (t *turn) topicText(r Request) string { return t.topicIn(t.lang(), r) }

// topicIn is the request's topic in lang, escaped, with the free text of
// "other".
func (t *turn) topicIn(lang string, r Request) string {
	topic := t.e.cfg.Texts.T(lang, topicKeys[r.Topic], nil)
	if r.Topic == TopicOther && r.TopicOther != "" {
		topic += ": " + Escape(r.TopicOther)
	}
	return topic
}

// statusName is the translated name of status s.
func (t *turn) statusName(s Status) string {
	if k, ok := statusKeys[s]; ok {
		return t.tr(k, nil)
	}
	return string(s)
}

// loadRequest returns request id when the user may see it. A request that
// does not exist or is not the user's is refused politely and nothing
// changes (the same answer for both, so ids reveal nothing); a Store error
// is recorded with fail. It reports false in both cases.
func (t *turn) loadRequest(id int64) (Request, bool) {
	r, err := t.e.cfg.Requests.RequestByID(t.ctx, id)
	if errors.Is(err, ErrNotFound) {
		t.refuse()
		return Request{}, false
	}
	if err != nil {
		t.fail(err)
		return Request{}, false
	}
	ok, err := t.mayView(r)
	if err != nil {
		t.fail(err)
		return Request{}, false
	}
	if !ok {
		t.e.cfg.Log.Warn("request access refused", slog.Int64("request_id", r.ID), slog.Int64("user_id", t.sess.UserID))
		t.refuse()
		return Request{}, false
	}
	return r, true
}

// refuse answers a press on a request the user may not see or change.
func (t *turn) refuse() {
	t.stale, t.toast = true, t.tr(keyMyRequestsForbidden, nil)
}

// mayView reports whether the user may see r: its requester, a municipal
// contact of the same municipality, or a coordinator.
func (t *turn) mayView(r Request) (bool, error) {
	if t.hasRole(RoleCoordinator) {
		return true, nil
	}
	return t.mayCancel(r)
}

// mayCancel reports whether the user may withdraw r: its requester or a
// municipal contact of the same municipality.
func (t *turn) mayCancel(r Request) (bool, error) {
	if !t.registered() {
		return false, nil
	}
	if r.RequesterID == t.sess.UserID {
		return true, nil
	}
	if !t.hasRole(RoleMunicipal) {
		return false, nil
	}
	c, err := t.e.cfg.Requests.MunicipalityOf(t.ctx, t.sess.UserID)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return c.MunicipalityID == r.MunicipalityID, nil
}
