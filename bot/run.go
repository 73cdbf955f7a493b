package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// errRetry marks an update that was not handled and must be delivered again
// (Redis unreachable, or its lease still held by another worker).
var errRetry = errors.New("update must be redelivered")

// item is one update on its way through.
type item struct {
	u        engine.Update
	sess     domain.Session // polling: the session its claim loaded
	received time.Time      // polling: when it was taken
}

// handleOne handles one update as the webhook delivers it: one Redis round
// trip claims it and loads its conversation, the engine handles it, one
// round trip saves the conversation and marks the update done. It returns
// nil when the update is done (handled, a duplicate, or not for us) and an
// error wrapping errRetry when it must come again.
func (b *Bot) handleOne(ctx context.Context, raw *update) error {
	received := time.Now()
	b.metrics.inflight.Inc()
	defer b.metrics.inflight.Dec()
	u, ok := toFlows(raw)
	if !ok {
		b.ignore(ctx, raw)
		return nil
	}
	it := item{u: u, received: received}
	b.unblock(ctx, []item{it})
	claimed := b.conv.BeginAll(ctx, []domain.Claim{{UpdateID: u.ID, Key: keyOf(u)}})[0]
	switch err := claimed.Err; {
	case errors.Is(err, domain.ErrDuplicate):
		b.metrics.handled("duplicate")
		return nil
	case err != nil:
		if !errors.Is(err, domain.ErrBusy) {
			b.metrics.errors.WithLabelValues("redis").Inc()
			b.log.Warn("claim update", slog.Int64("update_id", u.ID), slog.String("err", err.Error()))
			b.tellUnavailable(ctx, u)
		}
		return fmt.Errorf("bot: update %d: %w: %w", u.ID, errRetry, err)
	}
	sess := claimed.Session
	b.handleItem(ctx, it, &sess, received)
	// The write has its own deadline: a handler that used up the turn's
	// budget must not cost the conversation its write.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	run := []item{it}
	if err := b.conv.SettleAll(sctx, []domain.Settle{runSettle(keyOf(u), &sess, run)})[0]; err != nil {
		giveBack := b.writeFailed(run, err)
		b.logGiveBack(giveBack, b.conv.SettleAll(sctx, giveBack))
		return fmt.Errorf("bot: update %d not saved: %w: %w", u.ID, errRetry, err)
	}
	return nil
}

// settleTimeout bounds the round trip that saves conversations.
const settleTimeout = 10 * time.Second

func keyOf(u engine.Update) domain.ConvKey { return domain.ConvKey{ChatID: u.ChatID, UserID: u.UserID} }

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
	b.metrics.handled("ignored")
}
