package engine

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A date-time step asks for a day and a time: typed at once ("24.11.2026
// 14:00"), or a day picked in the calendar (or typed) and then a time
// picked from buttons (or typed, "14:30"). The picked day waits in the
// session beside the answer. The answer is "2006-01-02T15:04" in the
// engine's time zone (ISODateTime); it must lie after the turn's time.

// ISODateTime is the layout of date-time answers in the session.
const ISODateTime = "2006-01-02T15:04"

// actOtherDay drops the picked day and shows the calendar again.
const actOtherDay = "od"

// typedClock is a typed time of day: "14", "14:30", "14.30", "9 Uhr", "14h".
var typedClock = regexp.MustCompile(`(?i)^(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr|h)?$`)

// typedDateClock splits a date typed with a time of day after spaces or a
// comma ("24.11.2026 14:00", "25.11., 9 Uhr"): the date part is the
// shortest that leaves a time (spaces may follow the dots of a date).
var typedDateClock = regexp.MustCompile(`(?i)^(.+?)[\s,]+(\d{1,2}(?:[:.]\d{2})?\s*(?:uhr|h)?)$`)

// defaultTimes are the time buttons offered after a day is picked.
var defaultTimes = []string{"08:00", "09:00", "10:00", "11:00", "12:00", "13:00",
	"14:00", "15:00", "16:00", "17:00", "18:00", "19:00"}

// DateTimeSpec declares a date-time step.
type DateTimeSpec struct {
	Name, Label, PromptKey string
	Data                   func(t *Turn) map[string]any // fills the question; nil: nothing
	Times                  []string                     // time buttons, "15:04"; nil: every hour from 8 to 19
}

// ParseDateTime reads a date-time answer as a time in loc; false for
// anything else.
func ParseDateTime(answer string, loc *time.Location) (time.Time, bool) {
	d, err := time.ParseInLocation(ISODateTime, answer, loc)
	return d, err == nil && d.Format(ISODateTime) == answer
}

// DateTimeStep returns the step sp declares.
func DateTimeStep(sp DateTimeSpec) Step {
	return Step{
		Name: sp.Name, Label: sp.Label, InSummary: true,
		Prompt: sp.prompt,
		Handle: sp.handle,
		Show: func(t *Turn, v string) any {
			if d, ok := ParseDateTime(v, t.Location()); ok {
				return t.DateTime(d)
			}
			return v
		},
		Button: sp.button,
		Leave: func(t *Turn) {
			t.Del(sp.day().Name)
			t.Del(nextYearKey(sp.day().Name))
		},
	}
}

// day is the date part: a date step whose answer is the picked day. Its
// question about next year (nextyear.go) is the date-time step's too.
func (sp DateTimeSpec) day() DateSpec {
	return DateSpec{Name: sp.Name + "@", Label: sp.Label, PromptKey: sp.PromptKey, Data: sp.Data}
}

func (sp DateTimeSpec) prompt(t *Turn) Prompt {
	d, ok := ParseISO(t.Get(sp.day().Name))
	if !ok {
		return sp.day().prompt(t, sp.day().month(t))
	}
	var data map[string]any
	if sp.Data != nil {
		data = sp.Data(t)
	}
	text := t.T(sp.PromptKey, data) + "\n\n" + t.T(keyDateTimePickTime, map[string]any{"Date": t.FormatDate(d)})
	times := sp.Times
	if times == nil {
		times = defaultTimes
	}
	var rows [][]Button
	var row []Button
	for _, hm := range times {
		row = append(row, Button{Label: hm, action: actChoose, arg: timeArg(d.Format(ISODate) + "T" + hm)})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, []Button{StepButton(t.Plain(keyBtnOtherDay, nil), actOtherDay, "")})
	return Prompt{Text: text, Rows: rows}
}

// handle takes a typed date and time, a typed date (then asks for the
// time), a typed time (when a day is picked) or a pressed time. A typed day
// and month that have passed this year wait, with the time if any, for the
// question about next year, whose yes answers as if pressed.
func (sp DateTimeSpec) handle(t *Turn, in Input) string {
	if in.Pressed {
		return sp.give(t, answerOf(in.Choice))
	}
	text := strings.TrimSpace(in.Text)
	if day, ok := ParseISO(t.Get(sp.day().Name)); ok {
		if h, m, ok := parseClock(text); ok {
			return sp.take(t, day.Format(ISODate)+"T"+clock(h, m))
		}
	}
	datePart, clockPart := text, ""
	if g := typedDateClock.FindStringSubmatch(text); g != nil {
		if _, _, ok := parseClock(g[2]); ok {
			datePart, clockPart = g[1], g[2]
		}
	}
	r, ok := t.readDate(datePart, sp.day().limits(t))
	if !ok {
		return ProblemNoted
	}
	v := r.date.Format(ISODate)
	if clockPart != "" {
		h, m, _ := parseClock(clockPart)
		v += "T" + clock(h, m)
	}
	if r.nextYear {
		t.Del(sp.day().Name)
		t.Set(nextYearKey(sp.day().Name), v)
		return ProblemNoted // the question about next year comes
	}
	t.noteReading(r)
	return sp.give(t, v)
}

// give takes a day (then asks for the time) or a full answer.
func (sp DateTimeSpec) give(t *Turn, v string) string {
	d, ok := ParseISO(v)
	if !ok {
		return sp.take(t, v)
	}
	if !t.inLimits(d, sp.day().limits(t)) {
		return ProblemNoted
	}
	t.Del(nextYearKey(sp.day().Name))
	t.Set(sp.day().Name, v)
	return ProblemNoted // the question comes again, asking for the time
}

// take checks a full answer and stores it.
func (sp DateTimeSpec) take(t *Turn, v string) string {
	when, ok := ParseDateTime(v, t.Location())
	switch {
	case !ok:
		return keyFlowUseButtons
	case !when.After(t.now):
		t.Note(keyDateTimePast, map[string]any{"Date": t.DateTime(when)})
		return ProblemNoted
	}
	if !t.inLimits(CalendarDay(when, t.Location()), sp.day().limits(t)) {
		return ProblemNoted
	}
	t.Del(sp.day().Name)
	t.Del(nextYearKey(sp.day().Name))
	t.Set(sp.Name, v)
	return ""
}

// button handles the calendar (another month, a day: then the times), the
// way back from the times to the calendar, and the question about next
// year (the date part's).
func (sp DateTimeSpec) button(t *Turn, action, arg string) bool {
	if t.Get(nextYearKey(sp.day().Name)) != "" {
		return sp.day().button(t, action, arg) // the question about next year shows
	}
	switch action {
	case actOtherDay:
		t.Del(sp.day().Name)
		t.Replace(t.stepScreenOf(sp.prompt(t)))
		return true
	case actChoose:
		d, ok := ParseISO(arg)
		if !ok {
			return false // a time: the engine checks it against the prompt
		}
		if t.Get(sp.day().Name) != "" || sp.day().limits(t).check(d).key != "" {
			t.StaleButton()
			return true
		}
		t.Set(sp.day().Name, arg)
		t.Replace(t.stepScreenOf(sp.prompt(t)))
		return true
	case actCalendar:
		if t.Get(sp.day().Name) != "" {
			t.StaleButton()
			return true
		}
		return sp.day().button(t, action, arg)
	}
	return false
}

// timeArg is the argument of a time button: the answer without its ":",
// which separates the parts of callback data ("2006-01-02T1504").
func timeArg(answer string) string { return strings.Replace(answer, ":", "", 1) }

// answerOf returns the answer a time button's argument stands for; take
// checks it.
func answerOf(arg string) string {
	if len(arg) != len("2006-01-02T1504") {
		return arg
	}
	return arg[:13] + ":" + arg[13:]
}

// parseClock reads a typed time of day.
func parseClock(s string) (h, m int, ok bool) {
	g := typedClock.FindStringSubmatch(strings.TrimSpace(s))
	if g == nil {
		return 0, 0, false
	}
	h, _ = strconv.Atoi(g[1])
	if g[2] != "" {
		m, _ = strconv.Atoi(g[2])
	}
	return h, m, h < 24 && m < 60
}

func clock(h, m int) string { return time.Date(2000, 1, 1, h, m, 0, 0, time.UTC).Format("15:04") }
