package flows

import (
	"strings"
	"unicode/utf8"
)

// The detail of a request with its history, for "Meine Anfragen".

const (
	// noteLen is how many characters of a question, answer or reason the
	// history shows.
	noteLen = 300
	// detailMax is the length the detail text stays under (Telegram allows
	// 4096 characters); the oldest history rows give way first.
	detailMax = 3800
)

// statusKeys are the keys of the statuses' names.
var statusKeys = map[Status]string{
	StatusSubmitted: "status.submitted", StatusInReview: "status.in_review", StatusQuestion: "status.question",
	StatusApproved: "status.approved", StatusDeclined: "status.declined", StatusMatching: "status.matching",
	StatusAssigned: "status.assigned", StatusScheduled: "status.scheduled", StatusCompleted: "status.completed",
	StatusClosed: "status.closed", StatusCancelled: "status.cancelled",
}

// showRequest shows request id with its history in the pressed message,
// when the user may see it.
func (t *turn) showRequest(id int64) {
	r, ok := t.loadRequest(id)
	if !ok {
		return
	}
	t.replace(t.detailScreen(r, ""))
}

// detailScreen renders r and its history, after notice when not empty,
// with a withdraw button while the user may still cancel. On a Store error
// it records the error and returns an empty screen.
func (t *turn) detailScreen(r Request, notice string) screen {
	events, err := t.e.cfg.Requests.History(t.ctx, r.ID)
	if err != nil {
		t.fail(err)
		return screen{}
	}
	line := func(labelKey string, v any) string {
		return t.tr(keyFlowLine, map[string]any{"Label": t.tr(labelKey, nil), "Value": v})
	}
	loc := t.e.cfg.Location
	fields := []string{
		t.tr(keyMyRequestsDetailTitle, map[string]any{"Ref": r.Ref}),
		line(keyFieldStatus, t.statusName(r.Status)),
		line(keyFieldMunicipality, r.Municipality),
		line(keyFieldDepartment, r.Department),
		line(keyFieldTopic, HTML(t.topicText(r))),
		line(keyFieldDescription, excerpt(r.Description, excerptLen)),
		line(keyFieldFormat, t.tr(formatKeys[r.Format], nil)),
		line(keyFieldTimeframe, t.formatDate(r.Earliest)+" – "+t.formatDate(r.Latest)),
	}
	if r.Place != "" {
		fields = append(fields, line(keyFieldPlace, r.Place))
	}
	fields = append(fields, line(keyFieldUrgency, t.tr(urgencyKeys[r.Urgency], nil)),
		line(keyFieldSubmittedAt, t.e.cfg.Texts.DateTime(t.lang(), r.CreatedAt, loc)))
	head := strings.Join(fields, "\n")
	if notice != "" {
		head = notice + "\n\n" + head
	}
	history := t.historyLines(r, events)
	for len(history) > 1 && utf8.RuneCountInString(head)+historyLen(history) > detailMax {
		history = history[1:]
	}
	text := head + "\n\n" + t.tr(keyMyRequestsHistory, nil) + "\n" + strings.Join(history, "\n")
	var rows [][]button
	if t.hasRole(RoleCoordinator) && isOpen(r) {
		rows = append(rows, t.decisionRows(t.lang(), r, false)...)
	}
	if CanCancel(r.Status) {
		// The requester's side answers a question and may withdraw.
		own, err := t.mayCancel(r)
		if err != nil {
			t.fail(err)
			return screen{}
		}
		if own && r.Status == StatusQuestion {
			rows = append(rows, []button{durableButton(t.tr(keyBtnAnswer, nil), actAnswer, r.ID)})
		}
		if own && CanCancel(r.Status) {
			rows = append(rows, []button{{label: t.tr(keyBtnWithdraw, nil), action: actMenu,
				arg: requestArg(argCancelAsk, r.ID)}})
		}
	}
	if t.canRequest() {
		rows = append(rows, []button{t.menuButtonOf(keyBtnMyRequests, screenMyRequests)})
	}
	if t.hasRole(RoleCoordinator) {
		rows = append(rows, []button{t.menuButtonOf(keyBtnQueue, screenQueue)})
	}
	return screen{text: text, rows: append(rows, t.backToMenu())}
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
func (t *turn) historyLines(r Request, events []RequestEvent) []string {
	coordinator := t.hasRole(RoleCoordinator)
	out := make([]string, 0, len(events))
	for _, ev := range events {
		data := map[string]any{
			"Date":   t.e.cfg.Texts.DateTime(t.lang(), ev.At, t.e.cfg.Location),
			"Who":    t.actorName(r, ev),
			"Status": t.statusName(ev.To),
			"Note":   excerpt(ev.Note, noteLen),
		}
		var key string
		switch {
		case ev.Kind == EventStatus && ev.From == "":
			key = keyHistorySubmitted
		case ev.Kind == EventStatus && ev.Note != "":
			key = keyHistoryStatusNote
		case ev.Kind == EventStatus:
			key = keyHistoryStatus
		case ev.Kind == EventQuestion:
			key = keyHistoryQuestion
		case ev.Kind == EventAnswer:
			key = keyHistoryAnswer
		case ev.Kind == EventNote && coordinator:
			key = keyHistoryNote
		default:
			continue
		}
		out = append(out, t.tr(key, data))
	}
	return out
}

// actorName says who made ev without naming others: "Sie" for the user,
// the municipality for a change its contacts make (the submit, an answer, a
// withdrawal), the programme office for every other change, MiGlobe for the
// system.
func (t *turn) actorName(r Request, ev RequestEvent) string {
	switch {
	case ev.ActorID == 0:
		return t.tr(keyHistoryBySystem, nil)
	case ev.ActorID == t.sess.UserID:
		return t.tr(keyHistoryByYou, nil)
	case ev.ActorID == r.RequesterID, ev.Kind == EventAnswer,
		ev.Kind == EventStatus && (ev.From == "" || ev.To == StatusCancelled):
		return r.Municipality
	}
	return t.tr(keyHistoryByOffice, nil)
}
