package reports

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// startReport starts the presser's report on request id: a new one, the
// answer to a question, or the correction of a confirmed version (the
// flow then opens at its summary with that version's answers). A version
// that waits for the municipal side is not written twice.
func (d Deps) startReport(t *engine.Turn, id int64) {
	a, r, seats, ok := d.load(t, id)
	if !ok {
		return
	}
	seat := slices.IndexFunc(seats, func(s domain.Seat) bool { return s.AdvisorID == a.ID })
	switch {
	case seat < 0:
		t.Refuse(engine.KeyForbidden)
		return
	case !domain.CanSubmitReport(a, r, seats):
		t.Refuse(keyToastNotReporting)
		return
	}
	reports, err := d.Reports.ReportsOf(t.Ctx(), id)
	if err != nil {
		t.Fail(err)
		return
	}
	data := map[string]string{}
	if rep, ok := newest(reports, a.ID); ok {
		if rep.Status == domain.ReportSubmitted {
			t.Show(engine.Screen{Text: t.T(keyWaiting, map[string]any{"Ref": r.Ref}), Rows: [][]engine.Button{t.BackToMenu()}})
			return
		}
		data = answersOf(rep)
	}
	days, ok := d.workedDays(t, r, seats[seat])
	if !ok {
		return
	}
	data[dataRequest], data[dataRef] = strconv.FormatInt(id, 10), r.Ref
	data[dataAccepted] = isoDay(seats[seat].AssignedAt, t.Location())
	data[dataOffered], data[dataRate] = strings.Join(days, ","), strconv.Itoa(d.kmRate())
	t.StartFlow(flowReport, data, false)
}

// workedDays are the days of r's agreed appointments from the day seat
// was taken to today, the days a report offers.
func (d Deps) workedDays(t *engine.Turn, r domain.Request, seat domain.Seat) ([]string, bool) {
	aps, err := d.Appointments.AppointmentsOf(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	from, today := isoDay(seat.AssignedAt, t.Location()), isoDay(t.Now(), t.Location())
	var days []string
	for _, ap := range aps {
		day := isoDay(ap.Start, t.Location())
		if ap.Status == domain.AppointmentAgreed && day >= from && day <= today && !slices.Contains(days, day) {
			days = append(days, day)
		}
	}
	return days, true
}

// finishReport submits the report; the municipal side gets it to confirm.
func (d Deps) finishReport(t *engine.Turn) {
	id, _ := strconv.ParseInt(t.Get(dataRequest), 10, 64)
	a, r, seats, ok := d.load(t, id)
	if !ok {
		return
	}
	if minutesSoFar(t) == 0 {
		t.Del(stepSession)
		t.Note(keyNoHours, nil)
		t.Advance(false)
		return
	}
	tl, ok := d.teller(t, r, seats, a.ID, false)
	if !ok {
		return
	}
	_, err := d.Reports.SubmitReport(t.Ctx(), draft(t, a.ID), tl.submitted)
	if errors.Is(err, domain.ErrInvalid) { // the days and hours were checked step by step: a day edited since
		t.Del(stepDays)
		t.Note(keyInvalidReport, nil)
		t.Advance(false)
		return
	}
	if !settled(t, err, keyLateSubmit) {
		return
	}
	t.Show(engine.Screen{Text: t.T(keySubmitted, map[string]any{"Ref": r.Ref, "Municipality": r.Municipality}),
		Rows: [][]engine.Button{t.BackToMenu()}})
}
