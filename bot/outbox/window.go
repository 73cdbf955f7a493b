package outbox

import (
	"context"
	"slices"
	"sync"
	"time"
)

// sendWindow keeps this instance's outbox sends within a sliding window as
// the Bot API counts them: at most n sends in any span of width. The API
// counts a send when the request arrives, which is some time after the
// request left and before its answer came back; sendWindow therefore counts
// a send from the moment it was admitted until width after its answer, and
// a send whose answer is still out as inside every window. A new send is
// admitted only when fewer than n sends are counted at that moment, so the
// API never sees n+1 sends within width however late a worker woke or a
// request travelled. The shared Redis booking still spaces the sends of
// several instances; this window removes the jitter within one.
type sendWindow struct {
	n     int
	width time.Duration

	mu      sync.Mutex
	next    uint64
	sends   []windowSend  // admitted sends still counted, in admission order
	changed chan struct{} // closed and replaced when a send finishes or is cancelled
}

// windowSend is one admitted send; done is zero while its answer is out.
type windowSend struct {
	id   uint64
	done time.Time
}

// newSendWindow returns a window of n sends per width; n < 1 admits every send.
func newSendWindow(n int, width time.Duration) *sendWindow {
	return &sendWindow{n: n, width: width, changed: make(chan struct{})}
}

// admit admits a send at now when fewer than n sends are counted, and
// returns its id and ok. Otherwise it admits nothing and returns how long
// until a counted send leaves the window, or 0 and a channel that is closed
// when a send still out finishes (nothing leaves before that).
func (w *sendWindow) admit(now time.Time) (id uint64, ok bool, wait time.Duration, changed <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sends = slices.DeleteFunc(w.sends, func(s windowSend) bool {
		return !s.done.IsZero() && !s.done.Add(w.width).After(now)
	})
	if w.n < 1 || len(w.sends) < w.n {
		w.next++
		w.sends = append(w.sends, windowSend{id: w.next})
		return w.next, true, 0, nil
	}
	// len(sends)-n+1 of the counted sends must leave; finished ones leave in
	// the order of their answers, sends still out not before they finish.
	var leave []time.Time
	for _, s := range w.sends {
		if !s.done.IsZero() {
			leave = append(leave, s.done.Add(w.width))
		}
	}
	if k := len(w.sends) - w.n + 1; len(leave) >= k {
		slices.SortFunc(leave, time.Time.Compare)
		return 0, false, leave[k-1].Sub(now), nil
	}
	return 0, false, 0, w.changed
}

// finish records that the answer to send id came at done (or that its
// request failed then); from then on it is counted until done+width.
func (w *sendWindow) finish(id uint64, done time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i := range w.sends {
		if w.sends[i].id == id {
			w.sends[i].done = done
			break
		}
	}
	close(w.changed)
	w.changed = make(chan struct{})
}

// cancel forgets send id, which was admitted but not sent.
func (w *sendWindow) cancel(id uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sends = slices.DeleteFunc(w.sends, func(s windowSend) bool { return s.id == id })
	close(w.changed)
	w.changed = make(chan struct{})
}

// wait returns once a send is admitted, with its id for finish, or with
// ctx's error.
func (w *sendWindow) wait(ctx context.Context) (uint64, error) {
	for {
		id, ok, wait, changed := w.admit(time.Now())
		if ok {
			return id, nil
		}
		if changed != nil {
			select {
			case <-ctx.Done():
				return 0, ctx.Err()
			case <-changed:
			}
			continue
		}
		if !sleep(ctx, wait) {
			return 0, ctx.Err()
		}
	}
}
