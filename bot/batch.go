package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// errRetry marks an update that was not handled and must be delivered again
// (Redis unreachable, or its lease still held by another worker).
var errRetry = errors.New("update must be redelivered")

// item is one update on its way through.
type item struct {
	raw      *update
	u        engine.Update
	idx      int            // position in the webhook batch
	sess     domain.Session // polling: the session its claim loaded
	received time.Time      // polling: when it was taken
}

// chatRun is the updates of one conversation in a batch, handled in order,
// each on the session the one before it left.
type chatRun struct {
	key   domain.ConvKey
	sess  domain.Session
	items []item
}

// process handles a batch of updates. One Redis round trip claims them all
// and loads their conversations; each conversation's updates run in order,
// different conversations in parallel; one round trip saves the
// conversations and marks the updates done. It returns, per update, nil when
// the update is done (handled, a duplicate, or not for us) and an error
// wrapping errRetry when it must come again.
func (b *Bot) process(ctx context.Context, raws []*update) []error {
	received := time.Now()
	b.metrics.inflight.Add(float64(len(raws)))
	defer b.metrics.inflight.Sub(float64(len(raws)))
	errs := make([]error, len(raws))
	var items []item
	for i, raw := range raws {
		if u, ok := toFlows(raw); ok {
			items = append(items, item{raw: raw, u: u, idx: i})
		} else {
			b.ignore(ctx, raw)
		}
	}
	if len(items) == 0 {
		return errs
	}
	b.unblock(ctx, items)
	claims := make([]domain.Claim, len(items))
	for j, it := range items {
		claims[j] = domain.Claim{UpdateID: it.u.ID, Key: keyOf(it.u)}
	}
	runs, aborts := b.group(ctx, items, b.conv.BeginAll(ctx, claims), errs)
	b.runAll(ctx, runs, received)
	// The write has its own deadline: a handler that used up the turn's
	// budget must not cost the other conversations their writes.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	b.settle(sctx, runs, aborts, errs)
	return errs
}

// settleTimeout bounds the round trip that saves a batch's conversations.
const settleTimeout = 10 * time.Second

func keyOf(u engine.Update) domain.ConvKey { return domain.ConvKey{ChatID: u.ChatID, UserID: u.UserID} }

// group sorts the claimed updates into conversations. An update that could
// not be claimed must come again, and so must the later updates of its
// conversation (their claims are given back), to keep the order.
func (b *Bot) group(ctx context.Context, items []item, claimed []domain.Claimed, errs []error) (runs []*chatRun, aborts []domain.Settle) {
	byKey := make(map[domain.ConvKey]*chatRun, len(items))
	blocked := map[domain.ConvKey]bool{}
	for j, it := range items {
		key := keyOf(it.u)
		err := claimed[j].Err
		switch {
		case errors.Is(err, domain.ErrDuplicate):
			b.metrics.updates.WithLabelValues("duplicate").Inc()
			continue
		case err != nil:
			if !errors.Is(err, domain.ErrBusy) {
				b.metrics.errors.WithLabelValues("redis").Inc()
				b.log.Warn("claim update", slog.Int64("update_id", it.u.ID), slog.String("err", err.Error()))
				b.tellUnavailable(ctx, it.u)
			}
			blocked[key] = true
			errs[it.idx] = fmt.Errorf("bot: update %d: %w: %w", it.u.ID, errRetry, err)
			continue
		case blocked[key]:
			errs[it.idx] = fmt.Errorf("bot: update %d waits for an earlier one: %w", it.u.ID, errRetry)
			aborts = append(aborts, domain.Settle{UpdateID: it.u.ID, Abort: true})
			continue
		}
		run := byKey[key]
		if run == nil {
			run = &chatRun{key: key, sess: claimed[j].Session}
			byKey[key] = run
			runs = append(runs, run)
		}
		run.items = append(run.items, it)
	}
	return runs, aborts
}

// runAll runs the conversations, at most Workers at a time.
func (b *Bot) runAll(ctx context.Context, runs []*chatRun, received time.Time) {
	if len(runs) == 1 {
		b.runChat(ctx, runs[0], received)
		return
	}
	var wg sync.WaitGroup
	for _, run := range runs {
		wg.Add(1)
		b.workers <- struct{}{}
		go func() {
			defer func() { <-b.workers; wg.Done() }()
			b.runChat(ctx, run, received)
		}()
	}
	wg.Wait()
}

// runChat hands a conversation's updates to the engine, one after another.
func (b *Bot) runChat(ctx context.Context, run *chatRun, received time.Time) {
	for _, it := range run.items {
		b.handleItem(ctx, it, &run.sess, received)
	}
}

// settle saves each conversation with its run (runSettle) and gives back
// the claims of updates that must come again. A conversation whose write
// failed is not confirmed: its updates get errRetry in errs, and their
// claims are given back too (writeFailed).
func (b *Bot) settle(ctx context.Context, runs []*chatRun, aborts []domain.Settle, errs []error) {
	items := aborts
	for _, run := range runs {
		items = append(items, runSettle(run.key, &run.sess, run.items))
	}
	results := b.conv.SettleAll(ctx, items)
	b.logGiveBack(aborts, results[:len(aborts)])
	var giveBack []domain.Settle
	for i, err := range results[len(aborts):] {
		if err == nil {
			continue
		}
		run := runs[i]
		giveBack = append(giveBack, b.writeFailed(run.items, err)...)
		for _, it := range run.items {
			errs[it.idx] = fmt.Errorf("bot: update %d not saved: %w: %w", it.u.ID, errRetry, err)
		}
	}
	if len(giveBack) > 0 {
		b.logGiveBack(giveBack, b.conv.SettleAll(ctx, giveBack))
	}
}

// runSettle saves a conversation's run: its session with the last update,
// every earlier update marked done with it, all or nothing.
func runSettle(key domain.ConvKey, sess *domain.Session, run []item) domain.Settle {
	s := domain.Settle{UpdateID: run[len(run)-1].u.ID, Key: key, Session: sess}
	for _, it := range run[:len(run)-1] {
		s.Also = append(s.Also, it.u.ID)
	}
	return s
}

// writeFailed counts and logs a conversation's run whose write failed
// with err, and returns the settles that give back the claims of its
// updates: they are handled again, by any worker, on the session Redis
// has (after a compare-and-set conflict, a newer one; after a Redis
// failure, when the give-back fails too, this process takes its claims
// again).
func (b *Bot) writeFailed(run []item, err error) []domain.Settle {
	reason := "redis"
	if errors.Is(err, domain.ErrConflict) {
		reason = "conflict"
	}
	b.metrics.errors.WithLabelValues(reason).Inc()
	b.log.Error("save conversation", slog.Int64("update_id", run[len(run)-1].u.ID), slog.String("err", err.Error()))
	giveBack := make([]domain.Settle, len(run))
	for i, it := range run {
		giveBack[i] = domain.Settle{UpdateID: it.u.ID, Abort: true}
	}
	return giveBack
}

// logGiveBack logs the give-backs of items that failed (errs in the order
// of items): their leases run out on their own.
func (b *Bot) logGiveBack(items []domain.Settle, errs []error) {
	for i, err := range errs {
		if err != nil {
			b.log.Warn("give back update", slog.Int64("update_id", items[i].UpdateID), slog.String("err", err.Error()))
		}
	}
}

// ignore answers what the bot does not serve (other chats, update types)
// without claiming it.
func (b *Bot) ignore(ctx context.Context, raw *update) {
	if raw.CallbackQuery != nil {
		b.answer(ctx, raw.CallbackQuery.ID, "")
	}
	b.metrics.updates.WithLabelValues("ignored").Inc()
}
