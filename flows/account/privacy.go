package account

import (
	"errors"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

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

// privacyScreen lists the stored data with buttons to download it
// (flows/mydata), to erase it (flows/erasure, domain.ErasureScreen) and,
// when set, the consents' button. It reports
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
	rows := [][]engine.Button{{t.MenuButton(keyBtnMyData, domain.MyDataScreen)}, {t.MenuButton(keyBtnDelete, domain.ErasureScreen)}}
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
