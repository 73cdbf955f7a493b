package appointments

import (
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// detailAgreed is how many agreed appointments a request's detail lists;
// more are counted.
const detailAgreed = 10

// DetailLines are the lines a request's detail shows about its
// appointments (the request feature calls it, wired in flows.go): each
// agreed one with its time and place, each open proposal, the cancelled
// ones as a count. Nothing before the first proposal. It reports false
// after recording a store error.
func (d Deps) DetailLines(t *engine.Turn, _ domain.Actor, r domain.Request) ([]string, bool) {
	aps, err := d.Appointments.AppointmentsOf(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	if len(aps) == 0 {
		return nil, true
	}
	lines := []string{t.T(keyDetailTitle, nil)}
	agreed, cancelled := 0, 0
	for _, ap := range aps {
		switch ap.Status {
		case domain.AppointmentAgreed:
			if agreed++; agreed <= detailAgreed {
				lines = append(lines, d.line(t, ap))
			}
		case domain.AppointmentProposed:
			lines = append(lines, t.T(keyDetailProposed, map[string]any{"N": len(ap.Options)}))
		default:
			cancelled++
		}
	}
	if agreed > detailAgreed {
		lines = append(lines, t.T(keyDetailMore, map[string]any{"N": agreed - detailAgreed}))
	}
	if cancelled > 0 {
		lines = append(lines, t.T(keyDetailCancelled, map[string]any{"N": cancelled}))
	}
	return lines, true
}
