package engine

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates of date steps are calendar days: midnight UTC of the day as seen
// in the engine's Location. They compare and add without daylight saving
// getting in the way.

// ISODate is the layout of date answers in the session.
const ISODate = "2006-01-02"

// maxMonthsAhead is how many months after the current one a date may lie.
const maxMonthsAhead = 24

// typedDate is a typed date: day and month of one or two digits, then a
// year of four or two digits or none ("24.11.2026", "24.11.26", "24.11.",
// "24.11"), with spaces allowed after the dots ("24. 11. 2026").
var typedDate = regexp.MustCompile(`^(\d{1,2})\.\s*(\d{1,2})(?:\.\s*(\d{4}|\d{2})?)?$`)

// dateProblem is why a date was refused: the key of the text that says so
// and what it names.
type dateProblem struct {
	key              string
	day, month, year int       // the date as typed (year completed), for keyDateNoMonth and keyDateNoDay
	date, limit      time.Time // the date, and the limit it broke
}

// CalendarDay returns the day of when in loc (see above).
func CalendarDay(when time.Time, loc *time.Location) time.Time {
	y, m, d := when.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// monthOf returns the first day of d's month.
func monthOf(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// addMonths returns the first day of the month n months after d's.
func addMonths(d time.Time, n int) time.Time {
	return time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
}

// daysIn returns the number of days of month in year.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseDate reads a typed date; today is the current day. A date without a
// year is the next such day that is not before today. It returns the date,
// or a problem: keyDateFormat for text that is no date, keyDateNoMonth for a
// month outside 1-12, keyDateNoDay for a day the month lacks (31.02.,
// 00.01., 29.02.2027). The range is checked elsewhere (dateLimits.check).
func parseDate(s string, today time.Time) (time.Time, dateProblem) {
	m := typedDate.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, dateProblem{key: keyDateFormat}
	}
	day, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	if month < 1 || month > 12 {
		return time.Time{}, dateProblem{key: keyDateNoMonth, day: day, month: month}
	}
	year, _ := strconv.Atoi(m[3])
	switch len(m[3]) {
	case 0:
		year = today.Year()
		if month < int(today.Month()) || month == int(today.Month()) && day < today.Day() {
			year++
		}
	case 2:
		year += 2000
	}
	if day < 1 || day > daysIn(year, month) {
		return time.Time{}, dateProblem{key: keyDateNoDay, day: day, month: month, year: year}
	}
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), dateProblem{}
}

// ParseISO reads a date stored or sent as "2006-01-02"; it reports false
// for anything else, also for a non-canonical form such as "2026-1-2".
func ParseISO(s string) (time.Time, bool) {
	d, err := time.Parse(ISODate, s)
	if err != nil || d.Format(ISODate) != s {
		return time.Time{}, false
	}
	return d, true
}

// dateLimits is the range a date answer may take.
type dateLimits struct {
	today  time.Time // no date before it
	min    time.Time // no date before it either (today, or a later date of another answer)
	minKey string    // the text that says a date is before min when min is after today
	max    time.Time // no date after it
}

// check returns the problem of d, or one with an empty key when d is in range.
func (l dateLimits) check(d time.Time) dateProblem {
	switch {
	case d.Before(l.today):
		return dateProblem{key: keyDatePast, date: d, limit: l.today}
	case d.Before(l.min):
		return dateProblem{key: l.minKey, date: d, limit: l.min}
	case d.After(l.max):
		return dateProblem{key: keyDateTooFar, date: d, limit: l.max}
	}
	return dateProblem{}
}

// monthName returns the name of month (1-12) in the user's language.
func (t *Turn) monthName(month int) string { return t.Plain(monthKeys[month-1], nil) }

// dateNote returns the text of p, filled in.
func (t *Turn) dateNote(p dateProblem) string {
	data := map[string]any{"Day": p.day, "Number": p.month, "Year": p.year}
	if p.month >= 1 && p.month <= 12 && p.year > 0 {
		data["Month"], data["Days"] = t.monthName(p.month), daysIn(p.year, p.month)
	}
	if !p.date.IsZero() {
		data["Date"] = t.FormatDate(p.date)
	}
	if !p.limit.IsZero() {
		data["Limit"] = t.FormatDate(p.limit)
	}
	return t.T(p.key, data)
}
