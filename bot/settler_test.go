package bot

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// countingConv counts the settler's own round trips.
type countingConv struct {
	ConvStore
	trips atomic.Int32
}

func (c *countingConv) SettleThenBegin(_ context.Context, items []domain.Settle, claims []domain.Claim) ([]error, []domain.Claimed) {
	c.trips.Add(1)
	return make([]error, len(items)), make([]domain.Claimed, len(claims))
}

// When every update in hand waits to be settled, the settler leaves the
// requests to the poller, which sends them with its next claims; it does
// not spend a round trip of its own on them.
func TestSettlerLeavesAllParkedRunsToThePoller(t *testing.T) {
	conv := &countingConv{}
	s := newSettler(conv)
	s.leaveFor = time.Hour // no safety net here, however slow the machine
	defer s.stop()
	s.inHand.Store(1)
	reply := make(chan []error, 1)
	go func() { reply <- s.settle([]domain.Settle{{UpdateID: 1}}, 1) }()
	select {
	case <-s.parked:
	case <-time.After(5 * time.Second):
		t.Fatal("the poller was not told that every update in hand waits")
	}
	reqs := s.take()
	if len(reqs) != 1 {
		t.Fatalf("the poller found %d requests, want 1", len(reqs))
	}
	answer(reqs, make([]error, len(items(reqs))))
	<-reply
	if n := conv.trips.Load(); n != 0 {
		t.Fatalf("the settler made %d round trips of its own, want 0", n)
	}
}

// While another run is still being handled, a waiting run is not held for
// the poller: the settler sends it itself.
func TestSettlerSendsWhileOthersAreStillHandled(t *testing.T) {
	conv := &countingConv{}
	s := newSettler(conv)
	defer s.stop()
	s.inHand.Store(3) // two more updates are still being handled
	done := make(chan struct{})
	go func() { s.settle([]domain.Settle{{UpdateID: 1}}, 1); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a run waited for the poller while others were still being handled")
	}
	if n := conv.trips.Load(); n != 1 {
		t.Fatalf("round trips = %d, want 1", n)
	}
	select {
	case <-s.parked:
		t.Fatal("the poller was told all wait, with two still being handled")
	default:
	}
}
