package appointments

import (
	"errors"
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// entry is a request in /termine: its id, reference and municipality, and
// whether the user may propose (an advisor of it).
type entry struct {
	id         int64
	ref, muni  string
	mayPropose bool
}

// entries are the requests /termine shows a: the seats an advisor holds,
// and a contact's requests that are assigned or scheduled.
func (d Deps) entries(t *engine.Turn, a domain.Actor) ([]entry, bool) {
	var out []entry
	if a.Has(domain.RoleAdvisor) {
		work, err := d.Assignments.MyOffers(t.Ctx(), a.ID, t.Now())
		if err != nil {
			t.Fail(err)
			return nil, false
		}
		for _, as := range work.Held {
			out = append(out, entry{id: as.RequestID, ref: as.Ref, muni: as.Municipality, mayPropose: true})
		}
	}
	if a.Has(domain.RoleMunicipal) {
		list, err := d.Requests.ListForContact(t.Ctx(), a.ID, a.Verified)
		if err != nil {
			t.Fail(err)
			return nil, false
		}
		for _, r := range list {
			if slices.Contains(domain.SchedulableStatuses, r.Status) {
				out = append(out, entry{id: r.ID, ref: r.Ref, muni: r.Municipality})
			}
		}
	}
	return out, true
}

// list is /termine: each request of the user's with its appointments, a
// button to move or call off each upcoming one, and for advisors one to
// propose another.
func (d Deps) list(t *engine.Turn, inPlace bool) {
	a, ok := t.Admit(func(a domain.Actor) bool {
		return a.Has(domain.RoleAdvisor) || a.Has(domain.RoleMunicipal) || domain.MayReview(a)
	}, engine.KeyForbidden)
	if !ok {
		return
	}
	if !a.Has(domain.RoleAdvisor) && !a.Has(domain.RoleMunicipal) {
		d.office(t, 0, inPlace)
		return
	}
	entries, ok := d.entries(t, a)
	if !ok {
		return
	}
	var parts []string
	var rows [][]engine.Button
	for _, e := range entries {
		aps, err := d.Appointments.AppointmentsOf(t.Ctx(), e.id)
		if err != nil {
			t.Fail(err)
			return
		}
		lines := []string{t.T(keyListRequest, map[string]any{"Ref": e.ref, "Municipality": e.muni})}
		for _, ap := range aps {
			lines = append(lines, d.line(t, ap))
			if ap.Upcoming(t.Now()) {
				// a row each, with the time: which appointment, on one line of a phone
				when := map[string]any{"When": shortWhen(t.Texts(), t.Lang(), t.Location(), ap.Slot)}
				rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnMove, when), feature, actMove, ap.ID)},
					[]engine.Button{engine.DurableButton(t.Plain(keyBtnCancel, when), feature, actCancel, ap.ID)})
			}
			if ap.Status == domain.AppointmentProposed {
				rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnCancelProposal, map[string]any{"Ref": e.ref}),
					feature, actCancel, ap.ID)})
			}
		}
		if len(aps) == 0 {
			lines = append(lines, t.T(keyListNone, nil))
		}
		parts = append(parts, strings.Join(lines, "\n"))
		if e.mayPropose {
			rows = append(rows, []engine.Button{engine.DurableButton(t.Plain(keyBtnPropose, map[string]any{"Ref": e.ref}),
				feature, actPropose, e.id)})
		}
	}
	text := t.T(keyListTitle, nil) + "\n\n" + strings.Join(parts, "\n\n")
	if len(parts) == 0 {
		text = t.T(keyListEmpty, nil)
	}
	t.Present(engine.Screen{Text: text, Rows: append(rows, t.BackToMenu())}, inPlace)
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

// settled ends the flow of a change that the store answered with err and
// reports whether the change went through. A slot the store refuses is
// told as such; a change no longer possible (conflictKey) or forbidden
// changes nothing and is told too; another error is recorded with Fail.
func settled(t *engine.Turn, err error, conflictKey string) bool {
	var bad *domain.AppointmentError
	switch {
	case errors.As(err, &bad): // the steps refuse a past start, so the acceptance is never after it
		t.EndFlow()
		t.Note(keyInvalidSlot, nil)
		return false
	case errors.Is(err, domain.ErrConflict), errors.Is(err, domain.ErrForbidden), errors.Is(err, domain.ErrNotFound):
		t.EndFlow()
		t.Note(conflictKey, nil)
		return false
	case err != nil:
		t.Fail(err)
		return false
	}
	t.EndFlow()
	return true
}
