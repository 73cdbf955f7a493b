package contacts

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// listLimit is how many waiting contacts the list shows, oldest first.
const listLimit = 10

// showList shows a coordinator the contacts waiting for the office, each
// with a button to their card: in the pressed message when inPlace, else
// as a new message. Anyone else is told the list is the office's (a press
// is refused).
func (d Deps) showList(t *engine.Turn, inPlace bool) {
	if _, ok := t.Admit(domain.MayReview, keyListRefused); !ok {
		return
	}
	list, err := d.Contacts.PendingContacts(t.Ctx())
	if err != nil {
		t.Fail(err)
		return
	}
	t.Present(listScreen(t, list), inPlace)
}

// listScreen renders at most listLimit contacts of list, one line and one
// button each.
func listScreen(t *engine.Turn, list []domain.Contact) engine.Screen {
	if len(list) == 0 {
		return engine.Screen{Text: t.T(keyListEmpty, nil), Rows: [][]engine.Button{t.BackToMenu()}}
	}
	shown := list[:min(len(list), listLimit)]
	lines := make([]string, 0, len(shown))
	rows := make([][]engine.Button, 0, len(shown)+1)
	for _, c := range shown {
		lines = append(lines, t.T(keyListItem, map[string]any{
			"Name": c.Name, "Function": c.Function, "Municipality": c.Municipality,
			"Date": t.FormatDate(c.CreatedAt.In(t.Location())),
		}))
		label := t.Plain(keyBtnItem, map[string]any{"Name": c.Name, "Municipality": c.Municipality})
		rows = append(rows, []engine.Button{engine.DurableButton(label, feature, actView, c.ID)})
	}
	text := t.T(keyListTitle, map[string]any{"Count": len(list)}) + "\n\n" + strings.Join(lines, "\n")
	if len(list) > listLimit {
		text += "\n\n" + t.T(keyListMore, map[string]any{"Shown": listLimit, "Count": len(list)})
	}
	return engine.Screen{Text: text, Rows: append(rows, t.BackToMenu())}
}
