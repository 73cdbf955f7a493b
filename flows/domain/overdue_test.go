package domain_test

import (
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A report is overdue the moment 14 days have passed since the last
// appointment's end; a day begun counts, so "more than 30 days overdue"
// is OverdueDays > 30; the weekly reminder's week turns every 7 days.
func TestOverdueDaysAndWeeks(t *testing.T) {
	t.Parallel()
	end := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	due := end.Add(domain.ReportGrace)
	cases := []struct {
		name      string
		at        time.Time
		days, wk  int
		blocks    bool
		isOverdue bool
	}{
		{"a day before the grace ends", due.Add(-24 * time.Hour), 0, 0, false, false},
		{"exactly 14 days after", due, 0, 0, false, false},
		{"a second later", due.Add(time.Second), 1, 0, false, true},
		{"7 days later", due.Add(7 * 24 * time.Hour), 7, 0, false, true},
		{"into the 8th day", due.Add(7*24*time.Hour + time.Minute), 8, 1, false, true},
		{"30 days later", due.Add(30 * 24 * time.Hour), 30, 4, false, true},
		{"into the 31st day", due.Add(30*24*time.Hour + time.Minute), 31, 4, true, true},
	}
	for _, tc := range cases {
		days := domain.OverdueDays(end, tc.at)
		o := domain.OverdueReport{LastEnd: end, Days: days}
		if days != tc.days || domain.OverdueWeek(days) != tc.wk || o.Blocks() != tc.blocks || (days > 0) != tc.isOverdue {
			t.Errorf("%s: %d days, week %d, blocks %v; want %d, %d, %v", tc.name, days, domain.OverdueWeek(days), o.Blocks(),
				tc.days, tc.wk, tc.blocks)
		}
	}
}
