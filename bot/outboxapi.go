package bot

import (
	"context"
	"errors"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/bot/outbox"
)

// outboxAPI is the Bot API as the outbox sender uses it: one sendMessage
// through the bot's client, not retried (the sender has its own retries and
// rate limits), counted in miglobe_botapi_calls_total like every call.
type outboxAPI struct{ c *client }

var _ outbox.API = outboxAPI{}

// SendMessage posts one part of an outbox message; see outbox.API.
func (a outboxAPI) SendMessage(ctx context.Context, chatID int64, text string, markup *models.InlineKeyboardMarkup) error {
	err := a.c.post(ctx, "sendMessage", &sendMessageParams{ChatID: chatID, htmlBody: htmlText(text, markup)}, nil)
	a.c.metrics.apiCalls.WithLabelValues("sendMessage", callResult(err)).Inc()
	return err
}

// callResult names the outcome of a Bot API call for the calls metric.
func callResult(err error) string {
	var tooMany *tgbot.TooManyRequestsError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &tooMany):
		return "retry_after"
	}
	return "error"
}

// outboxConfig maps the OUTBOX_* settings onto the sender's configuration.
func (c Config) outboxConfig() outbox.Config {
	return outbox.Config{GlobalPerSecond: c.OutboxGlobalPerSecond, ChatPerSecond: c.OutboxChatPerSecond, Log: c.Log}
}
