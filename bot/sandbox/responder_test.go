package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"strconv"
	"testing"

	"github.com/go-telegram/bot/models"
)

// responder is a tiny scripted bot that talks to the fake Bot API over plain
// HTTP, standing in for the real bot where a test only needs a counterpart:
//
//	/start      -> "<b>Willkommen</b> …" with buttons Weiter (go) and Dokument (doc)
//	press go    -> edits the message to "Weiter gewählt", toast "Okay"
//	press doc   -> sends bericht.txt, no toast
//	/invite     -> a link to the bot (start=demo_1) in code, another bot's
//	               link, a share button for the bot's link (start=demo_2)
//	               and a link button elsewhere
//	other text  -> "Echo: <text, escaped>"
type responder struct {
	t    testing.TB
	base string // <fake URL>/bot<token>/
}

// startResponder runs the responder until the test ends.
func startResponder(t testing.TB, fakeURL, token string) {
	t.Helper()
	r := &responder{t: t, base: fakeURL + "/bot" + token + "/"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

func (r *responder) run(ctx context.Context) {
	var offset int64
	for ctx.Err() == nil {
		var updates []models.Update
		err := r.call(ctx, "getUpdates", map[string]any{"offset": offset, "timeout": 1}, &updates)
		if err != nil {
			if ctx.Err() == nil {
				r.t.Errorf("responder: getUpdates: %v", err)
			}
			return
		}
		// Updates in hand are finished even when the test ends meanwhile, so
		// that no callback query is left unanswered.
		for _, u := range updates {
			offset = u.ID + 1
			if err := r.handle(context.WithoutCancel(ctx), u); err != nil {
				r.t.Errorf("responder: update %d: %v", u.ID, err)
			}
		}
	}
}

func (r *responder) handle(ctx context.Context, u models.Update) error {
	switch {
	case u.Message != nil && u.Message.Text == "/start":
		return r.call(ctx, "sendMessage", map[string]any{
			"chat_id": u.Message.Chat.ID, "parse_mode": "HTML",
			"text": "<b>Willkommen</b> bei der <i>Sandbox</i> &lt;3",
			"reply_markup": map[string]any{"inline_keyboard": [][]map[string]string{
				{{"text": "Weiter", "callback_data": "go"}},
				{{"text": "Dokument", "callback_data": "doc"}},
			}},
		}, nil)
	case u.Message != nil && u.Message.Text == "/invite":
		return r.call(ctx, "sendMessage", map[string]any{
			"chat_id": u.Message.Chat.ID, "parse_mode": "HTML",
			"text": "Ihr Link:\n<code>https://t.me/MiGlobeBot?start=demo_1</code>\nNicht: https://t.me/OtherBot?start=x",
			"reply_markup": map[string]any{"inline_keyboard": [][]map[string]string{
				{{"text": "Teilen", "url": "https://t.me/share/url?url=https%3A%2F%2Ft.me%2FMiGlobeBot%3Fstart%3Ddemo_2&text=Hallo"}},
				{{"text": "Handbuch", "url": "https://example.org/handbuch"}},
			}},
		}, nil)
	case u.Message != nil:
		return r.call(ctx, "sendMessage", map[string]any{
			"chat_id": u.Message.Chat.ID, "parse_mode": "HTML",
			"text": "Echo: " + html.EscapeString(u.Message.Text),
		}, nil)
	case u.CallbackQuery != nil && u.CallbackQuery.Message.Message != nil:
		q := u.CallbackQuery
		msg := q.Message.Message
		toast := ""
		switch q.Data {
		case "go":
			toast = "Okay"
			if err := r.call(ctx, "editMessageText", map[string]any{
				"chat_id": msg.Chat.ID, "message_id": msg.ID, "text": "Weiter gewählt",
			}, nil); err != nil {
				return err
			}
		case "doc":
			if err := r.sendDocument(ctx, msg.Chat.ID, "bericht.txt", []byte("Stunden: 4\n")); err != nil {
				return err
			}
		}
		return r.call(ctx, "answerCallbackQuery", map[string]any{"callback_query_id": q.ID, "text": toast}, nil)
	}
	return nil
}

// call posts params as JSON and decodes the result into out (when not nil).
func (r *responder) call(ctx context.Context, method string, params map[string]any, out any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.base+method, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return r.do(req, out)
}

func (r *responder) sendDocument(ctx context.Context, chat int64, name string, data []byte) error {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("chat_id", strconv.FormatInt(chat, 10))
	_ = mw.WriteField("caption", "Ihr <b>Bericht</b>")
	_ = mw.WriteField("parse_mode", "HTML")
	fw, err := mw.CreateFormFile("document", name)
	if err != nil {
		return err
	}
	_, _ = fw.Write(data)
	if err := mw.Close(); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.base+"sendDocument", &buf)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return r.do(req, nil)
}

func (r *responder) do(req *http.Request, out any) error {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result"`
		Description string          `json:"description"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("decode answer: %w", err)
	}
	if !env.OK {
		return fmt.Errorf("%s", env.Description)
	}
	if out != nil {
		return json.Unmarshal(env.Result, out)
	}
	return nil
}
