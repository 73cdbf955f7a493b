package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
)

// Username returns the bot's Telegram username, which invite links need
// (https://t.me/<username>?start=<code>): BOT_USERNAME when set, else what
// getMe reports, asked once (with the retries of every call). It returns
// an error without a token, when Telegram cannot be reached, or when the
// answer holds no username; the token never appears in it.
func Username(ctx context.Context, cfg Config) (string, error) {
	if cfg.BotUsername != "" {
		return cfg.BotUsername, nil
	}
	cfg = cfg.withDefaults()
	if cfg.Token == "" {
		return "", errors.New("bot: username: no token")
	}
	c, err := newClient(cfg, newMetrics(prometheus.NewRegistry()), newHTTPClient(1))
	if err != nil {
		return "", err
	}
	defer c.closeIdle()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var me *models.User
	err = c.call(ctx, "getMe", func(ctx context.Context) error {
		var err error
		me, err = c.api.GetMe(ctx)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("bot: username (set BOT_USERNAME to skip asking Telegram): %w", c.redact(err))
	}
	if me == nil || !usernamePattern.MatchString(me.Username) {
		return "", errors.New("bot: username: getMe answered without a valid username")
	}
	return me.Username, nil
}
