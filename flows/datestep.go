package flows

import "time"

// dateSpec declares a step answered with a date: typed (see parseDate) or
// picked from a calendar keyboard under the question. The answer is stored
// as "2006-01-02" and shown in the user's date format.
type dateSpec struct {
	name, label, promptKey string
	// data fills the question; nil: nothing.
	data func(t *turn) map[string]any
	// after names another date answer that this one may not precede, and
	// afterKey the text that says so (filled with .Date and .Limit, the
	// other answer). "": today is the only lower limit.
	after, afterKey string
}

// dateStep returns the step sp declares.
func dateStep(sp dateSpec) step {
	return step{
		name: sp.name, label: sp.label, inSummary: true,
		prompt: func(t *turn) prompt { return sp.prompt(t, sp.month(t)) },
		handle: sp.handle,
		show: func(t *turn, v string) any {
			if d, ok := parseISO(v); ok {
				return t.formatDate(d)
			}
			return v
		},
		button: sp.button,
	}
}

// limits returns the range of the answer: from today (in the engine's
// Location), or the other answer when that is later, to the last day of the
// month maxMonthsAhead months after the current one.
func (sp dateSpec) limits(t *turn) dateLimits {
	today := calendarDay(t.now, t.e.cfg.Location)
	lim := dateLimits{today: today, min: today, minKey: sp.afterKey,
		max: addMonths(today, maxMonthsAhead+1).AddDate(0, 0, -1)}
	if sp.after != "" {
		if d, ok := parseISO(t.get(sp.after)); ok && d.After(today) && !d.After(lim.max) {
			lim.min = d
		}
	}
	return lim
}

// month returns the month the calendar opens with: the one of the current
// answer when it is still in range, else the first month in range.
func (sp dateSpec) month(t *turn) time.Time {
	lim := sp.limits(t)
	if d, ok := parseISO(t.get(sp.name)); ok && lim.check(d).key == "" {
		return monthOf(d)
	}
	return monthOf(lim.min)
}

// prompt is the question with the calendar of month.
func (sp dateSpec) prompt(t *turn, month time.Time) prompt {
	var d map[string]any
	if sp.data != nil {
		d = sp.data(t)
	}
	return prompt{text: t.tr(sp.promptKey, d), rows: t.calendarRows(month, sp.limits(t))}
}

// handle checks a typed or picked date and stores it. A problem is noted
// with its text filled in (the limit it broke, the days the month has).
func (sp dateSpec) handle(t *turn, in input) string {
	lim := sp.limits(t)
	var d time.Time
	var p dateProblem
	if in.pressed {
		var ok bool
		if d, ok = parseISO(in.choice); !ok {
			return keyFlowUseButtons
		}
	} else if d, p = parseDate(in.text, lim.today); p.key != "" {
		t.notes = append(t.notes, t.dateNote(p))
		return problemNoted
	}
	if p = lim.check(d); p.key != "" {
		t.notes = append(t.notes, t.dateNote(p))
		return problemNoted
	}
	t.set(sp.name, d.Format(isoDate))
	return ""
}

// button handles the calendar: a label does nothing, navigation shows
// another month in the same message (the step stays), and a day in range
// answers the step. A month or day out of range (forged, or left from before
// the range moved) is answered "no longer current" and changes nothing.
func (sp dateSpec) button(t *turn, action, arg string) bool {
	switch action {
	case actNoop:
		t.stale = true // nothing changes, and nothing needs saying
	case actCalendar:
		m, ok := parseCalendarMonth(arg)
		lim := sp.limits(t)
		if !ok || m.Before(monthOf(lim.min)) || m.After(monthOf(lim.max)) {
			t.staleButton()
			break
		}
		t.replace(t.stepScreenOf(t.step(), sp.prompt(t, m)))
	case actChoose:
		d, ok := parseISO(arg)
		if !ok || sp.limits(t).check(d).key != "" {
			t.staleButton()
			break
		}
		chosen := t.tr(keyFlowChosen, map[string]any{"Choice": t.formatDate(d)})
		t.replace(screen{text: t.current().text + "\n\n" + chosen})
		t.answer(input{choice: arg, pressed: true})
	default:
		return false
	}
	return true
}
