package requests

import (
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The coordinators' queue: the requests that wait for the programme
// office, oldest first, with their age and a button to each one's detail
// (where the decision buttons are).

// queueLimit is how many requests the queue shows.
const queueLimit = 15

// showQueue shows the open requests to a coordinator: in the pressed
// message when inPlace, else as a new message.
func (d Deps) showQueue(t *engine.Turn, inPlace bool) {
	if _, ok := gate(t, domain.MayReview, keyQueueRefused); !ok {
		return
	}
	list, err := d.Requests.OpenQueue(t.Ctx())
	if err != nil {
		t.Fail(err)
		return
	}
	t.Present(queueScreen(t, list), inPlace)
}

// queueScreen renders at most queueLimit requests of list, one line and
// one button each.
func queueScreen(t *engine.Turn, list []domain.Request) engine.Screen {
	if len(list) == 0 {
		return engine.Screen{Text: t.T(keyQueueEmpty, nil), Rows: [][]engine.Button{t.BackToMenu()}}
	}
	shown := list[:min(len(list), queueLimit)]
	lines := make([]string, 0, len(shown))
	var rows [][]engine.Button
	for _, r := range shown {
		lines = append(lines, t.T(keyQueueItem, map[string]any{
			"Ref": r.Ref, "Municipality": r.Municipality, "Topic": engine.HTML(topicText(t, r)),
			"Status": statusName(t, r.Status), "Age": age(t, t.Now().Sub(r.CreatedAt)),
			"Urgency": t.Plain(urgencyKeys[r.Urgency], nil),
		}))
		label := t.Plain(keyBtnQueueItem, map[string]any{"Ref": r.Ref, "Municipality": r.Municipality})
		rows = append(rows, []engine.Button{engine.ScreenButtonID(label, screenDetail, r.ID)})
	}
	text := t.T(keyQueueTitle, map[string]any{"Count": len(list)}) + "\n\n" + strings.Join(lines, "\n\n")
	if len(list) > queueLimit {
		text += "\n\n" + t.T(keyQueueMore, map[string]any{"Shown": queueLimit, "Count": len(list)})
	}
	return engine.Screen{Text: text, Rows: append(rows, t.BackToMenu())}
}

// age says how long ago something happened: minutes under an hour, hours
// under two days, days beyond.
func age(t *engine.Turn, d time.Duration) string {
	switch {
	case d < time.Hour:
		return t.Plain(keyAgeMinutes, map[string]any{"N": max(1, int(d/time.Minute))})
	case d < 48*time.Hour:
		return t.Plain(keyAgeHours, map[string]any{"N": int(d / time.Hour)})
	}
	return t.Plain(keyAgeDays, map[string]any{"N": int(d / (24 * time.Hour))})
}
