package main

import (
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestConfirmations(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	call := func(method string, chat int64, ms int, ok bool) telegramfake.Call {
		return telegramfake.Call{Method: method, ChatID: chat, At: at(ms), OK: ok}
	}
	taps := map[int64]time.Time{1: at(0), 2: at(0), 3: at(10), 4: at(0)}
	calls := []telegramfake.Call{
		call("answerCallbackQuery", 3, 5, true),  // before chat 3's tap: an earlier press
		call("editMessageText", 1, 20, true),     // the winner's card, before its toast
		call("answerCallbackQuery", 1, 30, true), // the winner's toast
		call("answerCallbackQuery", 2, 40, false),
		call("answerCallbackQuery", 2, 50, true),   // a loser's toast, after a failed try
		call("editMessageText", 2, 60, true),       // the loser's card closed: not its confirmation
		call("answerCallbackQuery", 3, 70, true),   // a winner whose card was never edited
		call("answerCallbackQuery", 9, 1, true),    // no tap of this phase
		call("answerCallbackQuery", 1, 90, true),   // a second answer does not count
		call("sendMessage", 4, 15, true),           // not a confirmation
		call("answerCallbackQuery", 4, 100, true),  // the winner's toast, before its card
		call("editMessageText", 4, 120, true),      // the winner's card
		call("editMessageText", 4, 130, true),      // later edits do not count
		call("answerCallbackQuery", 2, 200, true),  // already confirmed
		call("answerCallbackQuery", 5, 200, true),  // no tap
		call("editMessageText", 3, 9, true),        // before the tap
		call("answerCallbackQuery", 6, 200, false), // no tap, failed
	}
	got := confirmations(calls, taps, map[int64]bool{1: true, 3: true, 4: true})
	want := map[int64]time.Time{1: at(30), 2: at(50), 4: at(120)}
	if len(got) != len(want) {
		t.Fatalf("confirmations = %v, want %v", got, want)
	}
	for chat, w := range want {
		if !got[chat].Equal(w) {
			t.Errorf("chat %d confirmed at %v, want %v", chat, got[chat], w)
		}
	}

	lat, span := tapLatencies(taps, got)
	if w := []time.Duration{30 * time.Millisecond, 50 * time.Millisecond, 120 * time.Millisecond}; !slices.Equal(lat, w) {
		t.Errorf("latencies %v, want %v (chat 3 was never confirmed)", lat, w)
	}
	if span != 120*time.Millisecond {
		t.Errorf("span %v, want 120ms", span)
	}
	if lat, span := tapLatencies(taps, nil); lat != nil || span != 0 {
		t.Errorf("nothing confirmed: %v, %v", lat, span)
	}
}

func TestCountDoubles(t *testing.T) {
	seat := func(n int, advisor int64) domain.Seat { return domain.Seat{N: n, AdvisorID: advisor} }
	offer := func(advisor int64, s domain.OfferStatus) domain.Offer {
		return domain.Offer{Advisor: domain.User{ID: advisor}, Status: s}
	}
	one := seatRace{Seats: []domain.Seat{seat(1, 10)}, Told: []int64{10},
		Offers: []domain.Offer{offer(10, domain.OfferAccepted), offer(11, domain.OfferTaken), offer(12, domain.OfferTaken)}}
	tests := []struct {
		name          string
		races         []seatRace
		held, doubles int
	}{
		{"none", nil, 0, 0},
		{"one winner", []seatRace{one}, 1, 0},
		{"a tandem of two", []seatRace{{Seats: []domain.Seat{seat(1, 10), seat(2, 11)}, Told: []int64{11, 10},
			Offers: []domain.Offer{offer(10, domain.OfferAccepted), offer(11, domain.OfferAccepted)}}}, 2, 0},
		{"a seat left free", []seatRace{{Seats: []domain.Seat{seat(1, 0)},
			Offers: []domain.Offer{offer(10, domain.OfferOpen)}}}, 0, 0},
		{"one advisor in both seats", []seatRace{{Seats: []domain.Seat{seat(1, 10), seat(2, 10)}, Told: []int64{10},
			Offers: []domain.Offer{offer(10, domain.OfferAccepted), offer(11, domain.OfferTaken)}}}, 2, 1},
		{"two accepted for one seat", []seatRace{{Seats: []domain.Seat{seat(1, 10)}, Told: []int64{10},
			Offers: []domain.Offer{offer(10, domain.OfferAccepted), offer(11, domain.OfferAccepted)}}}, 1, 1},
		{"told they won without a seat", []seatRace{{Seats: []domain.Seat{seat(1, 10)}, Told: []int64{10, 12},
			Offers: []domain.Offer{offer(10, domain.OfferAccepted), offer(12, domain.OfferTaken)}}}, 1, 1},
		{"accepted and told without a seat counts once", []seatRace{{Seats: []domain.Seat{seat(1, 10)}, Told: []int64{10, 11},
			Offers: []domain.Offer{offer(10, domain.OfferAccepted), offer(11, domain.OfferAccepted)}}}, 1, 1},
		{"a seat of another request does not count", []seatRace{one, {Seats: []domain.Seat{seat(1, 11)}, Told: []int64{10, 11},
			Offers: []domain.Offer{offer(10, domain.OfferTaken), offer(11, domain.OfferAccepted)}}}, 2, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if held, doubles := countDoubles(tc.races); held != tc.held || doubles != tc.doubles {
				t.Errorf("countDoubles = %d held, %d doubles; want %d, %d", held, doubles, tc.held, tc.doubles)
			}
		})
	}
}

// offerResult is an offer phase that meets every target: 200 taps on 50
// requests, 25 of them tandems, all answered within a second.
func offerResult() offerStats {
	return offerStats{Advisors: 200, Requests: 50, Tandems: 25, Seats: 75, Taps: 200, Span: time.Second,
		Latencies: latencies(200, time.Second), Won: 75, Taken: 125, Held: 75,
		BotCPU: 200 * 1500 * time.Microsecond, GenCPU: 200 * 500 * time.Microsecond}
}

func TestWriteReportOffers(t *testing.T) {
	tests := []struct {
		name   string
		change func(*offerStats)
		pass   bool
		want   []string
	}{
		{"skipped", func(o *offerStats) { *o = offerStats{} }, true, []string{"\noffers: skipped (-offers 0)\nevents: skipped (-events 0)\nfake Bot API"}},
		{"all targets met", func(*offerStats) {}, true, []string{
			"\noffers: 200 advisors tap Annehmen at once, 4 per request (50 requests, 25 of them tandems, 75 seats)\n" +
				"  accepts/s            200   (200 taps answered, first tap to last confirmation 1000.0 ms)\n" +
				"  tap to confirmation  p50 500.0 ms / p99 990.0 ms   (target p99 <= 2000.0 ms)  PASS\n" +
				"  answers              75 won, 125 taken, 0 other; 75 of 75 seats held  PASS\n" +
				"  double winners       0    (target 0)  PASS\n" +
				"  CPU per tap          bot 1500 µs, load generator 500 µs (informational)\n" +
				"events: skipped (-events 0)\nfake Bot API"}},
		{"too slow", func(o *offerStats) { o.Latencies = latencies(200, 3*time.Second) }, false,
			[]string{"p99 2970.0 ms   (target p99 <= 2000.0 ms)  FAIL"}},
		{"a double winner", func(o *offerStats) { o.Doubles = 1 }, false,
			[]string{"double winners       1    (target 0)  FAIL"}},
		{"a tap unanswered", func(o *offerStats) { o.Taps, o.Taken = 199, 124 }, false,
			[]string{"answers              75 won, 124 taken, 0 other; 75 of 75 seats held  FAIL", "(target p99 <= 2000.0 ms)  FAIL"}},
		{"an error toast", func(o *offerStats) { o.Taken, o.Other = 124, 1 }, false,
			[]string{"75 won, 124 taken, 1 other; 75 of 75 seats held  FAIL"}},
		{"a seat left free", func(o *offerStats) { o.Held, o.Won, o.Taken = 74, 74, 126 }, false,
			[]string{"74 won, 126 taken, 0 other; 74 of 75 seats held  FAIL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := goodResults()
			r.Offers = offerResult()
			tc.change(&r.Offers)
			checkReport(t, r, tc.pass, tc.want)
		})
	}
}
