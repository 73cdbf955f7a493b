package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value", ms(7), 99, 7 * time.Millisecond},
		{"median of odd count", ms(1, 2, 3, 4, 5), 50, 3 * time.Millisecond},
		{"median of even count is the lower middle", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p99 of 1..100", hundred, 99, 99 * time.Millisecond},
		{"p100 is the maximum", hundred, 100, 100 * time.Millisecond},
		{"tiny p is the minimum", hundred, 0.001, 1 * time.Millisecond},
		{"p99 of two is the larger", ms(1, 9), 99, 9 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := percentile(tc.sorted, tc.p); got != tc.want {
				t.Errorf("percentile(%v, %v) = %v, want %v", tc.sorted, tc.p, got, tc.want)
			}
		})
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567", -2500: "-2,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// goodResults meets every target.
func goodResults() results {
	lat := make([]time.Duration, 200)
	for i := range lat {
		lat[i] = time.Duration(200-i) * 10 * time.Microsecond // 2 ms down to 10 µs, unsorted
	}
	return results{Users: 100, Messages: 2, Convs: 10000, Cores: 2, Mode: "polling",
		Updates: 200, Elapsed: 100 * time.Millisecond, Latencies: lat,
		BotCPU: 200 * 120 * time.Microsecond, GenCPU: 200 * 50 * time.Microsecond,
		RedisTrips: 400, RSSBytes: 35_000_000}
}

func TestWriteReport(t *testing.T) {
	tests := []struct {
		name     string
		change   func(*results)
		pass     bool
		contains []string
	}{
		{"all targets met", func(*results) {}, true, []string{
			"MiGlobe pipeline benchmark (100 users x 2 messages, polling, 2 cores)",
			"updates/s            2000",
			"latency p50 / p99    1.00 ms / 1.98 ms",
			"bot CPU per update   120 µs   (target <= 150 µs)  PASS",
			"Redis round trips    2.00 per update (target <= 3)  PASS",
			"RSS, 10,000 convs    35.0 MB    (target <= 60 MB)  PASS",
			"fake Bot API         0 rejected calls, 0 429s  PASS",
			"load generator CPU 50 µs per update",
		}},
		{"cpu over target", func(r *results) { r.BotCPU = 200 * 151 * time.Microsecond }, false,
			[]string{"bot CPU per update   151 µs   (target <= 150 µs)  FAIL"}},
		{"p99 over target", func(r *results) {
			r.Latencies[0], r.Latencies[1], r.Latencies[2] = time.Second, time.Second, time.Second
		}, false,
			[]string{"/ 1000.0 ms   (target p99 <= 20.0 ms)  FAIL"}},
		{"too many round trips", func(r *results) { r.RedisTrips = 700 }, false,
			[]string{"Redis round trips    3.50 per update (target <= 3)  FAIL"}},
		{"rss over target", func(r *results) { r.RSSBytes = 60_000_001 }, false,
			[]string{"RSS, 10,000 convs    60.0 MB    (target <= 60 MB)  FAIL"}},
		{"a rejected call", func(r *results) { r.Rejected = 1 }, false,
			[]string{"fake Bot API         1 rejected calls, 0 429s  FAIL"}},
		{"a 429", func(r *results) { r.TooMany = 2 }, false,
			[]string{"fake Bot API         0 rejected calls, 2 429s  FAIL"}},
		{"nothing measured", func(r *results) { *r = results{Mode: "polling"} }, false,
			[]string{"updates/s            0", "PASS" /* the fake line only */}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := goodResults()
			tc.change(&r)
			var out bytes.Buffer
			pass, err := writeReport(&out, r)
			if err != nil {
				t.Fatalf("writeReport: %v", err)
			}
			if pass != tc.pass {
				t.Errorf("pass = %v, want %v; report:\n%s", pass, tc.pass, out.String())
			}
			for _, want := range tc.contains {
				if !strings.Contains(out.String(), want) {
					t.Errorf("report lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
}

func TestWriteReportLeavesLatenciesUnsorted(t *testing.T) {
	r := goodResults()
	first := r.Latencies[0]
	if _, err := writeReport(&bytes.Buffer{}, r); err != nil {
		t.Fatal(err)
	}
	if r.Latencies[0] != first {
		t.Errorf("writeReport sorted the caller's latencies in place")
	}
}
