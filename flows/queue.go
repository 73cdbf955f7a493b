package flows

import (
	"strings"
	"time"
)

// The coordinators' queue: the requests that wait for the programme
// office, oldest first, with their age and a button to each one's detail
// (where the decision buttons are).

// queueLimit is how many requests the queue shows.
const queueLimit = 15

// showQueue shows the open requests to a coordinator: in the pressed
// message when inPlace, else as a new message.
func (t *turn) showQueue(inPlace bool) {
	if !t.requestsOpen(RoleCoordinator, keyQueueRefused) {
		return
	}
	list, err := t.e.cfg.Requests.OpenQueue(t.ctx)
	if err != nil {
		t.fail(err)
		return
	}
	t.present(t.queueScreen(list), inPlace)
}

// queueScreen renders at most queueLimit requests of list, one line and
// one button each.
func (t *turn) queueScreen(list []Request) screen {
	if len(list) == 0 {
		return screen{text: t.tr(keyQueueEmpty, nil), rows: [][]button{t.backToMenu()}}
	}
	shown := list[:min(len(list), queueLimit)]
	lines := make([]string, 0, len(shown))
	var rows [][]button
	for _, r := range shown {
		lines = append(lines, t.tr(keyQueueItem, map[string]any{
			"Ref": r.Ref, "Municipality": r.Municipality, "Topic": HTML(t.topicText(r)),
			"Status": t.statusName(r.Status), "Age": t.age(t.now.Sub(r.CreatedAt)),
			"Urgency": t.tr(urgencyKeys[r.Urgency], nil),
		}))
		rows = append(rows, []button{{
			label:  t.tr(keyBtnQueueItem, map[string]any{"Ref": HTML(r.Ref), "Municipality": HTML(r.Municipality)}),
			action: actMenu, arg: requestArg(argDetail, r.ID),
		}})
	}
	text := t.tr(keyQueueTitle, map[string]any{"Count": len(list)}) + "\n\n" + strings.Join(lines, "\n\n")
	if len(list) > queueLimit {
		text += "\n\n" + t.tr(keyQueueMore, map[string]any{"Shown": queueLimit, "Count": len(list)})
	}
	return screen{text: text, rows: append(rows, t.backToMenu())}
}

// age says how long ago something happened: minutes under an hour, hours
// under two days, days beyond.
func (t *turn) age(d time.Duration) string {
	switch {
	case d < time.Hour:
		return t.tr(keyAgeMinutes, map[string]any{"N": max(1, int(d/time.Minute))})
	case d < 48*time.Hour:
		return t.tr(keyAgeHours, map[string]any{"N": int(d / time.Hour)})
	}
	return t.tr(keyAgeDays, map[string]any{"N": int(d / (24 * time.Hour))})
}
