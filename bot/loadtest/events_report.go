package main

import "fmt"

// eventLines reports the event phase with a mark per target and whether
// every target was met; a skipped phase (no members) is one line and
// passes. Every member must have one card and one calendar file, though
// the bot was killed half way, at Telegram's rate and without a 429; none
// may come twice but a send in flight at the kill (eventStats.InFlight).
func eventLines(e eventStats) (lines []string, ok bool) {
	if e.Members == 0 {
		return []string{"events: skipped (-events 0)"}, true
	}
	okAll := e.Published == e.Members && e.Cards == e.Members && e.Files == e.Members
	okRepeats := e.Repeats == e.InFlight
	okRate := e.rate() >= targetOutboxRate
	okTooMany := e.TooMany == 0
	return []string{
		fmt.Sprintf("events: one event published to %s members of %d associations, fake limits %d/s in all and %d/s per chat",
			thousands(e.Members), e.Orgs, outboxLimits.Global, outboxLimits.PerChat),
		fmt.Sprintf("  invitations written  %s, bot killed (SIGKILL) and restarted with %s of %s cards and files delivered",
			thousands(e.Published), thousands(e.KilledAt), thousands(2*e.Members)),
		fmt.Sprintf("  delivered            %s cards, %s calendar files  %s", thousands(e.Cards), thousands(e.Files), mark(okAll)),
		fmt.Sprintf("  repeated             %d, of them %d in flight at the kill (target: none but those)  %s",
			e.Repeats, e.InFlight, mark(okRepeats)),
		fmt.Sprintf("  messages/s           %.2f over %.1f s of sending (target >= %.1f)  %s",
			e.rate(), e.Active.Seconds(), targetOutboxRate, mark(okRate)),
		fmt.Sprintf("  longest pause        %.1f s (the killed bot's claims wait out their lease; informational)", e.Pause.Seconds()),
		fmt.Sprintf("  429s                 %d    (target 0)  %s", e.TooMany, mark(okTooMany)),
	}, okAll && okRepeats && okRate && okTooMany
}
