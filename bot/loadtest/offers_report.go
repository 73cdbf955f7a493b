package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// targetOfferP99 is the p99 from an advisor's tap on "Annehmen" to the
// confirmation on their phone, with every advisor of the phase tapping
// at the same moment. In such a burst the p99 is about the time to drain
// the whole burst (the last taps wait for nearly all the others: each is
// a transaction under its request's row lock, four taps contending per
// request, on two cores shared with Postgres and the load generator), so
// the target bounds the throughput too: 200 taps within 2 s is at least
// 100 taps/s. Telegram keeps the button's spinner until the answer and
// drops answers after about 10 s; 2 s leaves that a wide margin, and the
// bot meets it on the 2-core machine at 0.4-1.1 s, so that losing half
// its throughput fails.
const targetOfferP99 = 2 * time.Second

// offerStats is what the offer phase measured; zero when it was skipped.
type offerStats struct {
	Advisors, Requests, Tandems, Seats int
	Taps                               int             // taps answered
	Span                               time.Duration   // first tap to last confirmation
	Latencies                          []time.Duration // tap to confirmation, one per tap answered
	Won, Taken, Other                  int             // taps told they won, told it is taken, told anything else
	Held, Doubles                      int             // seats held after the wave; double winners (see countDoubles)
	BotCPU, GenCPU                     time.Duration   // the bot's and the load generator's CPU time over the wave
}

// rate is the taps answered per second from the first tap to the last
// confirmation; 0 without a span.
func (o offerStats) rate() float64 {
	if o.Span <= 0 {
		return 0
	}
	return float64(o.Taps) / o.Span.Seconds()
}

// confirmations returns, per chat of taps, when the advisor had the
// confirmation of their tap, from the fake's calls (the moment the fake
// answered them): the toast, and for a winner (won) also the edit of the
// card into the accepted one, whichever came later. Only successful calls
// at or after the chat's tap count; a chat without its confirmation is
// left out.
func confirmations(calls []telegramfake.Call, taps map[int64]time.Time, won map[int64]bool) map[int64]time.Time {
	toast, edit := map[int64]time.Time{}, map[int64]time.Time{}
	for _, c := range calls {
		tap, ok := taps[c.ChatID]
		if !ok || !c.OK || c.At.Before(tap) {
			continue
		}
		switch c.Method {
		case "answerCallbackQuery":
			first(toast, c.ChatID, c.At)
		case "editMessageText":
			first(edit, c.ChatID, c.At)
		}
	}
	out := make(map[int64]time.Time, len(toast))
	for chat, at := range toast {
		if won[chat] {
			e, ok := edit[chat]
			if !ok {
				continue
			}
			at = latest(at, e)
		}
		out[chat] = at
	}
	return out
}

// first sets m[k] to at unless it is set.
func first(m map[int64]time.Time, k int64, at time.Time) {
	if _, ok := m[k]; !ok {
		m[k] = at
	}
}

// latest is the later of a and b.
func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// tapLatencies returns the time from each tap to its confirmation, and
// the span from the first tap to the last confirmation; taps without a
// confirmation are left out.
func tapLatencies(taps, confirmed map[int64]time.Time) ([]time.Duration, time.Duration) {
	var (
		lat         []time.Duration
		first, last time.Time
	)
	for chat, tap := range taps {
		at, ok := confirmed[chat]
		if !ok {
			continue
		}
		lat = append(lat, at.Sub(tap))
		if first.IsZero() || tap.Before(first) {
			first = tap
		}
		last = latest(last, at)
	}
	slices.Sort(lat)
	return lat, last.Sub(first)
}

// seatRace is one request after the wave: its seats and offers as
// stored, and the advisors (users.id) whose phones were told they won it.
type seatRace struct {
	Seats  []domain.Seat
	Offers []domain.Offer
	Told   []int64
}

// countDoubles returns the seats held and the double winners of races:
// every seat beyond the first that one advisor holds of a request, and
// every advisor who won a request by Postgres (an accepted offer) or by
// their phone (told so) without holding one of its seats.
func countDoubles(races []seatRace) (held, doubles int) {
	for _, r := range races {
		seats := map[int64]int{} // users.id -> seats held of this request
		for _, s := range r.Seats {
			if s.AdvisorID != 0 {
				seats[s.AdvisorID]++
				held++
			}
		}
		for _, n := range seats {
			doubles += n - 1
		}
		claimed := map[int64]bool{}
		for _, o := range r.Offers {
			if o.Status == domain.OfferAccepted {
				claimed[o.Advisor.ID] = true
			}
		}
		for _, id := range r.Told {
			claimed[id] = true
		}
		for id := range claimed {
			if seats[id] == 0 {
				doubles++
			}
		}
	}
	return held, doubles
}

// offerLines reports the offer phase with a mark per target and whether
// every target was met; a skipped phase (no advisors) is one line and
// passes.
func offerLines(o offerStats) (lines []string, ok bool) {
	if o.Advisors == 0 {
		return []string{"offers: skipped (-offers 0)"}, true
	}
	sorted := slices.Clone(o.Latencies)
	slices.Sort(sorted)
	p50, p99 := percentile(sorted, 50), percentile(sorted, 99)
	okAnswered := o.Taps == o.Advisors && o.Other == 0 && o.Won+o.Taken == o.Taps
	okSeats := o.Held == o.Seats && o.Won == o.Held
	okLat := okAnswered && p99 <= targetOfferP99
	okDoubles := o.Doubles == 0
	return []string{
		fmt.Sprintf("offers: %d advisors tap Annehmen at once, %d per request (%d requests, %d of them tandems, %d seats)",
			o.Advisors, o.Advisors/max(o.Requests, 1), o.Requests, o.Tandems, o.Seats),
		fmt.Sprintf("  accepts/s            %.0f   (%d taps answered, first tap to last confirmation %s)",
			o.rate(), o.Taps, ms(o.Span)),
		fmt.Sprintf("  tap to confirmation  p50 %s / p99 %s   (target p99 <= %s)  %s", ms(p50), ms(p99), ms(targetOfferP99), mark(okLat)),
		fmt.Sprintf("  answers              %d won, %d taken, %d other; %d of %d seats held  %s",
			o.Won, o.Taken, o.Other, o.Held, o.Seats, mark(okAnswered && okSeats)),
		fmt.Sprintf("  double winners       %d    (target 0)  %s", o.Doubles, mark(okDoubles)),
		fmt.Sprintf("  CPU per tap          bot %d µs, load generator %d µs (informational)",
			time.Duration(perUpdate(float64(o.BotCPU), o.Taps)).Microseconds(),
			time.Duration(perUpdate(float64(o.GenCPU), o.Taps)).Microseconds()),
	}, okLat && okAnswered && okSeats && okDoubles
}
