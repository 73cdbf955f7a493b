package main

import (
	"testing"
	"time"
)

// eventResult is an event phase that met every target: 3,000 members of
// 100 associations, each with one card and one file, 6,000 messages at
// 29.5 per second, a two-minute pause for the killed bot's lease.
func eventResult() eventStats {
	return eventStats{Members: 3000, Orgs: 100, Published: 3000, Cards: 3000, Files: 3000, KilledAt: 3000,
		Active: 203356 * time.Millisecond, Pause: 118 * time.Second}
}

func TestWriteReportEvents(t *testing.T) {
	tests := []struct {
		name   string
		change func(*eventStats)
		pass   bool
		want   []string
	}{
		{"skipped", func(e *eventStats) { *e = eventStats{} }, true, []string{"\nevents: skipped (-events 0)\nfake Bot API"}},
		{"all targets met", func(*eventStats) {}, true, []string{
			"\nevents: one event published to 3,000 members of 100 associations, fake limits 30/s in all and 1/s per chat\n" +
				"  invitations written  3,000, bot killed (SIGKILL) and restarted with 3,000 of 6,000 cards and files delivered\n" +
				"  delivered            3,000 cards, 3,000 calendar files  PASS\n" +
				"  repeated             0, of them 0 in flight at the kill (target: none but those)  PASS\n" +
				"  messages/s           29.50 over 203.4 s of sending (target >= 29.4)  PASS\n" +
				"  longest pause        118.0 s (the killed bot's claims wait out their lease; informational)\n" +
				"  429s                 0    (target 0)  PASS\nfake Bot API"}},
		{"a file lost", func(e *eventStats) { e.Files = 2999 }, false,
			[]string{"3,000 cards, 2,999 calendar files  FAIL"}},
		{"a card twice", func(e *eventStats) { e.Repeats = 1 }, false,
			[]string{"repeated             1, of them 0 in flight at the kill (target: none but those)  FAIL"}},
		{"the send in flight at the kill twice", func(e *eventStats) { e.Repeats, e.InFlight = 1, 1 }, true,
			[]string{"repeated             1, of them 1 in flight at the kill (target: none but those)  PASS"}},
		{"a 429", func(e *eventStats) { e.TooMany = 1 }, false, []string{"429s                 1    (target 0)  FAIL"}},
		{"too slow", func(e *eventStats) { e.Active *= 2 }, false, []string{"messages/s           14.75 over 406.7 s"}},
		{"fewer written", func(e *eventStats) { e.Published = 2990 }, false, []string{"calendar files  FAIL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := goodResults()
			r.Events = eventResult()
			tc.change(&r.Events)
			checkReport(t, r, tc.pass, tc.want)
		})
	}
}
