package appointments

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// list is /termine for an advisor: each request whose seat they hold,
// with its appointments and a button to propose another.
func (d Deps) list(t *engine.Turn) {
	a, ok := t.Admit(func(a domain.Actor) bool { return a.Has(domain.RoleAdvisor) }, engine.KeyForbidden)
	if !ok {
		return
	}
	work, err := d.Assignments.MyOffers(t.Ctx(), a.ID, t.Now())
	if err != nil {
		t.Fail(err)
		return
	}
	var parts []string
	var rows [][]engine.Button
	for _, as := range work.Held {
		aps, err := d.Appointments.AppointmentsOf(t.Ctx(), as.RequestID)
		if err != nil {
			t.Fail(err)
			return
		}
		lines := []string{t.T(keyListRequest, map[string]any{"Ref": as.Ref, "Municipality": as.Municipality})}
		for _, ap := range aps {
			lines = append(lines, d.line(t, ap))
		}
		if len(aps) == 0 {
			lines = append(lines, t.T(keyListNone, nil))
		}
		parts = append(parts, strings.Join(lines, "\n"))
		rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnPropose, map[string]any{"Ref": as.Ref}),
			feature, actPropose, as.RequestID)})
	}
	text := t.T(keyListTitle, nil) + "\n\n" + strings.Join(parts, "\n\n")
	if len(parts) == 0 {
		text = t.T(keyListEmpty, nil)
	}
	t.Show(engine.Screen{Text: text, Rows: append(rows, t.BackToMenu())})
}

// line is one appointment in the list.
func (d Deps) line(t *engine.Turn, ap domain.Appointment) string {
	switch ap.Status {
	case domain.AppointmentAgreed:
		return t.T(keyListAgreed, map[string]any{"When": slotText(t.Texts(), t.Lang(), t.Location(), ap.Slot), "Where": where(ap.Slot)})
	case domain.AppointmentProposed:
		return t.T(keyListProposed, map[string]any{"N": len(ap.Options)})
	}
	return t.T(keyListCancelled, nil)
}

// problemKey is the text of an appointment problem.
func problemKey(p domain.AppointmentProblem) string {
	if p == domain.ProblemBeforeAcceptance {
		return keyBeforeAcceptance
	}
	return keyInvalidSlot
}
