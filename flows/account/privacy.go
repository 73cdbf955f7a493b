package account

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// flowDelete is stored in sessions: keep it.
const flowDelete = "delete"

// dataDelete is the deletion flow's answer.
const dataDelete = "delete"

// privacy shows what is stored about the user (/privacy). Inside a flow it
// shows it without buttons and asks the current question again.
func (d Deps) privacy(t *engine.Turn) {
	s, ok := d.privacyScreen(t)
	switch {
	case t.Failed():
		return
	case !ok:
		t.Note(keyPrivacyUnregistered, nil)
		t.Reprompt()
	case t.InFlow() != "":
		t.NoteText(s.Text)
		t.Reprompt()
	default:
		t.Show(s)
	}
}

// privacyScreen lists the stored data with a delete button. It reports
// false when the user has no record or the store failed (see Failed).
func (d Deps) privacyScreen(t *engine.Turn) (engine.Screen, bool) {
	if !t.Registered() {
		return engine.Screen{}, false
	}
	lines, ok := d.userLines(t)
	if !ok {
		return engine.Screen{}, false
	}
	return engine.Screen{
		Text: t.T(keyPrivacyRegistered, map[string]any{"Data": engine.HTML(lines)}),
		Rows: [][]engine.Button{{t.MenuButton(keyBtnDelete, screenDelete)}, t.BackToMenu()},
	}, true
}

// deleteFlow asks for confirmation and then erases the user's data
// (UserStore.DeleteUser) and clears the session.
func (d Deps) deleteFlow() *engine.Flow {
	confirm := engine.ChoiceStep(dataDelete, keyFieldDelete,
		func(t *engine.Turn) string { return t.T(keyPrivacyDeletePrompt, nil) },
		func(t *engine.Turn) [][]engine.Choice {
			return [][]engine.Choice{{{Label: t.Plain(keyBtnDeleteYes, nil), Value: "yes"}},
				{{Label: t.Plain(keyBtnDeleteNo, nil), Value: "no"}}}
		}, nil)
	return &engine.Flow{Name: flowDelete, Title: keyBtnDelete, Steps: []engine.Step{confirm}, Finish: d.finishDelete}
}

func (d Deps) finishDelete(t *engine.Turn) {
	if t.Get(dataDelete) != "yes" {
		t.EndFlow()
		t.Note(keyPrivacyKept, nil)
		t.ShowMenu(false)
		return
	}
	a, ok := t.Actor()
	if t.Failed() {
		return
	}
	if ok {
		err := d.Users.DeleteUser(t.Ctx(), a.ID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			t.Fail(err)
			return
		}
		t.Log().Info("user deleted their data", slog.Int64("user_id", a.ID))
	}
	t.Note(keyPrivacyDeleted, nil) // translated now, before the language is cleared
	t.ResetSession()
}
