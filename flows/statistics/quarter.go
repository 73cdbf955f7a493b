package statistics

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// quarter is a calendar quarter (n 1-4) of year in the programme's zone.
type quarter struct {
	year, n int
}

// quarterOf is the quarter t falls in, in loc.
func quarterOf(t time.Time, loc *time.Location) quarter {
	start := domain.QuarterStart(t, loc)
	return quarter{year: start.Year(), n: (int(start.Month())-1)/3 + 1}
}

// parseQuarter reads a quarter's code ("2026-Q4"); false for anything
// else.
func parseQuarter(code string) (quarter, bool) {
	y, n, ok := strings.Cut(code, "-Q")
	year, errY := strconv.Atoi(y)
	num, errN := strconv.Atoi(n)
	q := quarter{year: year, n: num}
	if !ok || errY != nil || errN != nil || num < 1 || num > 4 || year < 2000 || year > 9999 || q.code() != code {
		return quarter{}, false
	}
	return q, true
}

// code names q in callback data and file names: "2026-Q4".
func (q quarter) code() string { return fmt.Sprintf("%d-Q%d", q.year, q.n) }

// index orders quarters: a later quarter has a greater index.
func (q quarter) index() int { return q.year*4 + q.n - 1 }

// add is the quarter n quarters after q (before it for negative n).
func (q quarter) add(n int) quarter {
	i := q.index() + n
	return quarter{year: i / 4, n: i%4 + 1}
}

// span is the first moment of q in loc and the first moment after it.
func (q quarter) span(loc *time.Location) (from, to time.Time) {
	from = time.Date(q.year, time.Month((q.n-1)*3+1), 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 3, 0)
}

// label is q's name in the turn's language, e.g. "Q4 2026" (plain text).
func label(t *engine.Turn, q quarter) string {
	return t.Plain(keyQuarter, map[string]any{"N": q.n, "Year": q.year})
}
