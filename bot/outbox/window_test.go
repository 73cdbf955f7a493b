package outbox

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// ms is t0 plus n milliseconds.
func ms(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }

func TestSendWindowAdmit(t *testing.T) {
	type step struct {
		finish   int // finish the send admitted at step finish-1 (1-based; 0: none) ...
		finishAt int // ... at this millisecond
		at       int // then ask at this millisecond
		ok       bool
		wait     time.Duration // when refused: 0 means "wait for a send still out"
	}
	tests := []struct {
		name  string
		n     int
		steps []step
	}{
		{"n sends at once, then one still out blocks", 3, []step{
			{at: 0, ok: true}, {at: 0, ok: true}, {at: 1, ok: true}, {at: 500, ok: false},
		}},
		{"a finished send counts until its answer plus the width", 2, []step{
			{at: 0, ok: true}, {at: 10, ok: true},
			{finish: 1, finishAt: 40, at: 41, ok: false, wait: 999 * time.Millisecond},
			{at: 1039, ok: false, wait: time.Millisecond},
			{at: 1040, ok: true},
		}},
		{"the earliest answer leaves first, not the earliest send", 2, []step{
			{at: 0, ok: true}, {at: 10, ok: true},
			{finish: 2, finishAt: 20, at: 20, ok: false, wait: time.Second},
			{finish: 1, finishAt: 300, at: 300, ok: false, wait: 720 * time.Millisecond},
			{at: 1020, ok: true},
			{at: 1021, ok: false, wait: 279 * time.Millisecond},
		}},
		{"no limit", 0, []step{{at: 0, ok: true}, {at: 0, ok: true}, {at: 0, ok: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newSendWindow(tt.n, time.Second)
			var ids []uint64
			for i, s := range tt.steps {
				if s.finish > 0 {
					w.finish(ids[s.finish-1], ms(s.finishAt))
				}
				id, ok, wait, changed := w.admit(ms(s.at))
				if ok != s.ok {
					t.Fatalf("step %d: admitted %v, want %v", i, ok, s.ok)
				}
				if ok {
					ids = append(ids, id)
					continue
				}
				if wait != s.wait || (wait == 0) != (changed != nil) {
					t.Fatalf("step %d: wait %v (channel %v), want %v", i, wait, changed != nil, s.wait)
				}
			}
		})
	}
}

// The wait for a send still out ends when it finishes, or with ctx.
func TestSendWindowWait(t *testing.T) {
	w := newSendWindow(1, time.Millisecond)
	id, err := w.wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.wait(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("wait with a send still out and ctx ended: %v", err)
	}
	got := make(chan error, 1)
	go func() {
		_, err := w.wait(context.Background())
		got <- err
	}()
	w.finish(id, time.Now())
	if err := <-got; err != nil {
		t.Fatal(err)
	}
}

// crowded returns the index of the first of limit+1 arrivals within one
// second (the fake Bot API refuses the last of them), or -1.
func crowded(arrivals []time.Time, limit int) int {
	sorted := slices.SortedFunc(slices.Values(arrivals), time.Time.Compare)
	for i := 0; i+limit < len(sorted); i++ {
		if sorted[i+limit].Sub(sorted[i]) < time.Second {
			return i
		}
	}
	return -1
}

func TestCrowded(t *testing.T) {
	even := func(n int, every time.Duration) []time.Time {
		out := make([]time.Time, n)
		for i := range out {
			out[i] = t0.Add(time.Duration(i) * every)
		}
		return out
	}
	if i := crowded(even(100, 34*time.Millisecond), 30); i != -1 {
		t.Errorf("34 ms apart: crowded at %d", i)
	}
	if i := crowded(even(100, 33*time.Millisecond), 30); i != 0 {
		t.Errorf("33 ms apart: crowded at %d, want 0", i)
	}
}

// Simulated workers with late wake-ups and uneven request times, on a
// virtual clock: whatever the delays, the Bot API never sees 31 sends within
// a second, and the window still lets close to 30 per second through.
func TestSendWindowLateWorkers(t *testing.T) {
	const limit, workers, sends = 30, 16, 3000
	rng := rand.New(rand.NewPCG(7, 11))
	// jitter is mostly under 2 ms, now and then up to 60 ms (GC, a busy machine).
	jitter := func() time.Duration {
		if rng.IntN(20) == 0 {
			return time.Duration(rng.IntN(60_000)) * time.Microsecond
		}
		return time.Duration(rng.IntN(2_000)) * time.Microsecond
	}
	w := newSendWindow(limit, time.Second+windowMargin)
	type worker struct {
		next    time.Time       // when it next asks the window
		changed <-chan struct{} // waiting for a send still out
	}
	type out struct {
		id   uint64
		done time.Time
	}
	ws := make([]worker, workers)
	for i := range ws {
		ws[i].next = t0.Add(jitter())
	}
	var inFlight []out
	var arrivals []time.Time
	for len(arrivals) < sends {
		// The next event: a send finishing, or a worker asking.
		wi := -1
		for i := range ws {
			if ws[i].changed == nil && (wi < 0 || ws[i].next.Before(ws[wi].next)) {
				wi = i
			}
		}
		slices.SortFunc(inFlight, func(a, b out) int { return a.done.Compare(b.done) })
		if len(inFlight) > 0 && (wi < 0 || !inFlight[0].done.After(ws[wi].next)) {
			f := inFlight[0]
			inFlight = inFlight[1:]
			now := f.done
			w.finish(f.id, f.done)
			for i := range ws {
				if ws[i].changed != nil {
					select {
					case <-ws[i].changed:
						ws[i].changed, ws[i].next = nil, now.Add(jitter())
					default:
					}
				}
			}
			continue
		}
		if wi < 0 {
			t.Fatal("every worker waits and no send is out")
		}
		now := ws[wi].next
		id, ok, wait, changed := w.admit(now)
		switch {
		case ok:
			arrive := now.Add(jitter())  // the request reaches the API
			done := arrive.Add(jitter()) // its answer reaches the worker
			arrivals = append(arrivals, arrive)
			inFlight = append(inFlight, out{id, done})
			ws[wi].next = done.Add(jitter()) // then the worker takes the next message
		case changed != nil:
			ws[wi].changed = changed
		default:
			ws[wi].next = now.Add(wait + jitter())
		}
	}
	if i := crowded(arrivals, limit); i >= 0 {
		t.Fatalf("the API saw %d sends within a second from send %d on", limit+1, i)
	}
	sorted := slices.SortedFunc(slices.Values(arrivals), time.Time.Compare)
	span := sorted[len(sorted)-1].Sub(sorted[0])
	rate := float64(sends-1) / span.Seconds()
	if rate < 28.5 {
		t.Errorf("%.2f sends per second, want close to %d", rate, limit)
	}
	t.Logf("%d sends at %.2f per second", sends, rate)
}
