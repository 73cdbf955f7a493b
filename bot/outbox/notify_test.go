package outbox

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// listenProbe is a Store that watches how the sender is woken: it hands on
// the wakes of the real ListenOutbox and records when each arrived, and for
// each claim when it began, how many wakes the sender had taken by then and
// how many messages it took. With off set its ListenOutbox never wakes, as
// if LISTEN were switched off.
type listenProbe struct {
	Store
	off bool

	mu     sync.Mutex
	out    chan struct{} // the wakes handed on to the sender
	wakes  []time.Time   // when each wake of the real listener arrived
	taken  int           // wakes the sender has taken (out was empty since)
	claims []probedClaim // returned claims, in order
}

type probedClaim struct {
	at    time.Time // when it began
	woken int       // wakes the sender had taken when it began
	took  int       // messages it claimed
}

func (p *listenProbe) ListenOutbox(ctx context.Context) <-chan struct{} {
	out := make(chan struct{}, 1)
	if p.off {
		return out // never fires
	}
	in := p.Store.ListenOutbox(ctx)
	p.mu.Lock()
	p.out = out
	p.mu.Unlock()
	go func() {
		defer close(out)
		for range in {
			// Recorded and handed on under one lock: while out is empty,
			// the sender has taken every wake recorded.
			p.mu.Lock()
			p.wakes = append(p.wakes, time.Now())
			select {
			case out <- struct{}{}:
			default: // merges into the wake that is waiting
			}
			p.mu.Unlock()
		}
	}()
	return out
}

func (p *listenProbe) ClaimOutbox(ctx context.Context, limit int, lease time.Duration) ([]domain.Outgoing, error) {
	p.mu.Lock()
	if len(p.out) == 0 {
		p.taken = len(p.wakes)
	}
	c := probedClaim{at: time.Now(), woken: p.taken}
	p.mu.Unlock()
	got, err := p.Store.ClaimOutbox(ctx, limit, lease)
	c.took = len(got)
	p.mu.Lock()
	p.claims = append(p.claims, c)
	p.mu.Unlock()
	return got, err
}

// waitIdle waits until the sender waits for a wake with nothing to do: with
// LISTEN on, it has taken the wake the listener gives once LISTEN holds, and
// a claim begun after it has returned; with LISTEN off, its first claim has
// returned. A commit after this can only be delivered after a new wake.
func (p *listenProbe) waitIdle(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		p.mu.Lock()
		idle := slices.ContainsFunc(p.claims, func(c probedClaim) bool { return p.off || c.woken > 0 })
		wakes := len(p.wakes)
		p.mu.Unlock()
		if idle {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the sender was not idle within 30s (%d wakes from the listener): LISTEN never took hold", wakes)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// checkWokenAfter fails the test unless the claim that took the message
// began after the sender had taken a wake that arrived after commit: the
// NOTIFY of that commit, not a poll, set the delivery off.
func (p *listenProbe) checkWokenAfter(t testing.TB, commit time.Time) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	since := p.wakesFrom(commit)
	for _, c := range p.claims {
		if c.took == 0 {
			continue
		}
		if slices.ContainsFunc(p.wakes[:c.woken], func(w time.Time) bool { return w.After(commit) }) {
			return
		}
		t.Fatalf("the claim that took the message began %v after the commit, after no wake from a NOTIFY (wakes at %v from the commit, %d taken)",
			c.at.Sub(commit), since, c.woken)
	}
	t.Fatal("no claim took the message")
}

// checkOnlyNotifyWakes fails the test unless the listener woke the sender
// twice: once when LISTEN took hold, before commit, and once after it, for
// its NOTIFY; a listener that wakes on its own, as a poll would, fails.
func (p *listenProbe) checkOnlyNotifyWakes(t testing.TB, commit time.Time) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	since := p.wakesFrom(commit)
	if len(p.wakes) != 2 || p.wakes[0].After(commit) || !p.wakes[1].After(commit) {
		t.Fatalf("the listener woke the sender at %v from the commit; want once before it (LISTEN took hold) and once after (its NOTIFY)", since)
	}
}

// wakesFrom returns when the wakes came, counted from commit; the caller
// holds p.mu.
func (p *listenProbe) wakesFrom(commit time.Time) []time.Duration {
	since := make([]time.Duration, 0, len(p.wakes))
	for _, w := range p.wakes {
		since = append(since, w.Sub(commit))
	}
	return since
}
