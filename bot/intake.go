package bot

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

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
//
// Successive getUpdates calls start at least pollGap apart. Under steady
// load a call then carries several updates, and with it the Redis round
// trip that claims them and the Go runtime's wake-ups: about a fifth less
// CPU per update at 1,800 updates/s (paced benchmark), for at most pollGap
// of waiting (the median answer came 0.2-0.3 ms later, far below a round
// trip to Telegram). A call after a quiet spell starts at once.
const (
	slowAfter   = 150 * time.Millisecond
	repollEvery = 25 * time.Millisecond
	pollGap     = 750 * time.Microsecond
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
	running int       // updates in stateRunning
	polled  time.Time // when the last getUpdates call started

	mu     sync.Mutex // guards queues, idle, and the queues' items and running
	queues map[domain.ConvKey]*convQueue
	idle   []*convQueue // queues that ran dry since the last claim round trip

	ready   chan *convQueue // conversations with updates for a worker
	workers sync.WaitGroup
}

// poll is the long-polling intake: it runs until ctx ends, then finishes
// the updates in hand, confirms what was handled and returns.
func (b *Bot) poll(ctx context.Context) error {
	in := newIntake(b)
	defer in.settler.stop()
	for range b.cfg.Workers {
		in.workers.Add(1)
		go in.work()
	}
	err := in.loop(ctx)
	for in.running > 0 { // drain: the updates in hand finish
		select {
		case res := <-in.results:
			in.record(res)
		case <-in.settler.parked:
			in.settler.flush()
		}
	}
	close(in.ready)
	in.workers.Wait()
	if cerr := b.confirm(in.next()); err == nil {
		err = cerr
	}
	return err
}

// newIntake builds b's polling intake and starts its settler; poll starts
// its workers.
func newIntake(b *Bot) *intake {
	return &intake{b: b, settler: newSettler(b.conv), results: make(chan []itemResult, 64),
		states: map[int64]updateState{}, taken: map[int64]time.Time{}, queues: map[domain.ConvKey]*convQueue{},
		ready: make(chan *convQueue, maxUpdatesInHand)}
}

// loop polls until ctx ends.
func (in *intake) loop(ctx context.Context) error {
	backoff := time.Second
	for ctx.Err() == nil {
		in.pace()
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

// pace waits until pollGap has passed since the last getUpdates call
// started, and notes that the next one starts now.
func (in *intake) pace() {
	if gap := pollGap - time.Since(in.polled); gap > 0 {
		time.Sleep(gap)
	}
	in.polled = time.Now()
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
		case <-in.settler.parked:
			if !in.hasRetries() {
				return // the next getUpdates, at once, and its claims take them
			}
			in.settler.flush()
		}
	}
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// take claims the updates that are new (or to be handled again) in one
// round trip and queues them on their conversations.
func (in *intake) take(ctx context.Context, updates []update) {
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
		fresh = append(fresh, item{u: u, received: received})
	}
	if len(fresh) == 0 {
		in.settler.flush()
		return
	}
	slices.SortFunc(fresh, func(a, b item) int { return cmp.Compare(a.u.ID, b.u.ID) })
	in.b.unblock(ctx, fresh)
	claims := make([]domain.Claim, len(fresh))
	for i, it := range fresh {
		claims[i] = domain.Claim{UpdateID: it.u.ID, Key: keyOf(it.u), Takeover: true}
	}
	// The queues that ran dry go now: these claims load what they saved.
	in.forgetIdle()
	claimed := in.settler.settleThenBegin(claims) // with the runs waiting for the poller
	held := map[domain.ConvKey]bool{}             // conversations with an update that could not be claimed
	var giveBack []domain.Settle
	for i, it := range fresh {
		key := keyOf(it.u)
		err := claimed[i].Err
		switch {
		case errors.Is(err, domain.ErrDuplicate):
			in.b.metrics.handled("duplicate")
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
			in.addRunning(1) // before its run can ask to be settled
			in.enqueue(key, it)
		}
	}
	if len(giveBack) > 0 {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
		defer cancel()
		in.b.logGiveBack(giveBack, in.b.conv.SettleAll(sctx, giveBack))
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
