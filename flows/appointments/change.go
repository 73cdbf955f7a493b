package appointments

import (
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Moving and calling off an agreed appointment, by either side, from
// /termine: a new start, duration and place and a reason, or a reason
// alone; summary; confirm. The other side is told and everyone gets the
// new calendar file (a higher SEQUENCE; CANCEL for a call-off).

// Flow names are stored in sessions: keep them.
const (
	flowMove   = "ap_move"
	flowCancel = "ap_cancel"
)

// Durable actions on an appointment id.
const (
	actMove   = "mv"
	actCancel = "cx"
)

// Step names and data of the two flows.
const (
	dataAppointment = "ap"
	stepStart       = "ns"
	stepLength      = "nd"
	stepPlace       = "np"
	stepReason      = "why"
)

// ruleReason is the rule of a reason.
var ruleReason = engine.TextRule{Min: 3, Max: domain.MaxAppointmentReason}

// moveFlow declares the flow of a new time.
func (d Deps) moveFlow() *engine.Flow {
	return &engine.Flow{Name: flowMove, Title: keyMoveTitle,
		Steps: []engine.Step{startStep(stepStart, keyMovePrompt, nil), lengthStep(stepLength), placeStep(stepPlace, nil),
			engine.RuleStep(stepReason, keyFieldReason, keyReasonPrompt, ruleReason)},
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keyMoveSummary, map[string]any{"Lines": engine.HTML(lines)})
		},
		Finish: func(t *engine.Turn) { d.finishChange(t, false) }}
}

// cancelFlow declares the flow of a call-off.
func (d Deps) cancelFlow() *engine.Flow {
	return &engine.Flow{Name: flowCancel, Title: keyCancelTitle,
		Steps: []engine.Step{engine.RuleStep(stepReason, keyFieldReason, keyReasonPrompt, ruleReason)},
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keyCancelSummary, map[string]any{"Lines": engine.HTML(lines)})
		},
		Finish: func(t *engine.Turn) { d.finishChange(t, true) }}
}

// loadAppointment returns the acting user and appointment id, for
// someone of either side who may move it (cancel false) or call it off.
func (d Deps) loadAppointment(t *engine.Turn, id int64, cancel bool) (domain.Actor, domain.Appointment, bool) {
	return d.loadFor(t, id, keyToastNotUpcoming, func(a domain.Actor, r domain.Request, seats []domain.Seat, ap domain.Appointment) bool {
		if cancel {
			return domain.CanCallOff(a, r, seats, ap, t.Now())
		}
		return domain.CanReschedule(a, r, seats, ap, t.Now())
	})
}

// startChange starts moving (cancel false) or calling off appointment id.
func (d Deps) startChange(t *engine.Turn, id int64, cancel bool) {
	_, ap, ok := d.loadAppointment(t, id, cancel)
	if !ok {
		return
	}
	if cancel {
		t.StartFlow(flowCancel, map[string]string{dataAppointment: strconv.FormatInt(id, 10)}, false)
		return
	}
	t.StartFlow(flowMove, map[string]string{dataAppointment: strconv.FormatInt(id, 10), dataPlace: where(ap.Slot)}, false)
}

// finishChange moves or calls off the appointment; the other side is told.
func (d Deps) finishChange(t *engine.Turn, cancel bool) {
	id, _ := strconv.ParseInt(t.Get(dataAppointment), 10, 64)
	a, ap, ok := d.loadAppointment(t, id, cancel)
	if !ok {
		t.EndFlow()
		return
	}
	tl, reason := d.teller(t, a.ID), t.Get(stepReason)
	var ch domain.AppointmentChange
	var err error
	if cancel {
		ch, err = d.Appointments.CancelAppointment(t.Ctx(), ap.ID, a.ID, reason, tl.tell)
	} else {
		to, _ := slotOf(t, stepStart, stepLength, stepPlace)
		ch, err = d.Appointments.RescheduleAppointment(t.Ctx(), ap.ID, a.ID, to, reason, tl.tell)
	}
	if !settled(t, err, keyNotUpcoming) {
		return
	}
	key := keyMovedSelf
	switch {
	case cancel && ch.Appointment.AgreedBy == 0:
		key = keyCancelledProposalSelf
	case cancel:
		key = keyCancelledSelf
	}
	t.Show(engine.Screen{Text: t.T(key, tl.changeData(t.Lang(), ch)), Rows: [][]engine.Button{t.BackToMenu()}})
}

// changeData fills the texts of a move or a call-off in lang.
func (tl teller) changeData(lang string, ch domain.AppointmentChange) map[string]any {
	ap := ch.Appointment
	data := map[string]any{"Ref": ap.RequestRef, "When": slotText(tl.tx, lang, tl.loc, ap.Slot), "Where": where(ap.Slot),
		"Reason": ap.Reason}
	if !ch.Previous.Start.IsZero() {
		data["Old"] = slotText(tl.tx, lang, tl.loc, ch.Previous)
	}
	return data
}
