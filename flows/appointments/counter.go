package appointments

import (
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// A counter-proposal: the side a proposal awaits offers other options
// instead of picking one (the same questions as a proposal); the other
// side is then asked to pick.

// flowCounter is stored in sessions: keep it.
const flowCounter = "ap_counter"

// actCounter is the durable action of a counter-proposal; id: the
// appointment.
const actCounter = "ct"

// counterFlow declares the flow.
func (d Deps) counterFlow() *engine.Flow {
	return &engine.Flow{Name: flowCounter, Title: keyCounterTitle, Steps: optionSteps(),
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keyCounterSummary, map[string]any{"Lines": engine.HTML(lines)})
		},
		Finish: d.finishCounter}
}

// loadOpen returns the acting user and proposal id, for someone of the
// side it awaits.
func (d Deps) loadOpen(t *engine.Turn, id int64) (domain.Actor, domain.Appointment, bool) {
	return d.loadFor(t, id, keyToastTooLate, domain.CanPick)
}

// startCounter starts a counter-proposal to proposal id.
func (d Deps) startCounter(t *engine.Turn, id int64) {
	_, ap, ok := d.loadOpen(t, id)
	if !ok {
		return
	}
	place := ""
	if len(ap.Options) > 0 {
		place = where(ap.Options[0].Slot)
	}
	t.StartFlow(flowCounter, map[string]string{dataAppointment: strconv.FormatInt(id, 10), dataPlace: place}, false)
}

// finishCounter writes the counter-proposal; the other side is asked to
// pick.
func (d Deps) finishCounter(t *engine.Turn) {
	id, _ := strconv.ParseInt(t.Get(dataAppointment), 10, 64)
	a, ap, ok := d.loadOpen(t, id)
	if !ok {
		t.EndFlow()
		return
	}
	ch, err := d.Appointments.CounterAppointment(t.Ctx(), ap.ID, a.ID, slots(t), "", d.teller(t, a.ID).tell)
	if !settled(t, err, keyToastTooLate) {
		return
	}
	t.Show(engine.Screen{Text: t.T(keyCountered, map[string]any{"Ref": ch.Appointment.RequestRef,
		"Options": engine.HTML(optionLines(t.Texts(), t.Lang(), t.Location(), ch.Appointment))}),
		Rows: [][]engine.Button{t.BackToMenu()}})
}
