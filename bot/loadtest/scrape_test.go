package main

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestParseMetrics(t *testing.T) {
	body := `# HELP miglobe_redis_roundtrips_total Round trips to Redis.
# TYPE miglobe_redis_roundtrips_total counter
miglobe_redis_roundtrips_total 40012
miglobe_handler_errors_total{reason="flow"} 2
miglobe_handler_errors_total{reason="redis"} 3
miglobe_updates_handled_total{kind="duplicate"} 1.5e+01
miglobe_updates_handled_total_extra 99
broken_line
bad_value{a="b"} x
with_timestamp 7 1700000000000
`
	m := parseMetrics(body)
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"plain series", m[metricRedisTrips], 40012},
		{"labelled series", m[seriesDuplicate], 15},
		{"sum over labels", m.sum(metricErrors), 5},
		{"sum does not match longer names", m.sum("miglobe_updates_handled_total"), 15},
		{"timestamp ignored", m["with_timestamp"], 7},
		{"absent", m.sum("nothing_total"), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	if _, ok := m["bad_value{a=\"b\"}"]; ok {
		t.Error("a line with an unparsable value was kept")
	}
}

func TestRunUsers(t *testing.T) {
	t.Run("every index once", func(t *testing.T) {
		var seen [50]atomic.Int32
		if err := runUsers(50, 7, func(i int) error { seen[i].Add(1); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Errorf("index %d ran %d times", i, n)
			}
		}
	})
	t.Run("the real error wins over giving up", func(t *testing.T) {
		boom := errors.New("boom")
		err := runUsers(20, 4, func(i int) error {
			if i == 3 {
				return boom
			}
			return fmt.Errorf("user %d: %w", i, errGaveUp)
		})
		if !errors.Is(err, boom) {
			t.Errorf("err = %v, want boom", err)
		}
	})
}

func TestClip(t *testing.T) {
	if got := clip("Grüße", 3); got != "Gr…" { // "ü" is two bytes; no half rune
		t.Errorf("clip = %q", got)
	}
	if got := clip("kurz", 10); got != "kurz" {
		t.Errorf("clip = %q", got)
	}
}
