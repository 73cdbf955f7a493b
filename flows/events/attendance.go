package events

import (
	"log/slog"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The attendance after an event (issue 14): one screen lists every
// association that answered yes with its persons and whether it came, and
// a toggle per association records it at once (RecordAttendance).

// attendance shows the attendance screen of event e in the pressed
// message; before the start (or for a cancelled event) the press is
// refused.
func (d Deps) attendance(t *engine.Turn, e domain.Event) {
	if e.Status != domain.EventPublished || !e.Started(t.Now()) {
		t.Refuse(keyAttendanceEarly)
		return
	}
	rows, err := d.Events.AnswersOf(t.Ctx(), e.ID)
	if err != nil {
		t.Fail(err)
		return
	}
	var lines []string
	var buttons [][]engine.Button
	for _, a := range rows {
		if a.Reply != domain.ReplyYes {
			continue
		}
		mark := 0 // not recorded
		if a.Attended != nil {
			mark = map[bool]int{true: 1, false: 2}[*a.Attended]
		}
		lines = append(lines, t.T(keyAttendanceLine, map[string]any{"Name": a.OrganisationName, "Persons": a.Persons, "Mark": mark}))
		buttons = append(buttons, []engine.Button{
			engine.ScreenButton(t.Plain(keyBtnCame, map[string]any{"Name": a.OrganisationName, "On": mark == 1}), screenAttend,
				attendParam(e.ID, a.OrganisationID, true)),
			engine.ScreenButton(t.Plain(keyBtnNotCame, map[string]any{"On": mark == 2}), screenAttend,
				attendParam(e.ID, a.OrganisationID, false)),
		})
	}
	text := t.T(keyAttendanceNone, map[string]any{"Title": e.Title})
	if len(lines) > 0 {
		text = t.T(keyAttendance, map[string]any{"Title": e.Title, "When": when(t, e), "Lines": engine.HTML(strings.Join(lines, "\n"))})
	}
	buttons = append(buttons, []engine.Button{engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, e.ID)})
	t.Replace(engine.Screen{Text: text, Rows: buttons})
}

// attendParam is the parameter of screenAttend: event, organisation and
// whether it came.
func attendParam(event, org int64, came bool) string {
	mark := "0"
	if came {
		mark = "1"
	}
	return strconv.FormatInt(event, 10) + "." + strconv.FormatInt(org, 10) + "." + mark
}

// attend records one association's attendance from param (attendParam)
// and shows the attendance screen again; a malformed parameter is a stale
// button, another organiser's event a refused press, an association that
// did not say yes (or a press before the start) refused by the store.
func (d Deps) attend(t *engine.Turn, param string) {
	parts := strings.Split(param, ".")
	if len(parts) != 3 || parts[2] != "0" && parts[2] != "1" {
		t.StaleButton()
		return
	}
	org, ok := engine.ParseID(parts[1])
	if !ok {
		t.StaleButton()
		return
	}
	came := parts[2] == "1"
	d.managed(func(t *engine.Turn, e domain.Event) {
		a, ok := t.Actor()
		if !ok {
			return
		}
		err := d.Events.RecordAttendance(t.Ctx(), e.ID, a.ID, []domain.Attendance{{OrganisationID: org, Came: came}})
		if refused(t, err, keyAttendanceEarly) {
			return
		}
		t.Log().Info("event attendance", slog.Int64("event_id", e.ID), slog.Int64("organisation_id", org), slog.Bool("came", came))
		t.Toast(t.Plain(keyAttendanceSaved, nil))
		d.attendance(t, e)
	})(t, parts[0])
}
