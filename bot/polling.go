package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// errUnauthorized: Telegram refused the token; polling cannot go on.
var errUnauthorized = errors.New("bot: TELEGRAM_BOT_TOKEN was refused by the Bot API (401)")

// poll is the long-polling intake. Each batch is handled completely (chats in
// parallel, each chat in order) before the next getUpdates confirms it, so an
// update is confirmed only after it and every update before it were handled.
// When ctx ends it finishes the batch in hand, confirms it and returns.
func (b *Bot) poll(ctx context.Context) error {
	var offset int64
	backoff := time.Second
	for {
		if ctx.Err() != nil {
			return b.confirm(offset)
		}
		updates, err := b.getUpdates(ctx, offset, b.cfg.PollTimeout, 100)
		if err != nil {
			if ctx.Err() != nil {
				return b.confirm(offset)
			}
			if errors.Is(err, errUnauthorized) {
				return err
			}
			b.log.Warn("getUpdates", slog.String("err", err.Error()))
			sleep(ctx, backoff)
			backoff = min(backoff*2, 30*time.Second)
			continue
		}
		backoff = time.Second
		if len(updates) == 0 {
			continue
		}
		next, failed := b.handleBatch(updates)
		offset = next
		if failed {
			sleep(ctx, time.Second) // Redis trouble: give it a moment before the redelivery
		}
	}
}

// handleBatch handles a batch and returns the offset that confirms what may be
// confirmed: everything up to the first update that must come again.
func (b *Bot) handleBatch(updates []models.Update) (offset int64, failed bool) {
	ctx, cancel := context.WithTimeout(context.Background(), b.handleTimeout)
	defer cancel()
	raws := make([]*models.Update, len(updates))
	for i := range updates {
		raws[i] = &updates[i]
	}
	for i, err := range b.process(ctx, raws) {
		if err != nil {
			return updates[i].ID, true
		}
	}
	return updates[len(updates)-1].ID + 1, false
}

// confirm tells the Bot API that every update before offset was handled.
func (b *Bot) confirm(offset int64) error {
	if offset == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := b.getUpdates(ctx, offset, 0, 1); err != nil {
		return fmt.Errorf("bot: confirm updates before %d: %w", offset, err)
	}
	return nil
}

// getUpdates is a plain Bot API call: the library's poller confirms updates
// when it queues them, not when they are handled, so it is not used.
func (b *Bot) getUpdates(ctx context.Context, offset int64, timeout time.Duration, limit int) ([]models.Update, error) {
	params := map[string]any{"offset": offset, "timeout": int(timeout / time.Second),
		"limit": limit, "allowed_updates": allowedUpdates}
	rctx, cancel := context.WithTimeout(ctx, timeout+10*time.Second)
	defer cancel()
	var updates []models.Update
	err := b.client.post(rctx, "getUpdates", params, &updates)
	b.metrics.apiCalls.WithLabelValues("getUpdates", map[bool]string{true: "ok", false: "error"}[err == nil]).Inc()
	switch {
	case errors.Is(err, tgbot.ErrorUnauthorized):
		return nil, errUnauthorized
	case err != nil:
		return nil, fmt.Errorf("bot: getUpdates: %w", err)
	}
	return updates, nil
}
