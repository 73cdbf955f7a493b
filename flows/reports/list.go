package reports

import (
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// /bericht: an advisor's seats with the state of their report and a
// button to write, answer or correct it; a contact's reports that wait
// for them, each card sent again with its buttons, and the completed
// requests that wait for a rating.

// list is /bericht, in the pressed message when inPlace.
func (d Deps) list(t *engine.Turn, inPlace bool) {
	a, ok := t.Admit(func(a domain.Actor) bool { return a.Has(domain.RoleAdvisor) || a.Has(domain.RoleMunicipal) },
		engine.KeyForbidden)
	if !ok {
		return
	}
	var lines []string
	var rows [][]engine.Button
	if a.Has(domain.RoleAdvisor) && !d.advisorLines(t, a, &lines, &rows) {
		return
	}
	if a.Has(domain.RoleMunicipal) && !d.contactLines(t, a, &lines, &rows) {
		return
	}
	text := t.T(keyListEmpty, nil)
	if len(lines) > 0 {
		text = t.T(keyListTitle, nil) + "\n\n" + strings.Join(lines, "\n\n")
	}
	t.Present(engine.Screen{Text: text, Rows: append(rows, t.BackToMenu())}, inPlace)
}

// stateKeys say where an advisor's newest version stands.
var stateKeys = map[domain.ReportStatus]string{
	domain.ReportSubmitted: keyStateSubmitted,
	domain.ReportQuestion:  keyStateQuestion,
	domain.ReportConfirmed: keyStateConfirmed,
}

// advisorLines adds the seats a holds with their report's state.
func (d Deps) advisorLines(t *engine.Turn, a domain.Actor, lines *[]string, rows *[][]engine.Button) bool {
	work, err := d.Assignments.MyOffers(t.Ctx(), a.ID, t.Now())
	if err != nil {
		t.Fail(err)
		return false
	}
	for _, as := range append(work.Held, work.Completed...) {
		if !slices.Contains(domain.ReportingStatuses, as.Status) {
			continue
		}
		reports, err := d.Reports.ReportsOf(t.Ctx(), as.RequestID)
		if err != nil {
			t.Fail(err)
			return false
		}
		state, btn := keyStateNone, keyBtnWriteRef
		if rep, ok := newest(reports, a.ID); ok {
			state = stateKeys[rep.Status]
			switch rep.Status {
			case domain.ReportSubmitted:
				btn = ""
			case domain.ReportQuestion:
				btn = keyBtnAnswerRef
			case domain.ReportConfirmed:
				btn = keyBtnCorrectRef
			}
		}
		*lines = append(*lines, t.T(keyListSeat, map[string]any{"Ref": as.Ref, "Municipality": as.Municipality,
			"State": engine.HTML(t.T(state, nil))}))
		if btn != "" {
			*rows = append(*rows, []engine.Button{engine.DurableButton(t.Plain(btn, map[string]any{"Ref": as.Ref}),
				feature, actWrite, as.RequestID)})
		}
	}
	return true
}

// contactLines adds the versions waiting for a's answer, with their
// buttons, and the completed requests waiting for a rating.
func (d Deps) contactLines(t *engine.Turn, a domain.Actor, lines *[]string, rows *[][]engine.Button) bool {
	list, err := d.Requests.ListForContact(t.Ctx(), a.ID, a.Verified)
	if err != nil {
		t.Fail(err)
		return false
	}
	for _, r := range list {
		if r.Status == domain.StatusCompleted && r.RequesterID == a.ID {
			*lines = append(*lines, t.T(keyListToRate, map[string]any{"Ref": r.Ref}))
			*rows = append(*rows, starRows(t.Texts(), t.Lang(), r.ID)...)
		}
		if !slices.Contains(domain.ReportingStatuses, r.Status) {
			continue
		}
		reports, err := d.Reports.ReportsOf(t.Ctx(), r.ID)
		if err != nil {
			t.Fail(err)
			return false
		}
		for _, rep := range reports {
			if rep.Status == domain.ReportSubmitted && rep.AdvisorID != a.ID {
				*lines = append(*lines, cardText(t.Texts(), t.Lang(), rep))
				*rows = append(*rows, cardRows(t.Texts(), t.Lang(), rep.ID)...)
			}
		}
	}
	return true
}
