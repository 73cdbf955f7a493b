package engine

import "time"

// DateSpec declares a step answered with a date: typed (see parseDate) or
// picked from a calendar keyboard under the question. The answer is stored
// as "2006-01-02" (ISODate) and shown in the user's date format.
type DateSpec struct {
	Name, Label, PromptKey string
	// Data fills the question; nil: nothing.
	Data func(t *Turn) map[string]any
	// After names another date answer that this one may not precede, and
	// AfterKey the text that says so (filled with .Date and .Limit, the
	// other answer). "": today is the only lower limit.
	After, AfterKey string
}

// DateStep returns the step sp declares.
func DateStep(sp DateSpec) Step {
	return Step{
		Name: sp.Name, Label: sp.Label, InSummary: true,
		Prompt: func(t *Turn) Prompt { return sp.prompt(t, sp.month(t)) },
		Handle: sp.handle,
		Show: func(t *Turn, v string) any {
			if d, ok := ParseISO(v); ok {
				return t.FormatDate(d)
			}
			return v
		},
		Button: sp.button,
		Leave:  func(t *Turn) { t.Del(nextYearKey(sp.Name)) },
	}
}

// limits returns the range of the answer: from today (in the engine's
// Location), or the other answer when that is later, to the last day of the
// month maxMonthsAhead months after the current one.
func (sp DateSpec) limits(t *Turn) dateLimits {
	today := CalendarDay(t.now, t.e.cfg.Location)
	lim := dateLimits{today: today, min: today, minKey: sp.AfterKey,
		max: addMonths(today, maxMonthsAhead+1).AddDate(0, 0, -1)}
	if sp.After != "" {
		if d, ok := ParseISO(t.Get(sp.After)); ok && d.After(today) && !d.After(lim.max) {
			lim.min = d
		}
	}
	return lim
}

// month returns the month the calendar opens with: the one of the current
// answer when it is still in range, else the first month in range.
func (sp DateSpec) month(t *Turn) time.Time {
	lim := sp.limits(t)
	if d, ok := ParseISO(t.Get(sp.Name)); ok && lim.check(d).key == "" {
		return monthOf(d)
	}
	return monthOf(lim.min)
}

// prompt is the question with the calendar of month, or the question
// about next year while an answer waits for it (nextyear.go).
func (sp DateSpec) prompt(t *Turn, month time.Time) Prompt {
	if p, ok := t.nextYearPrompt(nextYearKey(sp.Name)); ok {
		return p
	}
	var d map[string]any
	if sp.Data != nil {
		d = sp.Data(t)
	}
	return Prompt{Text: t.T(sp.PromptKey, d), Rows: t.calendarRows(month, sp.limits(t))}
}

// handle checks a typed or picked date and stores it. A problem is noted
// with its text filled in (the limit it broke, the days the month has). A
// typed day and month that have passed this year wait for the question
// about next year.
func (sp DateSpec) handle(t *Turn, in Input) string {
	lim := sp.limits(t)
	var d time.Time
	if in.Pressed {
		var ok bool
		if d, ok = ParseISO(in.Choice); !ok {
			return keyFlowUseButtons
		}
		if !t.inLimits(d, lim) {
			return ProblemNoted
		}
	} else {
		r, ok := t.readDate(in.Text, lim)
		if !ok {
			return ProblemNoted
		}
		if r.nextYear {
			t.Set(nextYearKey(sp.Name), r.date.Format(ISODate))
			return ProblemNoted // the question about next year comes
		}
		t.noteReading(r)
		d = r.date
	}
	t.Del(nextYearKey(sp.Name))
	t.Set(sp.Name, d.Format(ISODate))
	return ""
}

// button handles the question about next year (nextyear.go) and the
// calendar: a label does nothing, navigation shows another month in the
// same message (the step stays), and a day in range answers the step. A
// month or day out of range (forged, or left from before the range moved),
// or any press on the calendar while the question shows, is answered "no
// longer current" and changes nothing.
func (sp DateSpec) button(t *Turn, action, arg string) bool {
	key := nextYearKey(sp.Name)
	if t.nextYearButton(key, action) {
		return true
	}
	if t.Get(key) != "" && (action == actCalendar || action == actChoose) {
		t.StaleButton() // the question about next year shows no calendar
		return true
	}
	switch action {
	case actCalendar:
		m, ok := parseCalendarMonth(arg)
		lim := sp.limits(t)
		if !ok || m.Before(monthOf(lim.min)) || m.After(monthOf(lim.max)) {
			t.StaleButton()
			break
		}
		t.Replace(t.stepScreenOf(sp.prompt(t, m)))
	case actChoose:
		d, ok := ParseISO(arg)
		if !ok || sp.limits(t).check(d).key != "" {
			t.StaleButton()
			break
		}
		t.showChoice(t.FormatDate(d))
		t.answer(Input{Choice: arg, Pressed: true})
	default:
		return false
	}
	return true
}
