package scheduler

import (
	"testing"
	"time"
)

// A run's slot is the time its schedule gave, the same on every instance
// whenever that instance started; JOB_EVERY replaces the spec.
func TestSlots(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(h, m, s, ms int) time.Time { return time.Date(2026, 11, 24, h, m, s, ms*1e6, berlin) }
	cases := []struct {
		spec     string
		override time.Duration
		now      time.Time
		slot     time.Time
		next     time.Time
	}{
		{"@every 1m", 0, at(17, 1, 0, 3), at(17, 1, 0, 0), at(17, 2, 0, 0)},
		{"@every 1m", 0, at(17, 1, 59, 999), at(17, 1, 0, 0), at(17, 2, 0, 0)},
		{"@every 1h", 0, at(17, 0, 0, 40), at(17, 0, 0, 0), at(18, 0, 0, 0)},
		{"17 3 * * *", 0, at(3, 17, 0, 2), at(3, 17, 0, 0), at(3, 17, 0, 0).AddDate(0, 0, 1)},
		{"17 3 * * *", 0, at(3, 17, 30, 0), at(3, 17, 0, 0), at(3, 17, 0, 0).AddDate(0, 0, 1)},
		{"17 3 * * *", 2 * time.Second, at(3, 17, 31, 5), at(3, 17, 30, 0), at(3, 17, 32, 0)},
		{"@every 1h", 2 * time.Second, at(3, 17, 30, 0), at(3, 17, 30, 0), at(3, 17, 32, 0)},
	}
	for _, tc := range cases {
		sched, err := schedule(tc.spec, tc.override)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		if got := slotOf(sched, tc.now); !got.Equal(tc.slot) {
			t.Errorf("%s (every %v) at %v: slot %v, want %v", tc.spec, tc.override, tc.now, got, tc.slot)
		}
		if got := sched.Next(tc.now); !got.Equal(tc.next) {
			t.Errorf("%s (every %v) at %v: next %v, want %v", tc.spec, tc.override, tc.now, got, tc.next)
		}
	}
	if _, err := schedule("every tuesday", time.Second); err == nil {
		t.Error("a malformed spec passed because JOB_EVERY replaces it")
	}
}
