package bot

import (
	"context"
	"errors"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/bot/outbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// outboxAPI is the Bot API as the outbox sender uses it: one sendMessage
// (sendDocument for a document; for an edit row, one
// editMessageReplyMarkup, or editMessageText when the row carries a text)
// through the bot's
// client, not retried (the sender has its own retries and rate limits),
// counted in miglobe_botapi_calls_total like every call.
type outboxAPI struct{ c *client }

var _ outbox.API = outboxAPI{}

// SendMessage posts one part of an outbox message and returns its id; see
// outbox.API.
func (a outboxAPI) SendMessage(ctx context.Context, chatID int64, text string, markup *models.InlineKeyboardMarkup) (int, error) {
	var sent sentMessage
	err := a.c.post(ctx, "sendMessage", &sendMessageParams{ChatID: chatID, htmlBody: htmlText(text, markup)}, &sent)
	a.c.metrics.apiCalls.WithLabelValues("sendMessage", callResult(err)).Inc()
	return sent.ID, err
}

// SendDocument posts an outbox document (its caption as HTML, markup
// under it) and returns its message id; see outbox.API.
func (a outboxAPI) SendDocument(ctx context.Context, chatID int64, doc domain.Document, markup *models.InlineKeyboardMarkup) (int, error) {
	id, err := a.c.sendDocumentOnce(ctx, chatID, &doc, markup)
	a.c.metrics.apiCalls.WithLabelValues("sendDocument", callResult(err)).Inc()
	return id, err
}

// EditMarkup replaces the keyboard of an outbox row's message (an edit
// row); see outbox.API.
func (a outboxAPI) EditMarkup(ctx context.Context, chatID int64, msgID int, markup *models.InlineKeyboardMarkup) error {
	err := a.c.post(ctx, "editMessageReplyMarkup", &editMarkupParams{ChatID: chatID, MessageID: msgID, ReplyMarkup: markup}, nil)
	a.c.metrics.apiCalls.WithLabelValues("editMessageReplyMarkup", callResult(err)).Inc()
	return err
}

// EditText replaces the text and keyboard of an outbox row's message (an
// edit row with a text); see outbox.API.
func (a outboxAPI) EditText(ctx context.Context, chatID int64, msgID int, text string, markup *models.InlineKeyboardMarkup) error {
	err := a.c.post(ctx, "editMessageText", &editMessageTextParams{ChatID: chatID, MessageID: msgID, htmlBody: htmlText(text, markup)}, nil)
	a.c.metrics.apiCalls.WithLabelValues("editMessageText", callResult(err)).Inc()
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
