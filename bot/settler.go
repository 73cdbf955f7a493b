package bot

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The settler saves the conversations of polling mode. Each conversation's
// runner asks it to settle its run when the run ends, and waits. Requests
// that come while a round trip is under way, or while other runs are still
// being handled, are settled together, so that the conversations of one
// getUpdates batch cost one round trip to Redis.
//
// When every update in hand waits to be settled, the settler leaves the
// requests to the poller, which is about to ask for new updates: it sends
// them in the same round trip as the claims of the next batch
// (SettleThenBegin), or alone when no new update came. At a steady rate
// that saves a round trip per batch, and the updates are confirmed no later
// than before: the offset moves past them with the getUpdates after that
// round trip either way.

// settleReq is one request to settle: a run's write or a give-back.
type settleReq struct {
	items []domain.Settle
	held  int // updates in hand that wait for it
	reply chan []error
}

// settler collects settle requests and runs them.
type settler struct {
	conv     ConvStore
	inHand   atomic.Int64  // updates the intake has in hand (its running count)
	leaveFor time.Duration // how long requests wait for the poller (tests lengthen it)

	mu      sync.Mutex
	pending []settleReq
	held    int // updates in hand the pending requests stand for
	takes   int // times the poller took the pending requests

	wake   chan struct{} // cap 1: a request came
	parked chan struct{} // cap 1: to the poller: all in hand wait to be settled
	quit   chan struct{}
	done   chan struct{}
}

// gatherFor is the longest a request waits for the runs still being handled
// before the settler sends what it has; leaveFor is the longest it waits for
// the poller once every update in hand waits (a safety net: the poller
// takes them at once).
const (
	gatherFor = 2 * time.Millisecond
	leaveFor  = 50 * time.Millisecond
)

func newSettler(conv ConvStore) *settler {
	s := &settler{conv: conv, leaveFor: leaveFor, wake: make(chan struct{}, 1), parked: make(chan struct{}, 1),
		quit: make(chan struct{}), done: make(chan struct{})}
	go s.run()
	return s
}

// settle settles items and returns their errors; held is how many updates
// in hand wait for it.
func (s *settler) settle(items []domain.Settle, held int) []error {
	req := settleReq{items: items, held: held, reply: make(chan []error, 1)}
	s.mu.Lock()
	s.pending = append(s.pending, req)
	s.held += held
	s.mu.Unlock()
	signal(s.wake)
	return <-req.reply
}

// take hands the pending requests to the caller, which must answer them.
func (s *settler) take() []settleReq {
	s.mu.Lock()
	defer s.mu.Unlock()
	reqs := s.pending
	s.pending, s.held = nil, 0
	s.takes++
	return reqs
}

// items returns the requests' items in one list.
func items(reqs []settleReq) []domain.Settle {
	var all []domain.Settle
	for _, r := range reqs {
		all = append(all, r.items...)
	}
	return all
}

// answer gives each request its errors (errs in the order of items(reqs)).
func answer(reqs []settleReq, errs []error) {
	for _, r := range reqs {
		r.reply <- errs[:len(r.items)]
		errs = errs[len(r.items):]
	}
}

// settleThenBegin settles the pending requests and claims claims, in one
// round trip with its own deadline (not the poll's); nil claims: only the
// settles.
func (s *settler) settleThenBegin(claims []domain.Claim) []domain.Claimed {
	reqs := s.take()
	if len(reqs) == 0 && len(claims) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), settleTimeout)
	defer cancel()
	errs, claimed := s.conv.SettleThenBegin(ctx, items(reqs), claims)
	answer(reqs, errs)
	return claimed
}

// flush settles the pending requests.
func (s *settler) flush() { s.settleThenBegin(nil) }

// stop settles what is pending and ends the settler; settle must not be
// called after it.
func (s *settler) stop() {
	close(s.quit)
	<-s.done
}

func (s *settler) run() {
	defer close(s.done)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-s.quit:
			s.flush()
			return
		case <-s.wake:
		}
		s.gather(timer)
	}
}

// gather waits while runs in hand are still being handled, for at most
// gatherFor, and then settles what is pending. Once every update in hand
// waits, it tells the poller and leaves the requests to it (for at most
// leaveFor).
func (s *settler) gather(timer *time.Timer) {
	timer.Reset(gatherFor)
	defer timer.Stop() // since Go 1.23 a stopped timer delivers nothing stale
	left, takes := false, 0
	for {
		s.mu.Lock()
		n, held, taken := len(s.pending), s.held, s.takes != takes
		takes = s.takes
		s.mu.Unlock()
		if n == 0 {
			return // the poller took them
		}
		if left && taken { // the poller took those left; these are new
			left = false
			timer.Reset(gatherFor)
		}
		if !left && int64(held) >= s.inHand.Load() {
			left = true
			signal(s.parked)
			timer.Reset(s.leaveFor)
		}
		select {
		case <-s.wake:
		case <-timer.C:
			s.flush()
			return
		case <-s.quit:
			s.flush()
			return
		}
	}
}

// signal sends on a channel of capacity 1 without blocking.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}
