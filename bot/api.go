package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/valyala/fastjson"
)

// The hot methods (sendMessage, editMessageText, editMessageReplyMarkup,
// answerCallbackQuery) are posted as JSON by post: go-telegram/bot streams
// every call as multipart/form-data through a pipe and a goroutine, which
// cost about a third of the bot's CPU per update in the benchmark. The
// library still serves the rare calls (documents, commands, webhook) and all
// the types; post returns the library's error values, so retries treat both
// alike.

// result is where post puts the result of a call; nil ignores it. The
// answers are parsed with fastjson and read field by field: encoding/json's
// reflection on the two hot answers (getUpdates and sendMessage) cost more
// CPU per update than anything else in the bot (pprof, paced benchmark).
type result interface {
	from(v *fastjson.Value) error
}

// sentMessage is the result of sendMessage: the new message's id.
type sentMessage struct{ ID int }

func (m *sentMessage) from(v *fastjson.Value) error {
	if m.ID = v.GetInt("message_id"); m.ID == 0 {
		return errors.New("no message_id in the result")
	}
	return nil
}

// updateList is the result of getUpdates.
type updateList []update

func (l *updateList) from(v *fastjson.Value) error {
	arr, err := v.Array()
	if err != nil {
		return err
	}
	*l = make(updateList, len(arr))
	for i, u := range arr {
		(*l)[i] = updateFrom(u)
	}
	return nil
}

// answers holds the buffers answers are read into; parsers the parsers.
var (
	answers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	parsers fastjson.ParserPool
)

// post calls method with params as a JSON body and puts the result into
// dest (nil: ignore it).
func (c *client) post(ctx context.Context, method string, params any, dest result) error {
	body, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("encode %s: %w", method, err)
	}
	buf := answers.Get().(*bytes.Buffer)
	defer answers.Put(buf)
	buf.Reset()
	status, err := c.send(ctx, method, body, buf)
	if err != nil {
		return err
	}
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(buf.Bytes())
	if err != nil {
		return fmt.Errorf("%s: HTTP %d, undecodable answer: %w", method, status, err)
	}
	if !v.GetBool("ok") {
		return apiError(v.GetInt("error_code"), str(v, "description"), v.GetInt("parameters", "retry_after"))
	}
	if dest != nil {
		if err := dest.from(v.Get("result")); err != nil {
			return fmt.Errorf("%s: HTTP %d, unexpected result: %w", method, status, err)
		}
	}
	return nil
}

var jsonContent = []string{"application/json"}

// send posts body to method and reads the answer into buf, through the
// lean transport when there is one (apiconn.go).
func (c *client) send(ctx context.Context, method string, body []byte, buf *bytes.Buffer) (int, error) {
	if c.fast != nil {
		status, err := c.fast.post(ctx, method, body, buf)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", method, err)
		}
		return status, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+method, bytes.NewReader(body))
	if err != nil {
		return 0, c.redact(err)
	}
	req.Header["Content-Type"] = jsonContent
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, c.redact(err)
	}
	_, err = buf.ReadFrom(resp.Body) // all of it, so the connection is reused
	resp.Body.Close()
	if err != nil {
		return 0, fmt.Errorf("%s: HTTP %d, answer cut off: %w", method, resp.StatusCode, c.redact(err))
	}
	return resp.StatusCode, nil
}

// apiError turns a refusal into the error go-telegram/bot would return.
func apiError(code int, desc string, retryAfter int) error {
	switch code {
	case http.StatusTooManyRequests:
		return &tgbot.TooManyRequestsError{Message: "too many requests, " + desc, RetryAfter: retryAfter}
	case http.StatusBadRequest:
		return fmt.Errorf("%w, %s", tgbot.ErrorBadRequest, desc)
	case http.StatusUnauthorized:
		return fmt.Errorf("%w, %s", tgbot.ErrorUnauthorized, desc)
	case http.StatusForbidden:
		return fmt.Errorf("%w, %s", tgbot.ErrorForbidden, desc)
	case http.StatusNotFound:
		return fmt.Errorf("%w, %s", tgbot.ErrorNotFound, desc)
	case http.StatusConflict:
		return fmt.Errorf("%w, %s", tgbot.ErrorConflict, desc)
	}
	return fmt.Errorf("telegram answered %d %s", code, desc)
}

// redact keeps the token out of errors (net/http puts the URL into them).
func (c *client) redact(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) && c.token != "" {
		return fmt.Errorf("%s %s: %w", uerr.Op, strings.ReplaceAll(uerr.URL, c.token, "<token>"), uerr.Err)
	}
	return err
}

// The JSON bodies of the hot methods.
type (
	// htmlBody is what sendMessage and editMessageText share: Telegram HTML
	// without a link preview, and the buttons.
	htmlBody struct {
		Text        string                       `json:"text"`
		ParseMode   models.ParseMode             `json:"parse_mode"`
		LinkPreview *models.LinkPreviewOptions   `json:"link_preview_options,omitempty"`
		ReplyMarkup *models.InlineKeyboardMarkup `json:"reply_markup,omitempty"`
	}
	sendMessageParams struct {
		ChatID int64 `json:"chat_id"`
		htmlBody
	}
	editMessageTextParams struct {
		ChatID    int64 `json:"chat_id"`
		MessageID int   `json:"message_id"`
		htmlBody
	}
	editMarkupParams struct {
		ChatID      int64                        `json:"chat_id"`
		MessageID   int                          `json:"message_id"`
		ReplyMarkup *models.InlineKeyboardMarkup `json:"reply_markup,omitempty"` // nil: none
	}
	answerCallbackParams struct {
		CallbackQueryID string `json:"callback_query_id"`
		Text            string `json:"text,omitempty"`
	}
)

var noPreview = &models.LinkPreviewOptions{IsDisabled: tgbot.True()}

// htmlText is text as Telegram HTML without a link preview, with markup (nil:
// no buttons).
func htmlText(text string, markup *models.InlineKeyboardMarkup) htmlBody {
	return htmlBody{Text: text, ParseMode: models.ParseModeHTML, LinkPreview: noPreview, ReplyMarkup: markup}
}
