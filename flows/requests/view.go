package requests

import (
	"strings"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The detail of a request with its history.

const (
	// noteLen is how many characters of a question, answer or reason the
	// history shows.
	noteLen = 300
	// detailMax is the length the detail text stays under (Telegram allows
	// 4096 characters); the oldest history rows give way first.
	detailMax = 3800
)

// showRequest shows request id with its history in the pressed message
// (a list or a screen of the request), when the user may see it.
func (d Deps) showRequest(t *engine.Turn, id int64) { d.presentRequest(t, id, true) }

// showRequestBelow shows request id with its history as a new message: a
// notification's "Details" leaves the notification as it was, so the
// record of what happened stays in the chat.
func (d Deps) showRequestBelow(t *engine.Turn, id int64) { d.presentRequest(t, id, false) }

// presentRequest shows request id, in the pressed message when inPlace.
func (d Deps) presentRequest(t *engine.Turn, id int64, inPlace bool) {
	r, a, ok := d.load(t, id, "view", domain.CanView)
	if !ok {
		return
	}
	if s, ok := d.detailScreen(t, a, r, ""); ok {
		t.Present(s, inPlace)
	}
}

// detailScreen renders r and its history for a, after notice when not
// empty, with the buttons a may use now: the decisions, the answer, the
// withdrawal. It reports false after recording a store error.
func (d Deps) detailScreen(t *engine.Turn, a domain.Actor, r domain.Request, notice string) (engine.Screen, bool) {
	events, err := d.Requests.History(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return engine.Screen{}, false
	}
	fields, folded := fieldsOf(t.Texts(), t.Lang(), t.Location(), r, detailFold)
	fields = append([]string{t.T(keyMyRequestsDetailTitle, map[string]any{"Ref": r.Ref}),
		t.T(engine.KeyFlowLine, map[string]any{"Label": t.Plain(keyFieldStatus, nil), "Value": statusName(t, r.Status)})},
		fields...)
	more, ok := d.moreLines(t, a, r)
	if !ok {
		return engine.Screen{}, false
	}
	fields = append(fields[:2:2], append(more, fields[2:]...)...)
	head := strings.Join(fields, "\n")
	if notice != "" {
		head = notice + "\n\n" + head
	}
	history := historyLines(t, a, r, events)
	for len(history) > 1 && utf8.RuneCountInString(head)+historyLen(history) > detailMax {
		history = history[1:]
	}
	text := head + "\n\n" + t.T(keyMyRequestsHistory, nil) + "\n" + strings.Join(history, "\n")
	var rows [][]engine.Button
	if folded {
		rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnMore, nil), screenFull, r.ID)})
	}
	if domain.CanDecide(a, r) {
		rows = append(rows, decisionRows(t.Texts(), t.Lang(), r, false)...)
	}
	if d.Offer.Button != nil && domain.MayReview(a) && (r.Status == domain.StatusApproved || r.Status == domain.StatusMatching) {
		rows = append(rows, []engine.Button{d.Offer.Button(t, r.ID)})
	}
	if domain.CanAnswer(a, r) && r.Status == domain.StatusQuestion {
		rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnAnswer, nil), feature, actAnswer, r.ID)})
	}
	if domain.CanWithdraw(a, r) {
		rows = append(rows, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnWithdraw, nil), screenCancelAsk, r.ID)})
	}
	if domain.CanRequest(a) {
		rows = append(rows, []engine.Button{t.MenuButton(keyBtnMyRequests, screenMyRequests)})
	}
	if domain.MayReview(a) {
		rows = append(rows, []engine.Button{t.MenuButton(keyBtnQueue, screenQueue)})
	}
	return engine.Screen{Text: text, Rows: append(rows, t.BackToMenu()), About: aboutRequest(r.ID, kindView)}, true
}

// moreLines are the lines of the other features for the detail of r
// shown to a, each of d.Lines in order; false after recording a store
// error.
func (d Deps) moreLines(t *engine.Turn, a domain.Actor, r domain.Request) ([]string, bool) {
	var out []string
	for _, lines := range d.Lines {
		more, ok := lines(t, a, r)
		if !ok {
			return nil, false
		}
		out = append(out, more...)
	}
	return out, true
}

// historyLen is the length of lines joined by line breaks.
func historyLen(lines []string) int {
	n := 0
	for _, l := range lines {
		n += utf8.RuneCountInString(l) + 1
	}
	return n
}

// historyLines renders the events, one line each: date, who, what.
// Internal notes are shown to coordinators only.
func historyLines(t *engine.Turn, a domain.Actor, r domain.Request, events []domain.RequestEvent) []string {
	out := make([]string, 0, len(events))
	for _, ev := range events {
		data := map[string]any{
			"Date":   t.DateTime(ev.At),
			"Who":    actorName(t, a, r, ev),
			"Status": statusName(t, ev.To),
			"Note":   engine.Excerpt(ev.Note, noteLen),
		}
		var key string
		switch {
		case ev.Kind == domain.EventStatus && ev.From == "":
			key = keyHistorySubmitted
		case ev.Kind == domain.EventStatus && ev.Note != "":
			key = keyHistoryStatusNote
		case ev.Kind == domain.EventStatus:
			key = keyHistoryStatus
		case ev.Kind == domain.EventQuestion:
			key = keyHistoryQuestion
		case ev.Kind == domain.EventAnswer:
			key = keyHistoryAnswer
		case ev.Kind == domain.EventNote && domain.SeesNotes(a):
			key = keyHistoryNote
		default:
			continue
		}
		out = append(out, t.T(key, data))
	}
	return out
}

// actorName says who made ev: "Sie" for the user; for a change the
// municipality's contacts make (the submit, an answer, a withdrawal) the
// person with the municipality; for the office's changes the coordinator's
// name to coordinators and "Programmstelle" to everyone else (or once the
// name is gone); MiGlobe for the system.
func actorName(t *engine.Turn, a domain.Actor, r domain.Request, ev domain.RequestEvent) string {
	switch {
	case ev.ActorID == 0:
		return t.Plain(keyHistoryBySystem, nil)
	case ev.ActorID == a.ID:
		return t.Plain(keyHistoryByYou, nil)
	case ev.ActorID == r.RequesterID, ev.Kind == domain.EventAnswer,
		ev.Kind == domain.EventStatus && (ev.From == "" || ev.To == domain.StatusCancelled):
		if ev.ActorName == "" {
			return r.Municipality
		}
		return t.Plain(keyHistoryByContact, map[string]any{"Name": ev.ActorName, "Municipality": r.Municipality})
	case domain.MayReview(a) && ev.ActorName != "":
		return ev.ActorName
	}
	return t.Plain(keyHistoryByOffice, nil)
}
