package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/bot/tgmsg"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// client sends to the Bot API through go-telegram/bot and implements
// engine.Messenger. Every call goes through call, which retries.
type client struct {
	api     *tgbot.Bot
	http    *http.Client
	fast    *apiTransport // nil behind a proxy
	baseURL string        // API URL up to and including the "/" before the method
	token   string
	metrics *metrics
	log     *slog.Logger
	// backoff is the first wait after a transient error; it doubles.
	backoff time.Duration
}

var _ engine.Messenger = (*client)(nil)

// newHTTPClient keeps enough idle connections for every worker: Go's default
// transport keeps two per host, so every other send would dial anew.
func newHTTPClient(workers int) *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:   true,
		MaxIdleConns:        workers + 16,
		MaxIdleConnsPerHost: workers + 16,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
	}}
}

func newClient(cfg Config, m *metrics, hc *http.Client) (*client, error) {
	api, err := tgbot.New(cfg.Token,
		tgbot.WithServerURL(strings.TrimRight(cfg.APIURL, "/")),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(cfg.PollTimeout, hc),
		tgbot.WithErrorsHandler(func(err error) { cfg.Log.Debug("telegram library", slog.String("err", err.Error())) }),
	)
	if err != nil {
		return nil, fmt.Errorf("bot: telegram client: %w", err)
	}
	base := strings.TrimRight(cfg.APIURL, "/") + "/bot" + cfg.Token + "/"
	fast, err := newAPITransport(base, cfg.Workers+16)
	if err != nil {
		return nil, err
	}
	return &client{api: api, http: hc, fast: fast, baseURL: base,
		token: cfg.Token, metrics: m, log: cfg.Log, backoff: 300 * time.Millisecond}, nil
}

const maxAttempts = 4

// call runs fn, waiting retry_after on a 429 and retrying other transient
// errors with a bounded exponential backoff. Permanent errors (400, 401, 403,
// 404, 409) are returned at once.
func (c *client) call(ctx context.Context, method string, fn func(context.Context) error) error {
	backoff := c.backoff
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil {
			c.metrics.callOK(method)
			return nil
		}
		var wait time.Duration
		var tooMany *tgbot.TooManyRequestsError
		switch {
		case errors.As(err, &tooMany):
			c.metrics.apiCalls.WithLabelValues(method, "retry_after").Inc()
			wait = time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
		case transient(err) && ctx.Err() == nil:
			c.metrics.apiCalls.WithLabelValues(method, "error").Inc()
			wait = backoff
			backoff *= 2
		default:
			c.metrics.apiCalls.WithLabelValues(method, "error").Inc()
			return fmt.Errorf("bot: %s: %w", method, err)
		}
		if attempt >= maxAttempts {
			return fmt.Errorf("bot: %s: giving up after %d attempts: %w", method, attempt, err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("bot: %s: %w", method, ctx.Err())
		case <-t.C:
		}
	}
}

// transient reports whether err may go away on a retry: network trouble and
// 5xx answers, not Telegram's refusals.
func transient(err error) bool {
	for _, permanent := range []error{tgbot.ErrorBadRequest, tgbot.ErrorUnauthorized, tgbot.ErrorForbidden,
		tgbot.ErrorNotFound, tgbot.ErrorConflict, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, permanent) {
			return false
		}
	}
	var migrate *tgbot.MigrateError
	return !errors.As(err, &migrate)
}

// Send sends m, split into several messages when its text is too long for one;
// the buttons go with the last part. It returns the id of the last message.
func (c *client) Send(ctx context.Context, chatID int64, m domain.Message) (int, error) {
	markup, err := tgmsg.Keyboard(m.Buttons)
	if err != nil {
		return 0, fmt.Errorf("bot: %w", err)
	}
	if m.Document != nil {
		return c.sendDocument(ctx, chatID, m.Document, markup)
	}
	parts := tgmsg.SplitHTML(m.Text, tgmsg.MaxTextLength)
	var sent sentMessage
	for i, part := range parts {
		p := &sendMessageParams{ChatID: chatID, htmlBody: htmlText(part, nil)}
		if i == len(parts)-1 {
			p.ReplyMarkup = markup
		}
		err := c.call(ctx, "sendMessage", func(ctx context.Context) error {
			return c.post(ctx, "sendMessage", p, &sent)
		})
		if err != nil {
			return sent.ID, err
		}
	}
	return sent.ID, nil
}

func (c *client) sendDocument(ctx context.Context, chatID int64, d *domain.Document, markup *models.InlineKeyboardMarkup) (int, error) {
	var id int
	err := c.call(ctx, "sendDocument", func(ctx context.Context) (err error) {
		id, err = c.sendDocumentOnce(ctx, chatID, d, markup)
		return err
	})
	return id, err
}

// sendDocumentOnce makes one sendDocument call, not retried: d uploaded
// under its name, its caption as HTML, markup (nil: none) under it. It
// returns the new message's id and go-telegram/bot's error.
func (c *client) sendDocumentOnce(ctx context.Context, chatID int64, d *domain.Document, markup *models.InlineKeyboardMarkup) (int, error) {
	p := &tgbot.SendDocumentParams{ChatID: chatID, Caption: d.Caption, ParseMode: models.ParseModeHTML,
		Document: &models.InputFileUpload{Filename: d.Name, Data: bytes.NewReader(d.Content)}}
	if markup != nil {
		p.ReplyMarkup = markup
	}
	msg, err := c.api.SendDocument(ctx, p)
	if err != nil {
		return 0, err
	}
	return msg.ID, nil
}

// Edit replaces the text and buttons of a message; no buttons removes them.
// Telegram's "message is not modified" counts as success.
func (c *client) Edit(ctx context.Context, chatID int64, messageID int, m domain.Message) error {
	markup, err := tgmsg.Keyboard(m.Buttons)
	if err != nil {
		return fmt.Errorf("bot: %w", err)
	}
	p := &editMessageTextParams{ChatID: chatID, MessageID: messageID, htmlBody: htmlText(m.Text, markup)}
	err = c.call(ctx, "editMessageText", func(ctx context.Context) error {
		return c.post(ctx, "editMessageText", p, nil)
	})
	if err != nil && strings.Contains(err.Error(), "message is not modified") {
		return nil
	}
	return err
}

// ClearButtons removes a message's inline keyboard; "not modified" counts as success.
func (c *client) ClearButtons(ctx context.Context, chatID int64, messageID int) error {
	err := c.call(ctx, "editMessageReplyMarkup", func(ctx context.Context) error {
		return c.post(ctx, "editMessageReplyMarkup", &editMarkupParams{ChatID: chatID, MessageID: messageID}, nil)
	})
	if err != nil && strings.Contains(err.Error(), "message is not modified") {
		return nil
	}
	return err
}

// closeIdle closes the kept-alive connections to the Bot API; calls after it
// dial anew.
func (c *client) closeIdle() {
	if c.fast != nil {
		c.fast.close()
	}
	c.http.CloseIdleConnections()
}

// Answer answers a callback query (engine.Messenger); the engine answers a
// pressed button's query before its other sends.
func (c *client) Answer(ctx context.Context, queryID, text string) error {
	return c.answer(ctx, queryID, text)
}

// answer answers a callback query; text is cut to Telegram's 200 characters.
func (c *client) answer(ctx context.Context, queryID, text string) error {
	if r := []rune(text); len(r) > 200 {
		text = string(r[:199]) + "…"
	}
	return c.call(ctx, "answerCallbackQuery", func(ctx context.Context) error {
		return c.post(ctx, "answerCallbackQuery", &answerCallbackParams{CallbackQueryID: queryID, Text: text}, nil)
	})
}
