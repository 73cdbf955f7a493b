package engine_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// checkWeeks checks the calendar on p's newest message: after the month
// and the weekdays, every row is a week with at least one day to pick;
// every other button in it is a filler "·" that does nothing. It returns
// the days offered.
func checkWeeks(t *testing.T, h *flowstest.H, p flowstest.Person) []string {
	t.Helper()
	rows := h.Last(p).Buttons
	if len(rows) < 3 {
		t.Fatalf("no weeks under %q: %q", calendarHeader(h, p), h.Buttons(p))
	}
	var days []string
	for i, row := range rows[2:] {
		if len(row) != 7 { // the back button
			continue
		}
		picks := 0
		for _, b := range row {
			switch {
			case strings.Contains(b.Data, ":c:"):
				picks++
				days = append(days, b.Label)
			case b.Label != "·" || !strings.HasSuffix(b.Data, ":n"):
				t.Errorf("%s, week %d: button %q with data %q is neither a day nor a filler", calendarHeader(h, p), i+1, b.Label, b.Data)
			}
		}
		if picks == 0 {
			t.Errorf("%s, week %d has no day to pick: %v", calendarHeader(h, p), i+1, row)
		}
	}
	return days
}

func TestCalendarShowsOnlyWeeksWithADayToPick(t *testing.T) {
	for _, c := range []struct{ lang, november, december, november28 string }{
		{"de", "November 2026", "Dezember 2026", "November 2028"},
		{"en", "November 2026", "December 2026", "November 2028"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: 4801, LangHint: c.lang}
			h.Send(p, "/datetest")
			// 24.11.2026 is a Tuesday: two weeks, the first with Monday the 23rd as a filler.
			days := checkWeeks(t, h, p)
			if want := []string{"24", "25", "26", "27", "28", "29", "30"}; !slices.Equal(days, want) {
				t.Errorf("November offers %q, want %q", days, want)
			}
			if rows := h.Last(p).Buttons; len(rows) != 4 || rows[2][0].Label != "·" || rows[3][0].Label != "30" {
				t.Errorf("November's rows: %q", h.Buttons(p))
			}
			// Every month of the range: whole weeks only where a day can be picked.
			for range 24 {
				h.Press(p, "›")
				checkWeeks(t, h, p)
			}
			if calendarHeader(h, p) != c.november28 {
				t.Fatalf("last month %q", calendarHeader(h, p))
			}

			// The latest date's calendar starts at the earliest: no weeks before it.
			h.Send(p, "/cancel")
			h.Send(p, "/datetest")
			h.Send(p, "17.12.2026")
			if calendarHeader(h, p) != c.december {
				t.Fatalf("latest opens at %q", calendarHeader(h, p))
			}
			if days := checkWeeks(t, h, p); days[0] != "17" || len(days) != 15 {
				t.Errorf("December after the earliest 17.12. offers %q", days)
			}
		})
	}
}

func TestCalendarOnTheLastDayOfAMonth(t *testing.T) {
	h := newH(t)
	h.Clock.Advance(6 * 24 * time.Hour) // Monday, 30.11.2026
	p := flowstest.Person{ID: 4802}
	h.Send(p, "/datetest")
	if got := checkWeeks(t, h, p); !slices.Equal(got, []string{"30"}) {
		t.Errorf("November offers %q", got)
	}
	if rows := h.Last(p).Buttons; len(rows) != 3 {
		t.Errorf("November has %d rows, want the month, the weekdays and one week: %q", len(rows), h.Buttons(p))
	}
	h.Press(p, "30")
	h.ExpectStep(p, "latest", map[string]string{"earliest": "2026-11-30"})
}
