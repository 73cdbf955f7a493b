package flows

import "time"

// Outgoing is an outbox message that a sender has claimed for delivery: a
// Notification with its row id and its delivery state. The store hands it
// out with a lease; Lease identifies the claim, so that a sender whose lease
// ran out (and was taken over) cannot reschedule the message any more.
type Outgoing struct {
	ID       int64
	ChatID   int64
	Message  Message   // Text and Buttons; outbox messages carry no document
	Attempts int       // failed attempts before this one
	Lease    time.Time // end of the claim's lease, as the store set it
}
