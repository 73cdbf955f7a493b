package bot

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The polling intake. It takes updates with getUpdates while earlier ones
// are still being handled: each conversation's updates go to its queue
// (convqueue.go), and the offset that confirms updates to Telegram stops at
// the oldest update still in hand, so that an update is confirmed only
// when it and everything before it were handled and saved. While updates
// are in hand, getUpdates (which then returns at once, with those updates
// first) is called every repollEvery for new ones, so one slow
// conversation delays the others by at most that; when nothing is in hand
// it long-polls.

// While updates are in hand, the intake first waits for them as one batch
// (the usual case: they are done within milliseconds, and the next
// getUpdates long-polls and confirms them); once one of them has been in
// hand for slowAfter, it asks for new updates every repollEvery, so that a
// slow conversation delays the others by at most slowAfter once and
// repollEvery after that.
const (
	slowAfter   = 150 * time.Millisecond
	repollEvery = 25 * time.Millisecond
)

// updateState is where an update the intake has seen stands.
type updateState int

const (
	stateRunning updateState = iota // claimed and queued, or being handled
	stateDone                       // handled and saved (or not for us): may be confirmed
	stateRetry                      // must be claimed and handled again
)

// intake is the polling pipeline of one Bot.
type intake struct {
	b       *Bot
	settler *settler
	results chan []itemResult

	// Only the polling goroutine touches these.
	states  map[int64]updateState // updates from offset on
	taken   map[int64]time.Time   // when each update in stateRunning was taken
	offset  int64                 // every update below it is done
	maxSeen int64
	running int // updates in stateRunning

	mu     sync.Mutex // guards queues and the queues' items and running
	queues map[domain.ConvKey]*convQueue

	ready   chan *convQueue // conversations with updates for a worker
	workers sync.WaitGroup
}

// poll is the long-polling intake: it runs until ctx ends, then finishes
// the updates in hand, confirms what was handled and returns.
func (b *Bot) poll(ctx context.Context) error {
	in := &intake{b: b, settler: newSettler(b.conv), results: make(chan []itemResult, 64),
		states: map[int64]updateState{}, taken: map[int64]time.Time{}, queues: map[domain.ConvKey]*convQueue{}}
	defer in.settler.stop()
	in.ready = make(chan *convQueue, maxUpdatesInHand)
	for range b.cfg.Workers {
		in.workers.Add(1)
		go in.work()
	}
	err := in.loop(ctx)
	for in.running > 0 { // drain: the updates in hand finish
		in.record(<-in.results)
	}
	close(in.ready)
	in.workers.Wait()
	if cerr := b.confirm(in.next()); err == nil {
		err = cerr
	}
	return err
}

// loop polls until ctx ends.
func (in *intake) loop(ctx context.Context) error {
	backoff := time.Second
	for ctx.Err() == nil {
		in.drainResults()
		offset := in.next()
		timeout := in.b.cfg.PollTimeout
		if in.running > 0 || in.hasRetries() {
			timeout = 0 // updates in hand come back at once anyway
		}
		updates, err := in.b.getUpdates(ctx, offset, timeout, 100)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, errUnauthorized) {
				return err
			}
			in.b.log.Warn("getUpdates", slog.String("err", err.Error()))
			in.wait(ctx, backoff)
			backoff = min(backoff*2, 30*time.Second)
			continue
		}
		backoff = time.Second
		in.take(ctx, updates)
		switch {
		case in.hasRetries():
			in.wait(ctx, time.Second) // Redis trouble: give it a moment before the redelivery
		case in.running > 0:
			in.wait(ctx, in.untilRepoll())
		}
	}
	return nil
}

// wait processes results for d, or until nothing is in hand, or ctx ends.
func (in *intake) wait(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for in.running > 0 || in.hasRetries() {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			return
		case res := <-in.results:
			in.record(res)
			if in.running == 0 && !in.hasRetries() {
				return
			}
		}
	}
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// untilRepoll is how long to wait for the updates in hand before asking
// for new ones: until the oldest has been in hand for slowAfter, and
// repollEvery once it has.
func (in *intake) untilRepoll() time.Duration {
	oldest := time.Now()
	for _, at := range in.taken {
		if at.Before(oldest) {
			oldest = at
		}
	}
	return max(slowAfter-time.Since(oldest), repollEvery)
}

// drainResults records the results that are ready.
func (in *intake) drainResults() {
	for {
		select {
		case res := <-in.results:
			in.record(res)
		default:
			return
		}
	}
}

// record notes how updates ended.
func (in *intake) record(res []itemResult) {
	for _, r := range res {
		if in.states[r.id] == stateRunning {
			in.running--
			delete(in.taken, r.id)
		}
		if r.retry {
			in.states[r.id] = stateRetry
		} else {
			in.states[r.id] = stateDone
		}
	}
}

// next returns the offset to confirm: the oldest update not done, or the
// one after the newest seen; it forgets the updates below it.
func (in *intake) next() int64 {
	next := in.maxSeen + 1
	for id, st := range in.states {
		if st != stateDone && id < next {
			next = id
		}
	}
	for id := range in.states {
		if id < next {
			delete(in.states, id)
		}
	}
	in.offset = max(in.offset, next)
	if in.maxSeen == 0 {
		return 0
	}
	return in.offset
}

func (in *intake) hasRetries() bool {
	for _, st := range in.states {
		if st == stateRetry {
			return true
		}
	}
	return false
}

// take claims the updates that are new (or to be handled again) in one
// round trip and queues them on their conversations.
func (in *intake) take(ctx context.Context, updates []models.Update) {
	received := time.Now()
	var fresh []item
	for i := range updates {
		raw := &updates[i]
		in.maxSeen = max(in.maxSeen, raw.ID)
		if st, seen := in.states[raw.ID]; raw.ID < in.offset || seen && st != stateRetry {
			continue
		}
		u, ok := toFlows(raw)
		if !ok {
			in.b.ignore(ctx, raw)
			in.states[raw.ID] = stateDone
			continue
		}
		fresh = append(fresh, item{raw: raw, u: u, received: received})
	}
	if len(fresh) == 0 {
		return
	}
	slices.SortFunc(fresh, func(a, b item) int { return cmp.Compare(a.u.ID, b.u.ID) })
	in.b.unblock(ctx, fresh)
	claims := make([]domain.Claim, len(fresh))
	for i, it := range fresh {
		claims[i] = domain.Claim{UpdateID: it.u.ID, Key: keyOf(it.u), Takeover: true}
	}
	claimed := in.b.conv.BeginAll(ctx, claims)
	held := map[domain.ConvKey]bool{} // conversations with an update that could not be claimed
	var giveBack []domain.Settle
	for i, it := range fresh {
		key := keyOf(it.u)
		err := claimed[i].Err
		switch {
		case errors.Is(err, domain.ErrDuplicate):
			in.b.metrics.updates.WithLabelValues("duplicate").Inc()
			in.states[it.u.ID] = stateDone
		case err != nil:
			in.b.metrics.errors.WithLabelValues("redis").Inc()
			in.b.log.Warn("claim update", slog.Int64("update_id", it.u.ID), slog.String("err", err.Error()))
			go in.b.tellUnavailable(context.WithoutCancel(ctx), it.u)
			held[key] = true
			in.states[it.u.ID] = stateRetry
		case held[key]: // waits for an earlier update of its conversation
			giveBack = append(giveBack, domain.Settle{UpdateID: it.u.ID, Abort: true})
			in.states[it.u.ID] = stateRetry
		default:
			it.sess = claimed[i].Session
			in.states[it.u.ID] = stateRunning
			in.taken[it.u.ID] = received
			in.running++
			in.enqueue(key, it)
		}
	}
	if len(giveBack) > 0 {
		in.settler.settle(giveBack)
	}
}

// enqueue puts it behind its conversation's queue and starts a runner when
// none runs.
func (in *intake) enqueue(key domain.ConvKey, it item) {
	in.mu.Lock()
	defer in.mu.Unlock()
	q := in.queues[key]
	if q == nil {
		q = &convQueue{key: key}
		in.queues[key] = q
	}
	q.items = append(q.items, it)
	if !q.running {
		q.running = true
		in.ready <- q // never blocks: at most maxUpdatesInHand conversations wait
	}
}

// maxUpdatesInHand bounds the updates the intake holds: getUpdates returns
// at most 100 at a time, and the offset stays at the oldest one in hand.
const maxUpdatesInHand = 4096
