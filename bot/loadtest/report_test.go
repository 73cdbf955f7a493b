package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// latencies returns n latencies from top down in steps of top/n, unsorted.
func latencies(n int, top time.Duration) []time.Duration {
	lat := make([]time.Duration, n)
	for i := range lat {
		lat[i] = top - time.Duration(i)*top/time.Duration(n)
	}
	return lat
}

// goodResults meets every target: a saturation phase of 200 updates in
// 100 ms and a paced phase of 200 updates in 1 s with 50 ms think time.
// checkReport writes the report of r and fails unless it passes as pass
// says and contains every text of want.
func checkReport(t *testing.T, r results, pass bool, want []string) {
	t.Helper()
	var out bytes.Buffer
	got, err := writeReport(&out, r)
	if err != nil {
		t.Fatalf("writeReport: %v", err)
	}
	if got != pass {
		t.Errorf("pass = %v, want %v; report:\n%s", got, pass, out.String())
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("report lacks %q:\n%s", w, out.String())
		}
	}
}

func goodResults() results {
	return results{Users: 100, Convs: 10000, Cores: 2, Mode: "polling",
		Saturation: phase{Name: "saturation", Users: 100, Messages: 2,
			Updates: 200, Elapsed: 100 * time.Millisecond, Latencies: latencies(200, 40*time.Millisecond),
			BotCPU: 200 * 120 * time.Microsecond, GenCPU: 200 * 50 * time.Microsecond},
		Paced: phase{Name: "paced", Users: 100, Messages: 2, Think: 50 * time.Millisecond,
			Updates: 200, Elapsed: time.Second, Latencies: latencies(200, 2*time.Millisecond),
			BotCPU: 200 * 140 * time.Microsecond, GenCPU: 200 * time.Millisecond},
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
			"MiGlobe pipeline benchmark (100 users, polling, 2 cores)\n",
			"\nsaturation: 100 users x 2 messages, no think time\n",
			"\n  updates/s            2000\n",
			"\n  bot CPU per update   120 µs   (target <= 150 µs)  PASS\n",
			"\n  Redis round trips    2.00 per update (target <= 3)  PASS\n",
			"\n  load generator CPU   50 µs per update (200 updates in 100ms)\n",
			"\npaced: 100 users x 2 messages, 50 ms think time\n",
			"\n  bot CPU per update   140 µs   (target <= 150 µs, where the bot really runs: not saturated)  PASS\n",
			"\nRSS, 10,000 convs      35.0 MB    (target <= 60 MB)  PASS\n",
			"\nfake Bot API           0 rejected calls, 0 429s  PASS\n",
		}},
		{"saturation latency is informational", func(r *results) {
			r.Saturation.Latencies = latencies(200, time.Second)
		}, true, []string{"\n  latency p50 / p99    500.0 ms / 990.0 ms   (informational, saturated: mean 502.5 ms ≈ users ÷ rate 50.0 ms)\n"}},
		{"cpu over target", func(r *results) { r.Saturation.BotCPU = 200 * 151 * time.Microsecond }, false,
			[]string{"bot CPU per update   151 µs   (target <= 150 µs)  FAIL"}},
		{"paced cpu over target", func(r *results) { r.Paced.BotCPU = 200 * 337 * time.Microsecond }, false,
			[]string{"bot CPU per update   337 µs   (target <= 150 µs, where the bot really runs: not saturated)  FAIL"}},
		{"paced p99 over target", func(r *results) {
			r.Paced.Latencies[0], r.Paced.Latencies[1], r.Paced.Latencies[2] = time.Second, time.Second, time.Second
		}, false, []string{"/ 1000.0 ms   (target p99 <= 20.0 ms)  FAIL"}},
		{"too many round trips", func(r *results) { r.RedisTrips = 700 }, false,
			[]string{"Redis round trips    3.50 per update (target <= 3)  FAIL"}},
		{"rss over target", func(r *results) { r.RSSBytes = 60_000_001 }, false,
			[]string{"RSS, 10,000 convs      60.0 MB    (target <= 60 MB)  FAIL"}},
		{"a rejected call", func(r *results) { r.Rejected = 1 }, false,
			[]string{"fake Bot API           1 rejected calls, 0 429s  FAIL"}},
		{"a 429", func(r *results) { r.TooMany = 2 }, false,
			[]string{"fake Bot API           0 rejected calls, 2 429s  FAIL"}},
		{"no paced phase", func(r *results) { r.Paced = phase{} }, false,
			[]string{"(target p99 <= 20.0 ms)  FAIL", "0 achieved of 0 offered"}},
		{"nothing measured", func(r *results) { *r = results{Mode: "polling"} }, false,
			[]string{"  updates/s            0\n", "PASS" /* the fake line only */}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := goodResults()
			tc.change(&r)
			checkReport(t, r, tc.pass, tc.contains)
		})
	}
}

// withTail returns 100 latencies of 1 ms but the two largest, tail, so that
// tail is the p99.
func withTail(tail time.Duration) []time.Duration {
	lat := latencies(100, time.Millisecond)
	for i := range lat {
		lat[i] = time.Millisecond
	}
	lat[17], lat[42] = tail, tail
	return lat
}

// TestWriteReportPaced checks the paced part: latency against the target,
// achieved against offered rate, and how busy the cores were.
func TestWriteReportPaced(t *testing.T) {
	tests := []struct {
		name   string
		change func(*phase)
		pass   bool
		want   []string
	}{
		{"loaded, not saturated", func(*phase) {}, true, []string{
			"paced: 100 users x 2 messages, 50 ms think time\n" +
				"  updates/s            200 achieved of 2000 offered (users ÷ think time), 10%\n" +
				"  latency p50 / p99    1.00 ms / 1.98 ms   (target p99 <= 20.0 ms)  PASS\n" +
				"  bot CPU per update   140 µs   (target <= 150 µs, where the bot really runs: not saturated)  PASS\n" +
				"  CPU busy             bot 0.03, load generator 0.20 of 2 cores\n",
		}},
		{"p99 exactly at the target", func(p *phase) { p.Latencies = withTail(20 * time.Millisecond) }, true,
			[]string{"1.00 ms / 20.0 ms   (target p99 <= 20.0 ms)  PASS"}},
		{"p99 just over the target", func(p *phase) { p.Latencies = withTail(20*time.Millisecond + time.Microsecond) }, false,
			[]string{"1.00 ms / 20.0 ms   (target p99 <= 20.0 ms)  FAIL"}},
		{"think time and rate", func(p *phase) {
			p.Think, p.Messages, p.Elapsed = 100*time.Millisecond, 100, 250*time.Millisecond
		}, true, []string{"paced: 100 users x 100 messages, 100 ms think time\n",
			"updates/s            800 achieved of 1000 offered (users ÷ think time), 80%\n",
			"CPU busy             bot 0.11, load generator 0.80 of 2 cores\n"}},
		{"sub-millisecond think time", func(p *phase) { p.Think = 500 * time.Microsecond }, true,
			[]string{"0.5 ms think time", "of 200000 offered"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := goodResults()
			tc.change(&r.Paced)
			r.Paced.Updates = len(r.Paced.Latencies)
			r.Paced.BotCPU = time.Duration(r.Paced.Updates) * 140 * time.Microsecond
			checkReport(t, r, tc.pass, tc.want)
		})
	}
}

func TestWriteReportLeavesLatenciesUnsorted(t *testing.T) {
	r := goodResults()
	sat, pac := r.Saturation.Latencies[0], r.Paced.Latencies[0]
	if _, err := writeReport(&bytes.Buffer{}, r); err != nil {
		t.Fatal(err)
	}
	if r.Saturation.Latencies[0] != sat || r.Paced.Latencies[0] != pac {
		t.Errorf("writeReport sorted the caller's latencies in place")
	}
}
