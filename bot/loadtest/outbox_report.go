package main

import (
	"fmt"
	"net/http"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// metricLateSlots counts the global send slots the bot's outbox sender let
// go because it woke too late for them.
const metricLateSlots = "miglobe_outbox_late_slots_total"

// explain429s describes up to most of the 429 answers among calls, in order:
// when each came (from the first call) and how long before it the window of
// the last limit successful sends began. A window under a second means the
// sends crowded together at the fake, say by uneven delays on the way.
func explain429s(calls []telegramfake.Call, limit, most int) []string {
	var sent []time.Time // successful sendMessage calls so far
	var out []string
	for _, c := range calls {
		switch {
		case c.Method == "sendMessage" && c.OK:
			sent = append(sent, c.At)
		case c.Code == http.StatusTooManyRequests && len(out) < most:
			line := fmt.Sprintf("429 for %s at +%.3f s", c.Method, c.At.Sub(calls[0].At).Seconds())
			if len(sent) >= limit {
				line += fmt.Sprintf(": the last %d sends began %.1f ms before", limit,
					float64(c.At.Sub(sent[len(sent)-limit]))/float64(time.Millisecond))
			}
			out = append(out, line)
		}
	}
	return out
}

// targetOutboxRate is 98 % of Telegram's 30 messages per second.
const targetOutboxRate = 29.4

// outboxLines reports the outbox phase with a mark per target and whether
// every target was met; a skipped phase (no messages) is one line and passes.
func outboxLines(o outboxStats) (lines []string, ok bool) {
	if o.Messages == 0 {
		return []string{"outbox: skipped (-outbox 0)"}, true
	}
	okDelivered := o.Delivered == o.Messages && o.Repeats == 0
	okRate := o.rate() >= targetOutboxRate
	okTooMany := o.TooMany == 0
	return []string{
		fmt.Sprintf("outbox: %s notifications to as many chats, fake limits %d/s in all and %d/s per chat",
			thousands(o.Messages), outboxLimits.Global, outboxLimits.PerChat),
		fmt.Sprintf("  delivered            %s, %d repeated, first to last send in %.1f s  %s",
			thousands(o.Delivered), o.Repeats, o.Span.Seconds(), mark(okDelivered)),
		fmt.Sprintf("  messages/s           %.2f (target >= %.1f)  %s", o.rate(), targetOutboxRate, mark(okRate)),
		fmt.Sprintf("  429s                 %d    (target 0)  %s", o.TooMany, mark(okTooMany)),
		fmt.Sprintf("  late slots           %.0f let go by the sender (informational)", o.LateSlots),
	}, okDelivered && okRate && okTooMany
}
