package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// Targets of the pipeline benchmark.
const (
	targetCPUPerUpdate = 150 * time.Microsecond
	targetP99          = 20 * time.Millisecond
	targetRedisTrips   = 3.0
	targetRSSBytes     = 60_000_000 // 60 MB (decimal)
)

// results is what one benchmark run measured.
type results struct {
	Users, Messages, Convs, Cores int
	Mode                          string

	Updates    int             // updates of the measured phase
	Elapsed    time.Duration   // wall time of the measured phase
	Latencies  []time.Duration // one per measured update, any order
	BotCPU     time.Duration   // utime+stime of the bot over the measured phase
	GenCPU     time.Duration   // the load generator's own CPU over the measured phase
	RedisTrips float64         // round-trip counter delta over the measured phase
	RSSBytes   int64           // VmRSS of the bot with Convs live conversations
	Rejected   int             // violations and unanswered callback queries at the fake
	TooMany    int             // 429 answers of the fake
}

// percentile returns the nearest-rank p-th percentile (0 < p <= 100) of
// sorted, which must be in ascending order; 0 for an empty slice.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// perUpdate divides total by n; 0 when n is 0.
func perUpdate(total float64, n int) float64 {
	if n <= 0 {
		return 0
	}
	return total / float64(n)
}

// mark is the pass/fail mark of a target.
func mark(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// ms formats d in milliseconds with one or two decimals.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	if v < 10 {
		return fmt.Sprintf("%.2f ms", v)
	}
	return fmt.Sprintf("%.1f ms", v)
}

// thousands formats n with a comma every three digits ("10,000").
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// writeReport prints the compact result block with a mark per target and
// reports whether every target was met. A write error is returned as is.
func writeReport(w io.Writer, r results) (allPass bool, err error) {
	sorted := slices.Clone(r.Latencies)
	slices.Sort(sorted)
	p50, p99 := percentile(sorted, 50), percentile(sorted, 99)
	rate := 0.0
	if r.Elapsed > 0 {
		rate = float64(r.Updates) / r.Elapsed.Seconds()
	}
	cpu := time.Duration(perUpdate(float64(r.BotCPU), r.Updates))
	trips := perUpdate(r.RedisTrips, r.Updates)
	okLat := len(sorted) > 0 && p99 <= targetP99
	okCPU := r.Updates > 0 && cpu <= targetCPUPerUpdate
	okTrips := r.Updates > 0 && trips <= targetRedisTrips
	okRSS := r.RSSBytes > 0 && r.RSSBytes <= targetRSSBytes
	okFake := r.Rejected == 0 && r.TooMany == 0
	lines := []string{
		fmt.Sprintf("MiGlobe pipeline benchmark (%d users x %d messages, %s, %d cores)", r.Users, r.Messages, r.Mode, r.Cores),
		fmt.Sprintf("updates/s            %.0f", rate),
		fmt.Sprintf("latency p50 / p99    %s / %s   (target p99 <= %s)  %s", ms(p50), ms(p99), ms(targetP99), mark(okLat)),
		fmt.Sprintf("bot CPU per update   %d µs   (target <= %d µs)  %s", cpu.Microseconds(), targetCPUPerUpdate.Microseconds(), mark(okCPU)),
		fmt.Sprintf("Redis round trips    %.2f per update (target <= %.0f)  %s", trips, targetRedisTrips, mark(okTrips)),
		fmt.Sprintf("RSS, %s convs    %.1f MB    (target <= %d MB)  %s", thousands(r.Convs), float64(r.RSSBytes)/1e6, targetRSSBytes/1_000_000, mark(okRSS)),
		fmt.Sprintf("fake Bot API         %d rejected calls, %d 429s  %s", r.Rejected, r.TooMany, mark(okFake)),
		fmt.Sprintf("(load generator CPU %d µs per update, measured phase %s, %d updates)",
			time.Duration(perUpdate(float64(r.GenCPU), r.Updates)).Microseconds(), r.Elapsed.Round(time.Millisecond), r.Updates),
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return false, err
		}
	}
	return okLat && okCPU && okTrips && okRSS && okFake, nil
}
