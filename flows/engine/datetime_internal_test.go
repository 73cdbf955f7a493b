package engine

import (
	"testing"
	"time"
)

func TestParseClock(t *testing.T) {
	cases := []struct {
		in   string
		h, m int
		ok   bool
	}{
		{"14", 14, 0, true},
		{"14:30", 14, 30, true},
		{"14.30", 14, 30, true},
		{" 8:05 ", 8, 5, true},
		{"9 Uhr", 9, 0, true},
		{"9uhr", 9, 0, true},
		{"14h", 14, 0, true},
		{"14 H", 14, 0, true},
		{"0:00", 0, 0, true},
		{"23:59", 23, 59, true},
		{"24:00", 0, 0, false},
		{"14:60", 0, 0, false},
		{"14:3", 0, 0, false},
		{"1430", 0, 0, false},
		{"14:30 abends", 0, 0, false},
		{"mittags", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, c := range cases {
		h, m, ok := parseClock(c.in)
		if ok != c.ok || ok && (h != c.h || m != c.m) {
			t.Errorf("parseClock(%q) = %d, %d, %v; want %d, %d, %v", c.in, h, m, ok, c.h, c.m, c.ok)
		}
	}
}

func TestParseDateTimeIsStrict(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	when, ok := ParseDateTime("2026-11-24T14:00", berlin)
	if !ok || !when.Equal(time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("ParseDateTime(2026-11-24T14:00) = %v, %v", when, ok)
	}
	for _, s := range []string{"", "2026-11-24", "2026-11-24T14:0", "2026-11-24 14:00", "2026-11-24T25:00",
		"2026-02-30T10:00", "24.11.2026 14:00",
		"2027-03-28T02:30", // skipped when the clocks go forward
	} {
		if d, ok := ParseDateTime(s, berlin); ok {
			t.Errorf("ParseDateTime(%q) = %v, accepted", s, d)
		}
	}
}
