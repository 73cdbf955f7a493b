package outbox

import (
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// claim is a message in the sender's hands: the message as the store handed
// it out, and the end of its lease in this process's clock.
//
// The store sets the lease's end, m.Lease, in its own clock: its now at the
// claim plus the lease asked for. That clock is the real one in production,
// but it is injectable (the bot's tests run it from a fixed date at real
// speed), so the sender does not compare m.Lease with its own time. It
// counts the same lease from just before it asked for the claim: until =
// asked + lease is never later than m.Lease as the store counts it, whatever
// date the store's clock shows, and it is read on the monotonic clock.
// Another sender takes the message over once the store's clock passes
// m.Lease; instances that compare leases must keep their clocks within
// recordMargin of each other (NTP does).
type claim struct {
	domain.Outgoing
	until time.Time
}

// sendMargin is how much of a claim's lease must be left when a send
// starts: room for the send, which is cut off recordMargin before the lease
// ends, and for its record. A message with less left is given back unsent
// (a quarter of the lease: 30 s of the default 2 minutes).
func (s *Sender) sendMargin() time.Duration { return s.lease / 4 }

// recordMargin is how much of the lease is kept for recording a send's
// outcome after the send was cut off (an eighth: 15 s of 2 minutes).
func (s *Sender) recordMargin() time.Duration { return s.lease / 8 }

// canSendAt reports whether a send of c may start at t: it leaves
// sendMargin of the lease.
func (s *Sender) canSendAt(c claim, t time.Time) bool {
	return c.until.Sub(t) >= s.sendMargin()
}

// sendDeadline is when a send of c that starts now is cut off: after
// sendTimeout, and recordMargin before the lease ends at the latest.
func (s *Sender) sendDeadline(c claim) time.Time {
	end := time.Now().Add(sendTimeout)
	if last := c.until.Add(-s.recordMargin()); last.Before(end) {
		return last
	}
	return end
}
