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

// dateForm is a way to type a date: a pattern with the day, the month and
// the year (which may be missing) as numbered groups, and the key of the
// form's name in the note that says how a date was read ("" for the form
// the texts ask for, which needs no such note).
type dateForm struct {
	re               *regexp.Regexp
	day, month, year int
	name             string
}

// dateForms are the ways to type a date, in every language:
//   - day and month of one or two digits, then a year of four or two digits
//     or none ("24.11.2026", "24.11.26", "24.11.", "24.11"), with spaces
//     allowed after the dots ("24. 11. 2026");
//   - the same with slashes, day first as in the UK ("24/11/2026", "1/3/27",
//     "24/11");
//   - year, month and day with hyphens ("2026-11-24", "2027-3-1").
var dateForms = []dateForm{
	{re: regexp.MustCompile(`^(\d{1,2})\.\s*(\d{1,2})(?:\.\s*(\d{4}|\d{2})?)?$`), day: 1, month: 2, year: 3},
	{re: regexp.MustCompile(`^(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}|\d{2}))?$`), day: 1, month: 2, year: 3, name: keyDateFormSlash},
	{re: regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`), day: 3, month: 2, year: 1, name: keyDateFormISO},
}

// typedDay is a typed date as read: the day, the name of its form (see
// dateForm), and whether the year was left out and the day and month have
// passed this year, so that it is next year's.
type typedDay struct {
	date     time.Time
	form     string
	nextYear bool
}

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

// parseDate reads a typed date (see dateForms); today is the current day.
// A date without a year is the next such day that is not before today. It
// returns the date, or a problem: keyDateFormat for text that is no date,
// keyDateNoMonth for a month outside 1-12, keyDateNoDay for a day the month
// lacks (31.02., 00.01., 29.02.2027). The range is checked elsewhere
// (dateLimits.check).
func parseDate(s string, today time.Time) (typedDay, dateProblem) {
	s = strings.TrimSpace(s)
	var f dateForm
	var m []string
	for _, f = range dateForms {
		if m = f.re.FindStringSubmatch(s); m != nil {
			break
		}
	}
	if m == nil {
		return typedDay{}, dateProblem{key: keyDateFormat}
	}
	day, _ := strconv.Atoi(m[f.day])
	month, _ := strconv.Atoi(m[f.month])
	if month < 1 || month > 12 {
		return typedDay{}, dateProblem{key: keyDateNoMonth, day: day, month: month}
	}
	r := typedDay{form: f.name}
	year, _ := strconv.Atoi(m[f.year])
	switch len(m[f.year]) {
	case 0:
		year = today.Year()
		if month < int(today.Month()) || month == int(today.Month()) && day < today.Day() {
			year, r.nextYear = year+1, true
		}
	case 2:
		year += 2000
	}
	if day < 1 || day > daysIn(year, month) {
		return typedDay{}, dateProblem{key: keyDateNoDay, day: day, month: month, year: year}
	}
	r.date = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return r, dateProblem{}
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
func (t *Turn) monthName(month int) string { return t.e.texts.Month(t.Lang(), time.Month(month)) }

// readDate reads the typed date s within lim; false after noting its
// problem.
func (t *Turn) readDate(s string, lim dateLimits) (typedDay, bool) {
	r, p := parseDate(s, lim.today)
	if p.key != "" {
		t.NoteText(t.dateNote(p))
		return typedDay{}, false
	}
	return r, t.inLimits(r.date, lim)
}

// inLimits reports whether d is within lim; when it is not, it notes why.
func (t *Turn) inLimits(d time.Time, lim dateLimits) bool {
	if p := lim.check(d); p.key != "" {
		t.NoteText(t.dateNote(p))
		return false
	}
	return true
}

// noteReading says how the date r was read, when it was typed in a form
// the texts do not ask for.
func (t *Turn) noteReading(r typedDay) {
	if r.form == "" {
		return
	}
	t.Note(keyDateReadAs, map[string]any{"Day": r.date.Day(), "Month": t.monthName(int(r.date.Month())),
		"Year": r.date.Year(), "Form": t.Plain(r.form, nil)})
}

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
