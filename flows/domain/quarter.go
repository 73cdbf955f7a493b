package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quarter is a calendar quarter (N 1-4) of Year in the programme's zone:
// the billing's and the statistics' period.
type Quarter struct {
	Year, N int
}

// QuarterOf is the quarter t falls in, in loc.
func QuarterOf(t time.Time, loc *time.Location) Quarter {
	start := QuarterStart(t, loc)
	return Quarter{Year: start.Year(), N: (int(start.Month())-1)/3 + 1}
}

// ParseQuarter reads a quarter's code ("2026-Q4"); false for anything
// else.
func ParseQuarter(code string) (Quarter, bool) {
	y, n, ok := strings.Cut(code, "-Q")
	year, errY := strconv.Atoi(y)
	num, errN := strconv.Atoi(n)
	q := Quarter{Year: year, N: num}
	if !ok || errY != nil || errN != nil || num < 1 || num > 4 || year < 2000 || year > 9999 || q.Code() != code {
		return Quarter{}, false
	}
	return q, true
}

// Code names q in callback data and file names: "2026-Q4".
func (q Quarter) Code() string { return fmt.Sprintf("%d-Q%d", q.Year, q.N) }

// Index orders quarters: a later quarter has a greater index.
func (q Quarter) Index() int { return q.Year*4 + q.N - 1 }

// Add is the quarter n quarters after q (before it for negative n).
func (q Quarter) Add(n int) Quarter {
	i := q.Index() + n
	return Quarter{Year: i / 4, N: i%4 + 1}
}

// Span is the first moment of q in loc and the first moment after it.
func (q Quarter) Span(loc *time.Location) (from, to time.Time) {
	from = time.Date(q.Year, time.Month((q.N-1)*3+1), 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 3, 0)
}
