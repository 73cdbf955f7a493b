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
	Users, Convs, Cores int
	Mode                string

	Saturation phase       // no think time: throughput, CPU and Redis round trips per update
	Paced      phase       // with think time: the latency target
	RedisTrips float64     // round-trip counter delta over the saturation phase
	RSSBytes   int64       // VmRSS of the bot with Convs live conversations
	Outbox     outboxStats // the outbox phase; zero when skipped
	Offers     offerStats  // the offer phase; zero when skipped
	Events     eventStats  // the event phase; zero when skipped
	Rejected   int         // violations and unanswered callback queries at the fake
	TooMany    int         // 429 answers of the fake
}

// phaseStats is what the report derives from a phase.
type phaseStats struct {
	p50, p99, mean time.Duration
	rate           float64 // updates per second
}

// stats sorts a copy of p's latencies and derives percentiles, mean and rate;
// all 0 when nothing was measured.
func stats(p phase) phaseStats {
	sorted := slices.Clone(p.Latencies)
	slices.Sort(sorted)
	s := phaseStats{p50: percentile(sorted, 50), p99: percentile(sorted, 99)}
	var sum time.Duration
	for _, d := range sorted {
		sum += d
	}
	s.mean = time.Duration(perUpdate(float64(sum), len(sorted)))
	if p.Elapsed > 0 {
		s.rate = float64(p.Updates) / p.Elapsed.Seconds()
	}
	return s
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
// reports whether every target was met. The latency of the saturation phase
// is informational only. A write error is returned as is.
func writeReport(w io.Writer, r results) (allPass bool, err error) {
	sat, pac := r.Saturation, r.Paced
	ss, ps := stats(sat), stats(pac)
	cpu := time.Duration(perUpdate(float64(sat.BotCPU), sat.Updates))
	trips := perUpdate(r.RedisTrips, sat.Updates)
	okCPU := sat.Updates > 0 && cpu <= targetCPUPerUpdate
	pacedCPU := time.Duration(perUpdate(float64(pac.BotCPU), pac.Updates))
	okPacedCPU := pac.Updates > 0 && pacedCPU <= targetCPUPerUpdate
	okTrips := sat.Updates > 0 && trips <= targetRedisTrips
	okLat := pac.Updates > 0 && ps.p99 <= targetP99
	okRSS := r.RSSBytes > 0 && r.RSSBytes <= targetRSSBytes
	okFake := r.Rejected == 0 && r.TooMany == 0
	little := time.Duration(0) // users ÷ throughput, the mean latency of a saturated closed loop
	if ss.rate > 0 {
		little = time.Duration(float64(sat.Users) / ss.rate * float64(time.Second))
	}
	offered, share := 0.0, 0.0 // what the paced users would send if every reply came at once
	if pac.Think > 0 {
		offered = float64(pac.Users) / pac.Think.Seconds()
		share = 100 * ps.rate / offered
	}
	lines := []string{
		fmt.Sprintf("MiGlobe pipeline benchmark (%d users, %s, %d cores)", r.Users, r.Mode, r.Cores),
		fmt.Sprintf("saturation: %d users x %d messages, no think time", sat.Users, sat.Messages),
		fmt.Sprintf("  updates/s            %.0f", ss.rate),
		fmt.Sprintf("  latency p50 / p99    %s / %s   (informational, saturated: mean %s ≈ users ÷ rate %s)",
			ms(ss.p50), ms(ss.p99), ms(ss.mean), ms(little)),
		fmt.Sprintf("  bot CPU per update   %d µs   (target <= %d µs)  %s", cpu.Microseconds(), targetCPUPerUpdate.Microseconds(), mark(okCPU)),
		fmt.Sprintf("  Redis round trips    %.2f per update (target <= %.0f)  %s", trips, targetRedisTrips, mark(okTrips)),
		fmt.Sprintf("  load generator CPU   %d µs per update (%d updates in %s)",
			time.Duration(perUpdate(float64(sat.GenCPU), sat.Updates)).Microseconds(), sat.Updates, sat.Elapsed.Round(time.Millisecond)),
		fmt.Sprintf("paced: %d users x %d messages, %g ms think time", pac.Users, pac.Messages, float64(pac.Think)/float64(time.Millisecond)),
		fmt.Sprintf("  updates/s            %.0f achieved of %.0f offered (users ÷ think time), %.0f%%", ps.rate, offered, share),
		fmt.Sprintf("  latency p50 / p99    %s / %s   (target p99 <= %s)  %s", ms(ps.p50), ms(ps.p99), ms(targetP99), mark(okLat)),
		fmt.Sprintf("  bot CPU per update   %d µs   (target <= %d µs, where the bot really runs: not saturated)  %s",
			pacedCPU.Microseconds(), targetCPUPerUpdate.Microseconds(), mark(okPacedCPU)),
		fmt.Sprintf("  CPU busy             bot %.2f, load generator %.2f of %d cores", cores(pac.BotCPU, pac.Elapsed), cores(pac.GenCPU, pac.Elapsed), r.Cores),
		fmt.Sprintf("RSS, %s convs      %.1f MB    (target <= %d MB)  %s", thousands(r.Convs), float64(r.RSSBytes)/1e6, targetRSSBytes/1_000_000, mark(okRSS)),
	}
	outbox, okOutbox := outboxLines(r.Outbox)
	lines = append(lines, outbox...)
	offers, okOffers := offerLines(r.Offers)
	lines = append(lines, offers...)
	events, okEvents := eventLines(r.Events)
	lines = append(lines, events...)
	lines = append(lines,
		fmt.Sprintf("fake Bot API           %d rejected calls, %d 429s  %s", r.Rejected, r.TooMany, mark(okFake)))
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return false, err
		}
	}
	return okCPU && okPacedCPU && okTrips && okLat && okRSS && okOutbox && okOffers && okEvents && okFake, nil
}

// cores is cpu over wall: how many cores were busy on average; 0 for no wall time.
func cores(cpu, wall time.Duration) float64 {
	if wall <= 0 {
		return 0
	}
	return float64(cpu) / float64(wall)
}
