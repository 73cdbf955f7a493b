package bot

// The getUpdates call of the polling intake (intake.go).

import (
	"context"
	"errors"
	"fmt"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// errUnauthorized: Telegram refused the token; polling cannot go on.
var errUnauthorized = errors.New("bot: TELEGRAM_BOT_TOKEN was refused by the Bot API (401)")

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

type getUpdatesParams struct {
	Offset         int64    `json:"offset"`
	Timeout        int      `json:"timeout"`
	Limit          int      `json:"limit"`
	AllowedUpdates []string `json:"allowed_updates"`
}

// getUpdates is a plain Bot API call: the library's poller confirms updates
// when it queues them, not when they are handled, so it is not used.
func (b *Bot) getUpdates(ctx context.Context, offset int64, timeout time.Duration, limit int) ([]update, error) {
	params := &getUpdatesParams{Offset: offset, Timeout: int(timeout / time.Second),
		Limit: limit, AllowedUpdates: allowedUpdates}
	rctx, cancel := context.WithTimeout(ctx, timeout+10*time.Second)
	defer cancel()
	var updates updateList
	err := b.client.post(rctx, "getUpdates", params, &updates)
	if err == nil {
		b.metrics.callOK("getUpdates")
	} else {
		b.metrics.apiCalls.WithLabelValues("getUpdates", "error").Inc()
	}
	switch {
	case errors.Is(err, tgbot.ErrorUnauthorized):
		return nil, errUnauthorized
	case err != nil:
		return nil, fmt.Errorf("bot: getUpdates: %w", err)
	}
	return updates, nil
}
