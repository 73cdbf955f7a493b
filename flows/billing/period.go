package billing

import (
	"fmt"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// period is a calendar month (quarter 0) or a calendar quarter (month 0)
// in the programme's zone.
type period struct {
	year    int
	month   time.Month // 1-12 for a month
	quarter int        // 1-4 for a quarter
}

// code names p in callback data and file names: "2026-11", "2026-Q4".
func (p period) code() string {
	if p.quarter > 0 {
		return domain.Quarter{Year: p.year, N: p.quarter}.Code()
	}
	return fmt.Sprintf("%d-%02d", p.year, p.month)
}

// span is the first moment of p in loc and the first after it.
func (p period) span(loc *time.Location) (from, to time.Time) {
	if p.quarter > 0 {
		return domain.Quarter{Year: p.year, N: p.quarter}.Span(loc)
	}
	from = time.Date(p.year, p.month, 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 1, 0)
}

// label is p's name in the turn's language, e.g. "November 2026" or
// "Q4 2026" (plain text).
func label(t *engine.Turn, p period) string {
	if p.quarter > 0 {
		return t.Plain(keyQuarter, map[string]any{"N": p.quarter, "Year": p.year})
	}
	return t.Plain(keyMonth, map[string]any{"Month": t.Texts().Month(t.Lang(), p.month), "Year": p.year})
}

// offered are the periods a coordinator chooses from at now in loc: the
// current month and the two before it, newest first, then the current
// quarter and the one before.
func offered(now time.Time, loc *time.Location) (months, quarters []period) {
	now = now.In(loc)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	for i := range 3 {
		m := first.AddDate(0, -i, 0)
		months = append(months, period{year: m.Year(), month: m.Month()})
	}
	current := domain.QuarterOf(now, loc)
	for i := range 2 {
		q := current.Add(-i)
		quarters = append(quarters, period{year: q.Year, quarter: q.N})
	}
	return months, quarters
}

// lookup returns the offered period (at now in loc) whose code is code;
// false for any other code (a forged or outdated button).
func lookup(code string, now time.Time, loc *time.Location) (period, bool) {
	months, quarters := offered(now, loc)
	for _, p := range append(months, quarters...) {
		if p.code() == code {
			return p, true
		}
	}
	return period{}, false
}
