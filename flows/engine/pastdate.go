package engine

import "time"

// ReadPastDate reads a typed date that has already happened (a day
// worked), in the forms a date step takes (see dateForms). A date without
// a year is the last such day that is not after today. The day must lie
// from from (a calendar day, see CalendarDay) to today: a day before from
// is noted with fromKey, a day after today with futureKey, both filled
// with .Date and .Limit. It returns the day, or false after noting the
// problem (as a step's Handle then returns ProblemNoted).
func (t *Turn) ReadPastDate(s string, from time.Time, fromKey, futureKey string) (time.Time, bool) {
	today := CalendarDay(t.now, t.e.cfg.Location)
	// A day without a year is the next such day from a year ago: the
	// last one that is not after today ("15.12." in January is last
	// December's).
	r, p := parseDate(s, today.AddDate(-1, 0, 1))
	if p.key != "" {
		t.NoteText(t.dateNote(p))
		return time.Time{}, false
	}
	d := r.date
	switch {
	case d.After(today):
		t.NoteText(t.dateNote(dateProblem{key: futureKey, date: d, limit: today}))
		return time.Time{}, false
	case d.Before(from):
		t.NoteText(t.dateNote(dateProblem{key: fromKey, date: d, limit: from}))
		return time.Time{}, false
	}
	return d, true
}
