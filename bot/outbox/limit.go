package outbox

import (
	"context"
	"strconv"
	"time"
)

// waitTurn returns when a send to chatID fits both shared limits and this
// instance's send window, having booked it under all three; the caller sends
// at once and then finishes the returned window ticket. It returns ctx's or
// the limiter's error otherwise. It books the next global slot (one worker
// of this instance at a time) and waits for it. While another instance books
// global slots too, a worker that wakes more than maxLate after its slot
// lets the slot go and books another: a send that late could crowd a later
// one-second window with the other instance's sends (the slots leave
// globalSlack per second for the rest of the way). Then it waits for the
// send window, which keeps this instance's own sends within the limit
// whatever the delays, so an instance alone sends on however late it woke.
// It takes the chat's turn last, so that the send follows the chat's booking
// within a few milliseconds. The store holds a chat's next message back for
// the chat's pause, so the chat's limit rarely refuses; when it does, the
// global slot is lost.
func (s *Sender) waitTurn(ctx context.Context, chatID int64) (ticket uint64, err error) {
	chatKey := "chat:" + strconv.FormatInt(chatID, 10)
	for {
		wait, shared, err := s.reserveGlobal(ctx)
		if err != nil {
			return 0, err
		}
		slot := time.Now().Add(wait)
		if !sleep(ctx, wait) {
			return 0, ctx.Err()
		}
		if shared && time.Since(slot) > maxLate {
			s.metrics.lateSlots.Inc()
			continue
		}
		ticket, err := s.window.wait(ctx)
		if err != nil {
			return 0, err
		}
		wait, ok, err := s.limit.ReserveSend(ctx, chatKey, s.chatEvery, 1)
		if err == nil && ok {
			return ticket, nil
		}
		s.window.cancel(ticket)
		if err != nil {
			return 0, err
		}
		if !sleep(ctx, wait) {
			return 0, ctx.Err()
		}
	}
}

// reserveGlobal books the next global slot and returns how long until it,
// and whether another instance has booked global slots lately.
func (s *Sender) reserveGlobal(ctx context.Context) (time.Duration, bool, error) {
	s.globalMu.Lock()
	defer s.globalMu.Unlock()
	for {
		asked := time.Now()
		wait, ok, err := s.limit.ReserveSend(ctx, "global", s.globalEvery, globalAhead)
		if err != nil {
			return 0, false, err
		}
		if ok {
			return wait, s.shares.booked(asked, time.Now(), wait), nil
		}
		if !sleep(ctx, wait) {
			return 0, false, ctx.Err()
		}
	}
}

// sharing tells from this instance's global bookings whether another
// instance books global slots too. Booked slots follow each other one
// interval apart while the limit is busy; a wider gap between two of this
// instance's busy bookings was taken by another instance. A slot is known
// only between asked+wait and answered+wait (Redis books it somewhere
// between), so the gap is measured from the latest the last slot can be to
// the earliest the new one can be: a slow answer is no gap.
type sharing struct {
	every    time.Duration // the global interval
	last     time.Time     // the latest this instance's last booked slot can be
	othersAt time.Time     // when another instance's booking was last seen
}

// booked notes a slot booked by a call made at asked and answered at
// answered with wait, and returns whether another instance booked within
// sharedFor. A wait of a millisecond or less means the limit was not busy
// (Redis rounds an idle slot to a few nanoseconds ahead).
func (h *sharing) booked(asked, answered time.Time, wait time.Duration) bool {
	if wait > time.Millisecond && !h.last.IsZero() && asked.Add(wait).Sub(h.last) > h.every*3/2 {
		h.othersAt = answered
	}
	h.last = answered.Add(wait)
	return !h.othersAt.IsZero() && answered.Sub(h.othersAt) < sharedFor
}
