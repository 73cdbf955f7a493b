package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// The hot methods (sendMessage, editMessageText, editMessageReplyMarkup,
// answerCallbackQuery) are posted as JSON by post: go-telegram/bot streams
// every call as multipart/form-data through a pipe and a goroutine, which
// cost about a third of the bot's CPU per update in the benchmark. The
// library still serves the rare calls (documents, commands, webhook) and all
// the types; post returns the library's error values, so retries treat both
// alike.

// apiResult is the envelope of every Bot API answer.
type apiResult struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// post calls method with params as a JSON body and decodes the result into
// dest (nil: ignore it).
func (c *client) post(ctx context.Context, method string, params, dest any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("encode %s: %w", method, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+method, bytes.NewReader(body))
	if err != nil {
		return c.redact(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return c.redact(err)
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body) // so the connection is reused
		resp.Body.Close()
	}()
	var r apiResult
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("%s: HTTP %d, undecodable answer: %w", method, resp.StatusCode, err)
	}
	if !r.OK {
		return apiError(r)
	}
	if dest != nil {
		if err := json.Unmarshal(r.Result, dest); err != nil {
			return fmt.Errorf("decode %s result: %w", method, err)
		}
	}
	return nil
}

// apiError turns a refusal into the error go-telegram/bot would return.
func apiError(r apiResult) error {
	switch r.ErrorCode {
	case http.StatusTooManyRequests:
		return &tgbot.TooManyRequestsError{Message: "too many requests, " + r.Description, RetryAfter: r.Parameters.RetryAfter}
	case http.StatusBadRequest:
		return fmt.Errorf("%w, %s", tgbot.ErrorBadRequest, r.Description)
	case http.StatusUnauthorized:
		return fmt.Errorf("%w, %s", tgbot.ErrorUnauthorized, r.Description)
	case http.StatusForbidden:
		return fmt.Errorf("%w, %s", tgbot.ErrorForbidden, r.Description)
	case http.StatusNotFound:
		return fmt.Errorf("%w, %s", tgbot.ErrorNotFound, r.Description)
	case http.StatusConflict:
		return fmt.Errorf("%w, %s", tgbot.ErrorConflict, r.Description)
	}
	return fmt.Errorf("telegram answered %d %s", r.ErrorCode, r.Description)
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
		ChatID    int64 `json:"chat_id"`
		MessageID int   `json:"message_id"`
	}
	answerCallbackParams struct {
		CallbackQueryID string `json:"callback_query_id"`
		Text            string `json:"text,omitempty"`
	}
	messageID struct {
		ID int `json:"message_id"`
	}
)

var noPreview = &models.LinkPreviewOptions{IsDisabled: tgbot.True()}

// htmlText is text as Telegram HTML without a link preview, with markup (nil:
// no buttons).
func htmlText(text string, markup *models.InlineKeyboardMarkup) htmlBody {
	return htmlBody{Text: text, ParseMode: models.ParseModeHTML, LinkPreview: noPreview, ReplyMarkup: markup}
}
