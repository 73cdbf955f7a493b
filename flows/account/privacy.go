package account

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"

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

// privacyScreen lists the stored data with a delete button (and the
// consents' button, when set). It reports
// false when the user has no record or the store failed (see Failed).
func (d Deps) privacyScreen(t *engine.Turn) (engine.Screen, bool) {
	if !t.Registered() {
		return engine.Screen{}, false
	}
	lines, ok := d.userLines(t)
	if !ok {
		return engine.Screen{}, false
	}
	list, ok := d.requestsOf(t)
	if !ok {
		return engine.Screen{}, false
	}
	if len(list) > 0 {
		refs := make([]string, 0, len(list))
		for _, r := range list {
			refs = append(refs, r.Ref)
		}
		lines = engine.JoinLines(lines, t.T(keyPrivacyRequests, map[string]any{"Count": len(list), "Refs": strings.Join(refs, ", ")}))
	}
	if has, ok := d.hasAdvisorProfile(t); !ok {
		return engine.Screen{}, false
	} else if has {
		lines = engine.JoinLines(lines, t.T(keyPrivacyAdvisor, nil))
	}
	rows := [][]engine.Button{{t.MenuButton(keyBtnDelete, screenDelete)}}
	if d.Consents != nil {
		rows = append(rows, []engine.Button{d.Consents(t)})
	}
	return engine.Screen{
		Text: t.T(keyPrivacyRegistered, map[string]any{"Data": engine.HTML(lines)}),
		Rows: append(rows, t.BackToMenu()),
	}, true
}

// hasAdvisorProfile reports whether the acting user keeps an advisor
// profile; ok is false after recording a store error.
func (d Deps) hasAdvisorProfile(t *engine.Turn) (has, ok bool) {
	a, registered := t.Actor()
	if !registered || d.Advisors == nil || !a.Has(domain.RoleAdvisor) {
		return false, !t.Failed()
	}
	_, err := d.Advisors.AdvisorProfile(t.Ctx(), a.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return false, true
	case err != nil:
		t.Fail(err)
		return false, false
	}
	return true, true
}

// requestsOf returns the acting user's requests, newest first (none
// without a request store). It reports false after recording a store error.
func (d Deps) requestsOf(t *engine.Turn) ([]domain.Request, bool) {
	a, ok := t.Actor()
	if !ok || d.Requests == nil {
		return nil, !t.Failed()
	}
	list, err := d.Requests.ListByRequester(t.Ctx(), a.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	return list, true
}

// Answers the deletion flow starts with: what happens to the requests.
const (
	dataRequestCount = "requests" // how many the user made
	dataRequestsOpen = "open"     // references of those still open, comma-separated
)

// startDelete starts the deletion flow in the pressed message, knowing the
// user's requests, so that the question can say what happens to them.
func (d Deps) startDelete(t *engine.Turn, _ string) {
	list, ok := d.requestsOf(t)
	if !ok {
		return
	}
	var open []string
	for _, r := range list {
		if domain.CanCancel(r.Status) {
			open = append(open, r.Ref)
		}
	}
	t.StartFlow(flowDelete, map[string]string{
		dataRequestCount: strconv.Itoa(len(list)), dataRequestsOpen: strings.Join(open, ", "),
	}, true)
}

// deletePrompt is the deletion question: what is erased, and what happens
// to the user's requests.
func deletePrompt(t *engine.Turn) string {
	text := t.T(keyPrivacyDeletePrompt, nil)
	if n, _ := strconv.Atoi(t.Get(dataRequestCount)); n > 0 {
		text += "\n\n" + t.T(keyPrivacyDeleteRequests, map[string]any{"Count": n})
	}
	if open := t.Get(dataRequestsOpen); open != "" {
		text += " " + t.T(keyPrivacyDeleteOpen, map[string]any{"Refs": open})
	}
	return text
}

// deleteFlow asks for confirmation and then erases the user's data
// (UserStore.DeleteUser) and clears the session.
func (d Deps) deleteFlow() *engine.Flow {
	confirm := engine.ChoiceStep(dataDelete, keyFieldDelete,
		deletePrompt,
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
