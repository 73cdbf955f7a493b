package flows

import (
	"errors"
	"log/slog"
)

const (
	flowDelete = "delete"
	dataDelete = "delete"
)

// privacy shows what is stored about the user (/privacy). Inside a flow it
// shows it without buttons and asks the current question again.
func (t *turn) privacy() {
	s, ok := t.privacyScreen()
	switch {
	case t.err != nil:
		return
	case !ok:
		t.note(keyPrivacyUnregistered)
		t.reprompt()
	case t.sess.Flow != "":
		t.notes = append(t.notes, s.text)
		t.reprompt()
	default:
		t.show(s)
	}
}

// privacyScreen lists the stored data with a delete button. It reports
// false when the user has no record or the Store failed (see t.err).
func (t *turn) privacyScreen() (screen, bool) {
	if !t.registered() {
		return screen{}, false
	}
	lines, ok := t.userLines()
	if !ok {
		return screen{}, false
	}
	return screen{
		text: t.tr(keyPrivacyRegistered, map[string]any{"Data": HTML(lines)}),
		rows: [][]button{{t.menuButtonOf(keyBtnDelete, screenDelete)}, t.backToMenu()},
	}, true
}

// deleteFlow asks for confirmation and then erases the user's data
// (Store.DeleteUser) and clears the session.
func deleteFlow() *flow {
	confirm := choiceStep(dataDelete, keyFieldDelete,
		func(t *turn) string { return t.tr(keyPrivacyDeletePrompt, nil) },
		func(t *turn) [][]choice {
			return [][]choice{{{t.tr(keyBtnDeleteYes, nil), "yes"}}, {{t.tr(keyBtnDeleteNo, nil), "no"}}}
		}, nil)
	return &flow{name: flowDelete, steps: []step{confirm}, finish: finishDelete}
}

func finishDelete(t *turn) {
	if t.get(dataDelete) != "yes" {
		t.endFlow()
		t.note(keyPrivacyKept)
		t.showMenu(false)
		return
	}
	err := t.e.cfg.Store.DeleteUser(t.ctx, t.sess.UserID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		t.fail(err)
		return
	}
	t.e.cfg.Log.Info("user deleted their data", slog.Int64("user_id", t.sess.UserID))
	t.note(keyPrivacyDeleted) // translated now, before the language is cleared
	*t.sess = Session{Version: t.sess.Version}
}
