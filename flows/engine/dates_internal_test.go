package engine

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	today := ymd(2026, 11, 24)
	cases := []struct {
		name, in string
		want     time.Time
		problem  dateProblem
	}{
		{"full year", "24.11.2026", ymd(2026, 11, 24), dateProblem{}},
		{"short year", "24.11.26", ymd(2026, 11, 24), dateProblem{}},
		{"no year, today", "24.11.", ymd(2026, 11, 24), dateProblem{}},
		{"no year, no final dot", "24.11", ymd(2026, 11, 24), dateProblem{}},
		{"no year, later this year", "25.11.", ymd(2026, 11, 25), dateProblem{}},
		{"no year, passed this year", "23.11.", ymd(2027, 11, 23), dateProblem{}},
		{"no year, earlier month", "4.1.", ymd(2027, 1, 4), dateProblem{}},
		{"one digit day and month", "4.1.27", ymd(2027, 1, 4), dateProblem{}},
		{"surrounding spaces", "  4.1.27 \n", ymd(2027, 1, 4), dateProblem{}},
		{"spaces after the dots", "24. 11. 2026", ymd(2026, 11, 24), dateProblem{}},
		{"past date parses (the range is checked apart)", "1.1.2000", ymd(2000, 1, 1), dateProblem{}},
		{"leap day in a leap year", "29.02.2028", ymd(2028, 2, 29), dateProblem{}},
		{"31 February", "31.02.", time.Time{}, dateProblem{key: keyDateNoDay, day: 31, month: 2, year: 2027}},
		{"29 February without year in a common year", "29.02.", time.Time{}, dateProblem{key: keyDateNoDay, day: 29, month: 2, year: 2027}},
		{"29 February 2027", "29.02.2027", time.Time{}, dateProblem{key: keyDateNoDay, day: 29, month: 2, year: 2027}},
		{"31 April", "31.4.27", time.Time{}, dateProblem{key: keyDateNoDay, day: 31, month: 4, year: 2027}},
		{"day zero", "00.01.2027", time.Time{}, dateProblem{key: keyDateNoDay, day: 0, month: 1, year: 2027}},
		{"month 13", "24.13.2026", time.Time{}, dateProblem{key: keyDateNoMonth, day: 24, month: 13}},
		{"month zero", "1.0.", time.Time{}, dateProblem{key: keyDateNoMonth, day: 1, month: 0}},
		{"letters", "morgen", time.Time{}, dateProblem{key: keyDateFormat}},
		{"empty", "  ", time.Time{}, dateProblem{key: keyDateFormat}},
		{"letters after the date", "24.11.2026 abends", time.Time{}, dateProblem{key: keyDateFormat}},
		{"three-digit year", "24.11.202", time.Time{}, dateProblem{key: keyDateFormat}},
		{"ISO form", "2026-11-24", ymd(2026, 11, 24), dateProblem{}},
		{"ISO form, one digit", "2027-3-1", ymd(2027, 3, 1), dateProblem{}},
		{"ISO form, no such day", "2027-04-31", time.Time{}, dateProblem{key: keyDateNoDay, day: 31, month: 4, year: 2027}},
		{"ISO form, month 13", "2027-13-01", time.Time{}, dateProblem{key: keyDateNoMonth, day: 1, month: 13}},
		{"ISO form, short year", "27-03-01", time.Time{}, dateProblem{key: keyDateFormat}},
		{"ISO form with slashes", "2027/03/01", time.Time{}, dateProblem{key: keyDateFormat}},
		{"slashes, day first", "1/3/2027", ymd(2027, 3, 1), dateProblem{}},
		{"slashes, two digits", "01/03/2027", ymd(2027, 3, 1), dateProblem{}},
		{"slashes, short year", "24/11/26", ymd(2026, 11, 24), dateProblem{}},
		{"slashes, spaces", "24 / 11 / 2026", ymd(2026, 11, 24), dateProblem{}},
		{"slashes, no year", "25/11", ymd(2026, 11, 25), dateProblem{}},
		{"slashes, month first", "3/14/2027", time.Time{}, dateProblem{key: keyDateNoMonth, day: 3, month: 14}},
		{"slashes, final slash", "25/11/", time.Time{}, dateProblem{key: keyDateFormat}},
		{"hyphens, day first", "1-3-2027", time.Time{}, dateProblem{key: keyDateFormat}},
		{"mixed", "1/3.2027", time.Time{}, dateProblem{key: keyDateFormat}},
		{"three-digit day", "124.11.2026", time.Time{}, dateProblem{key: keyDateFormat}},
		{"non-ASCII digits", "٢٤.١١.٢٠٢٦", time.Time{}, dateProblem{key: keyDateFormat}},
		{"markup", "<b>24.11.</b>", time.Time{}, dateProblem{key: keyDateFormat}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, problem := parseDate(c.in, today)
			if problem != c.problem {
				t.Fatalf("parseDate(%q): problem %+v, want %+v", c.in, problem, c.problem)
			}
			if !got.date.Equal(c.want) {
				t.Errorf("parseDate(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestParseDateSaysFormAndYear(t *testing.T) {
	today := ymd(2026, 11, 24)
	cases := []struct {
		in   string
		want typedDay
	}{
		{"24.11.", typedDay{date: ymd(2026, 11, 24)}},
		{"23.11.", typedDay{date: ymd(2027, 11, 23), nextYear: true}},
		{"4.1", typedDay{date: ymd(2027, 1, 4), nextYear: true}},
		{"23.11.2027", typedDay{date: ymd(2027, 11, 23)}},
		{"23.11.26", typedDay{date: ymd(2026, 11, 23)}},
		{"1/3/2027", typedDay{date: ymd(2027, 3, 1), form: keyDateFormSlash}},
		{"1/3", typedDay{date: ymd(2027, 3, 1), form: keyDateFormSlash, nextYear: true}},
		{"30/11", typedDay{date: ymd(2026, 11, 30), form: keyDateFormSlash}},
		{"2026-11-23", typedDay{date: ymd(2026, 11, 23), form: keyDateFormISO}},
	}
	for _, c := range cases {
		if got, p := parseDate(c.in, today); got != c.want || p.key != "" {
			t.Errorf("parseDate(%q) = %+v, %+v; want %+v", c.in, got, p, c.want)
		}
	}
}

func TestDateLimitsCheck(t *testing.T) {
	lim := dateLimits{today: ymd(2026, 11, 24), min: ymd(2026, 12, 10), minKey: "min.key", max: ymd(2028, 11, 30)}
	cases := []struct {
		name string
		d    time.Time
		want dateProblem
	}{
		{"yesterday", ymd(2026, 11, 23), dateProblem{key: keyDatePast, date: ymd(2026, 11, 23), limit: lim.today}},
		{"today, before min", ymd(2026, 11, 24), dateProblem{key: "min.key", date: ymd(2026, 11, 24), limit: lim.min}},
		{"day before min", ymd(2026, 12, 9), dateProblem{key: "min.key", date: ymd(2026, 12, 9), limit: lim.min}},
		{"min", ymd(2026, 12, 10), dateProblem{}},
		{"max", ymd(2028, 11, 30), dateProblem{}},
		{"after max", ymd(2028, 12, 1), dateProblem{key: keyDateTooFar, date: ymd(2028, 12, 1), limit: lim.max}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lim.check(c.d); got != c.want {
				t.Errorf("check(%v) = %+v, want %+v", c.d, got, c.want)
			}
		})
	}
}

func TestParseISOAndCalendarMonthAreStrict(t *testing.T) {
	for _, s := range []string{"2026-11-24", "2028-02-29"} {
		if _, ok := ParseISO(s); !ok {
			t.Errorf("ParseISO(%q) refused", s)
		}
	}
	for _, s := range []string{"", "2026-1-24", "2026-02-31", "2027-02-29", "2026-11-24x", "24.11.2026", "+2026-11-24"} {
		if _, ok := ParseISO(s); ok {
			t.Errorf("ParseISO(%q) accepted", s)
		}
	}
	if m, ok := parseCalendarMonth("202611"); !ok || !m.Equal(ymd(2026, 11, 1)) {
		t.Errorf("parseCalendarMonth(202611) = %v, %v", m, ok)
	}
	for _, s := range []string{"", "20261", "202613", "202600", "2026-11", "2026111", "x02611"} {
		if _, ok := parseCalendarMonth(s); ok {
			t.Errorf("parseCalendarMonth(%q) accepted", s)
		}
	}
}

// calendarTurn returns a turn in lang whose clock reads today at noon in
// Berlin, with the engine's own texts.
func calendarTurn(t *testing.T, lang string) *Turn {
	t.Helper()
	texts, err := LoadTexts("de", locales)
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	e := &Engine{cfg: Config{DefaultLang: "de", Location: berlin}, texts: texts}
	return &Turn{e: e, sess: &domain.Session{Lang: lang}, now: time.Date(2026, 11, 24, 12, 0, 0, 0, berlin)}
}

func TestCalendarRows(t *testing.T) {
	tu := calendarTurn(t, "de")
	lim := dateLimits{today: ymd(2026, 11, 24), min: ymd(2026, 11, 24), max: ymd(2028, 11, 30)}
	rows := tu.calendarRows(ymd(2026, 11, 1), lim)
	labels := func(r []Button) []string {
		var out []string
		for _, b := range r {
			out = append(out, b.Label)
		}
		return out
	}
	// November 2026 begins on a Sunday and has 30 days: six weeks, of
	// which the two from the 23rd have a day to pick.
	want := [][]string{
		{"·", "November 2026", "›"},
		{"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"},
		{"·", "24", "25", "26", "27", "28", "29"},
		{"30", "·", "·", "·", "·", "·", "·"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		if got := labels(rows[i]); !slices.Equal(got, want[i]) {
			t.Errorf("row %d = %q, want %q", i, got, want[i])
		}
	}
	if b := rows[2][1]; b.action != actChoose || b.arg != "2026-11-24" {
		t.Errorf("24 is %+v, want a choice of 2026-11-24", b)
	}
	if b := rows[0][2]; b.action != actCalendar || b.arg != "202612" {
		t.Errorf("next is %+v, want cal 202612", b)
	}
	for _, b := range slices.Concat(rows[1], rows[2][:1], rows[3][1:]) {
		if b.action != actNoop {
			t.Errorf("label %+v is not a no-op", b)
		}
	}

	// The last month: previous but no next; English names.
	en := calendarTurn(t, "en")
	rows = en.calendarRows(ymd(2028, 11, 1), lim)
	if got := labels(rows[0]); !slices.Equal(got, []string{"‹", "November 2028", "·"}) {
		t.Errorf("last month's header = %q", got)
	}
	if got := labels(rows[1]); !slices.Equal(got, []string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}) {
		t.Errorf("English weekdays = %q", got)
	}
	if b := rows[0][0]; b.arg != "202810" {
		t.Errorf("previous of November 2028 is %+v", b)
	}
	// A range that ends early in the month: no weeks after its end.
	short := lim
	short.max = ymd(2028, 11, 6)
	rows = tu.calendarRows(ymd(2028, 11, 1), short)
	if len(rows) != 4 || !slices.Equal(labels(rows[3]), []string{"6", "·", "·", "·", "·", "·", "·"}) {
		t.Errorf("November 2028 up to the 6th: %d rows, last %q", len(rows), labels(rows[len(rows)-1]))
	}
	// February 2027 begins on a Monday and has exactly four weeks.
	rows = tu.calendarRows(ymd(2027, 2, 1), lim)
	if len(rows) != 6 || rows[2][0].Label != "1" || rows[5][6].Label != "28" {
		t.Errorf("February 2027: %d rows, first %q, last %q", len(rows), rows[2][0].Label, rows[5][6].Label)
	}
}

// TestCalendarCallbackDataFits renders every month in range with the
// longest nonce and checks every button's callback data.
func TestCalendarCallbackDataFits(t *testing.T) {
	tu := calendarTurn(t, "de")
	tu.sess.Nonce = ^uint32(0)
	longest := strconv.FormatUint(uint64(tu.sess.Nonce), 36)
	lim := dateLimits{today: ymd(2026, 11, 24), min: ymd(2026, 11, 24), max: ymd(2028, 11, 30)}
	months := 0
	for m := monthOf(lim.min); !m.After(lim.max); m = addMonths(m, 1) {
		months++
		msg, err := tu.message(Screen{Text: "x", Rows: tu.calendarRows(m, lim)})
		if err != nil {
			t.Fatalf("%s: %v", m.Format("2006-01"), err)
		}
		count := 0
		for _, row := range msg.Buttons {
			count += len(row)
			if len(row) > 8 {
				t.Errorf("%s: row of %d buttons", m.Format("2006-01"), len(row))
			}
			for _, b := range row {
				if len(b.Data) > maxCallbackData || b.Data[:len(longest)] != longest {
					t.Errorf("%s: callback data %q", m.Format("2006-01"), b.Data)
				}
			}
		}
		// Telegram takes at most 100 buttons; leave room for the step's own.
		if count > 52 {
			t.Errorf("%s: %d buttons", m.Format("2006-01"), count)
		}
	}
	if months != maxMonthsAhead+1 {
		t.Errorf("%d months in range, want %d", months, maxMonthsAhead+1)
	}
}
