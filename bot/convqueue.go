package bot

import (
	"context"
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// In polling mode each conversation has a queue of claimed updates and at
// most one runner that handles them in order, on the session the one
// before left, each update with a deadline of its own: a slow conversation
// holds only itself. When its queue runs dry the runner saves the run (the
// settler) and reports each update as done, or, when the write failed, as
// to be handled again, together with every update queued behind it.
//
// A queue that ran dry is kept, with the session its last run saved, until
// the poller sends its next claims (forgetIdle). The claims of updates in
// hand can be under way while a run of their conversation is saved (the
// settler sends on its own while other runs are handled, and the poller
// queues a batch's updates one by one while runners already work): such a
// claim may load the session from before that write. Were the queue gone,
// the update would start a new one on that old session, its write would
// meet the newer version and fail, and the update would be handled a
// second time (its answers sent twice). On the kept queue it goes on the
// session the run saved. Once a queue has run dry, its write came back, so
// every claim sent after that loads what it saved: the queue can go.

// convQueue is one conversation's updates in polling mode. Its fields are
// guarded by the intake's mutex, but sess and live, which only its runner
// touches.
type convQueue struct {
	key     domain.ConvKey
	items   []item // claimed, waiting for the runner, in update order
	running bool
	sess    domain.Session // the session the last saved run left
	live    bool           // sess is what Redis has, at least as new as any claim's
}

// itemResult is how one update ended: done (to be confirmed) or to be
// handled again.
type itemResult struct {
	id    int64
	retry bool
}

// work runs conversations that have updates waiting, until ready closes.
// The intake starts Workers of it, so that at most that many conversations
// are handled at once, on goroutines that stay warm.
func (in *intake) work() {
	defer in.workers.Done()
	for q := range in.ready {
		in.runConv(q)
	}
}

// runConv handles q's updates until its queue is empty.
func (in *intake) runConv(q *convQueue) {
	for {
		in.mu.Lock()
		batch := q.items
		q.items = nil
		if len(batch) == 0 {
			q.running = false
			in.idle = append(in.idle, q) // kept until the next claims: see above
			in.mu.Unlock()
			return
		}
		in.mu.Unlock()
		in.results <- in.handleRun(q, batch)
	}
}

// forgetIdle drops the queues that ran dry and still are; the poller calls
// it right before it sends claims, which then load what those queues' last
// runs saved. A queue that runs dry after this stays until the next time.
func (in *intake) forgetIdle() {
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, q := range in.idle {
		if !q.running && in.queues[q.key] == q {
			delete(in.queues, q.key)
		}
	}
	clear(in.idle)
	in.idle = in.idle[:0]
}

// handleRun handles batch in order and saves the conversation with it.
func (in *intake) handleRun(q *convQueue, batch []item) []itemResult {
	if !q.live {
		q.sess = batch[0].sess
	}
	for _, it := range batch {
		ctx, cancel := context.WithTimeout(context.Background(), in.b.handleTimeout)
		in.b.handleItem(ctx, it, &q.sess, it.received)
		cancel()
	}
	results := make([]itemResult, len(batch))
	for i, it := range batch {
		results[i] = itemResult{id: it.u.ID}
	}
	err := in.settler.settle([]domain.Settle{runSettle(q.key, &q.sess, batch)}, len(batch))[0]
	if err == nil {
		q.sess.Version++
		q.live = true
		return results
	}
	// Not saved: this run and everything queued behind it come again, in
	// order, on the session Redis has.
	q.live = false
	in.mu.Lock()
	behind := q.items
	q.items = nil
	in.mu.Unlock()
	giveBack := in.b.writeFailed(batch, err)
	for i := range results {
		results[i].retry = true
	}
	for _, it := range behind {
		results = append(results, itemResult{id: it.u.ID, retry: true})
		giveBack = append(giveBack, domain.Settle{UpdateID: it.u.ID, Abort: true})
	}
	in.b.logGiveBack(giveBack, in.settler.settle(giveBack, 0))
	return results
}

// handleItem hands one update to the engine with ctx's deadline and counts
// it; the engine answers a pressed button's callback query before its other
// sends. A panic is logged and the user gets an apology (the query answered
// first); the engine has left the session as it was before the update.
func (b *Bot) handleItem(ctx context.Context, it item, sess *domain.Session, received time.Time) {
	panicked, err := b.runFlow(ctx, it.u, sess)
	if panicked {
		if it.u.QueryID != "" {
			b.answer(ctx, it.u.QueryID, "")
		}
		b.apologize(ctx, it.u, sess.Lang)
	} else if err != nil {
		b.metrics.errors.WithLabelValues("flow").Inc()
		b.log.Error("handle update", slog.Int64("update_id", it.u.ID), slog.String("err", err.Error()))
	}
	b.metrics.handled(kindName(it.u.Kind))
	b.metrics.latency.Observe(time.Since(received).Seconds())
}
