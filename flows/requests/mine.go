package requests

import (
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// "Meine Anfragen": a municipal contact's list of requests, with those of
// colleagues in the municipalities the office confirmed the contact for. Each request
// button opens its detail (view.go), where it may be withdrawn
// (withdraw.go); every screen loads the request and the acting user and
// asks the policy functions.

// listLimit is how many requests the list shows, newest first.
const listLimit = 10

// myRequests shows the user's requests: in the pressed message when
// inPlace, else as a new message. Only municipal contacts have requests.
func (d Deps) myRequests(t *engine.Turn, inPlace bool) {
	a, ok := gate(t, domain.CanRequest, keyMyRequestsRefused)
	if !ok {
		return
	}
	list, err := d.Requests.ListForContact(t.Ctx(), a.ID, a.Verified)
	if err != nil {
		t.Fail(err)
		return
	}
	if slices.ContainsFunc(list, func(r domain.Request) bool { return r.RequesterID == a.ID }) {
		t.SetFlag(flagRequester)
	}
	t.Present(listScreen(t, a, list), inPlace)
}

// listScreen renders at most listLimit requests of list, one line and one
// button each; a colleague's request (not a's) says so.
func listScreen(t *engine.Turn, a domain.Actor, list []domain.Request) engine.Screen {
	if len(list) == 0 {
		return engine.Screen{Text: t.T(keyMyRequestsEmpty, nil), Rows: [][]engine.Button{
			{t.MenuButton(keyBtnRequest, screenRequest)}, t.BackToMenu()}}
	}
	shown := list[:min(len(list), listLimit)]
	lines := make([]string, 0, len(shown))
	var rows [][]engine.Button
	for _, r := range shown {
		line := t.T(keyMyRequestsItem, map[string]any{
			"Ref": r.Ref, "Topic": engine.HTML(topicText(t, r)), "Status": statusName(t, r.Status),
			"Date": t.FormatDate(r.CreatedAt.In(t.Location())),
		})
		if r.RequesterID != a.ID {
			line += "\n" + t.T(keyMyRequestsColleague, nil)
		}
		lines = append(lines, line)
		label := t.Plain(keyBtnRequestItem, map[string]any{"Ref": r.Ref, "Status": statusName(t, r.Status)})
		rows = append(rows, []engine.Button{engine.ScreenButtonID(label, screenDetail, r.ID)})
	}
	text := t.T(keyMyRequestsTitle, nil) + "\n\n" + strings.Join(lines, "\n\n")
	if len(list) > listLimit {
		text += "\n\n" + t.T(keyMyRequestsMore, map[string]any{"Shown": listLimit, "Count": len(list)})
	}
	return engine.Screen{Text: text, Rows: append(rows, t.BackToMenu())}
}
