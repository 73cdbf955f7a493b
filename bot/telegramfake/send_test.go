package telegramfake

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func keyboardOf(buttons ...models.InlineKeyboardButton) *models.InlineKeyboardMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{buttons}}
}

func TestSendMessageRejectsLikeTelegram(t *testing.T) {
	tests := []struct {
		name   string
		params bot.SendMessageParams
		code   int
		desc   string
	}{
		{"empty text", bot.SendMessageParams{ChatID: alice.ID, Text: ""}, 400, "Bad Request: message text is empty"},
		{"too long", bot.SendMessageParams{ChatID: alice.ID, Text: strings.Repeat("x", 4097)}, 400, "Bad Request: message is too long"},
		{"unsupported tag", bot.SendMessageParams{ChatID: alice.ID, Text: "<div>Hallo</div>", ParseMode: models.ParseModeHTML}, 400,
			`Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 0`},
		{"unescaped user text", bot.SendMessageParams{ChatID: alice.ID, Text: "Müller & Söhne", ParseMode: models.ParseModeHTML}, 400,
			`Bad Request: can't parse entities: Character "&" is reserved and must be escaped as "&amp;" at byte offset 8`},
		{"unknown chat", bot.SendMessageParams{ChatID: 999, Text: "x"}, 400, "Bad Request: chat not found"},
		{"chat by username", bot.SendMessageParams{ChatID: "@alice", Text: "x"}, 400, "Bad Request: chat not found"},
		{"callback data too long", bot.SendMessageParams{ChatID: alice.ID, Text: "x",
			ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "Ja", CallbackData: strings.Repeat("d", 65)})}, 400, "Bad Request: BUTTON_DATA_INVALID"},
		{"empty callback data", bot.SendMessageParams{ChatID: alice.ID, Text: "x",
			ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "Ja"})}, 400,
			"Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
		{"empty button text", bot.SendMessageParams{ChatID: alice.ID, Text: "x",
			ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "", CallbackData: "y"})}, 400, "Bad Request: BUTTON_TEXT_INVALID"},
		{"bad button url", bot.SendMessageParams{ChatID: alice.ID, Text: "x",
			ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "Web", URL: "javascript:alert(1)"})}, 400, "Bad Request: BUTTON_URL_INVALID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, Options{})
			s.AddUser(alice)
			_, err := newBot(t, s).SendMessage(context.Background(), &tc.params)
			if err == nil || !strings.Contains(err.Error(), tc.desc) {
				t.Fatalf("SendMessage error = %v, want %q", err, tc.desc)
			}
			if v := lastViolation(t, s); v.Method != "sendMessage" || v.Code != tc.code || v.Description != tc.desc {
				t.Fatalf("violation = %+v", v)
			}
			if n := len(s.Messages(alice.ID)); n != 0 {
				t.Fatalf("%d messages stored after a rejection", n)
			}
		})
	}
}

func TestSendMessageAcceptsEveryEncoding(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	markup := `{"inline_keyboard":[[{"text":"Ja","callback_data":"y"},{"text":"Nein","callback_data":"n"}]]}`

	m, err := newBot(t, s).SendMessage(context.Background(), &bot.SendMessageParams{
		ChatID: alice.ID, Text: "<b>Multipart</b>", ParseMode: models.ParseModeHTML,
		ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "Ja", CallbackData: "y"}, models.InlineKeyboardButton{Text: "Nein", CallbackData: "n"}),
	})
	if err != nil {
		t.Fatalf("multipart: %v", err)
	}
	if m.Text != "Multipart" || len(m.Entities) != 1 || m.Entities[0].Type != models.MessageEntityTypeBold || m.From == nil || !m.From.IsBot {
		t.Fatalf("multipart result = %+v", m)
	}
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": alice.ID, "text": "<i>JSON</i>", "parse_mode": "HTML",
		"reply_markup": map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "Ja", "callback_data": "y"}, {"text": "Nein", "callback_data": "n"}}}}}); !a.OK {
		t.Fatalf("json: %+v", a)
	}
	if a := callForm(t, s, "sendMessage", url.Values{"chat_id": {"1001"}, "text": {"Form"}, "reply_markup": {markup}}); !a.OK {
		t.Fatalf("urlencoded: %+v", a)
	}
	if a := post(t, s, "/bot"+testToken+"/sendMessage?chat_id=1001&text=Query", "", nil); !a.OK {
		t.Fatalf("query string: %+v", a)
	}
	msgs := s.Messages(alice.ID)
	if len(msgs) != 4 {
		t.Fatalf("%d messages, want 4", len(msgs))
	}
	want := [][]Button{{{Text: "Ja", Data: "y"}, {Text: "Nein", Data: "n"}}}
	for i, text := range []string{"<b>Multipart</b>", "<i>JSON</i>", "Form"} {
		if msgs[i].Text != text || len(msgs[i].Buttons) != 1 || msgs[i].Buttons[0][1] != want[0][1] {
			t.Errorf("message %d = %+v", i, msgs[i])
		}
	}
	if len(s.Violations()) != 0 {
		t.Fatalf("violations: %+v", s.Violations())
	}
}

func TestSendDocument(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	b := newBot(t, s)
	ctx := context.Background()

	m, err := b.SendDocument(ctx, &bot.SendDocumentParams{
		ChatID:    alice.ID,
		Document:  &models.InputFileUpload{Filename: "termin.ics", Data: bytes.NewReader([]byte("BEGIN:VCALENDAR"))},
		Caption:   "<b>Ihr Termin</b>",
		ParseMode: models.ParseModeHTML,
	})
	if err != nil {
		t.Fatalf("SendDocument: %v", err)
	}
	if m.Document == nil || m.Document.FileName != "termin.ics" || m.Caption != "Ihr Termin" {
		t.Fatalf("result = %+v", m)
	}
	got, err := s.Next(alice.ID, 0)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	if got.Document == nil || string(got.Document.Data) != "BEGIN:VCALENDAR" || got.Caption != "<b>Ihr Termin</b>" || got.Text != "" {
		t.Fatalf("message = %+v", got)
	}
	if _, err := b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: m.Document.FileID}}); err != nil {
		t.Fatalf("resend by file_id: %v", err)
	}

	rejects := []struct {
		name   string
		params bot.SendDocumentParams
		desc   string
	}{
		{"caption too long", bot.SendDocumentParams{ChatID: alice.ID, Caption: strings.Repeat("x", 1025),
			Document: &models.InputFileUpload{Filename: "a.txt", Data: strings.NewReader("a")}}, "Bad Request: message caption is too long"},
		{"unknown file id", bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: "nope"}},
			"Bad Request: wrong file identifier/HTTP URL specified"},
		{"empty file", bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileUpload{Filename: "a.txt", Data: strings.NewReader("")}},
			"Bad Request: file must be non-empty"},
	}
	for _, tc := range rejects {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := b.SendDocument(ctx, &tc.params); err == nil {
				t.Fatal("accepted")
			}
			if v := lastViolation(t, s); v.Code != http.StatusBadRequest || v.Description != tc.desc {
				t.Fatalf("violation = %+v, want %q", v, tc.desc)
			}
		})
	}
}

func TestBlockedUser(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	s.Block(alice.ID)
	_, err := newBot(t, s).SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "Hallo"})
	if !errors.Is(err, bot.ErrorForbidden) || !strings.Contains(err.Error(), "Forbidden: bot was blocked by the user") {
		t.Fatalf("error = %v", err)
	}
	calls := s.Calls()
	if len(calls) != 1 || calls[0].Code != http.StatusForbidden || calls[0].OK || calls[0].ChatID != alice.ID {
		t.Fatalf("calls = %+v", calls)
	}
	if len(s.Violations()) != 0 {
		t.Fatalf("a block the test caused is a violation: %+v", s.Violations())
	}
	s.Unblock(alice.ID)
	if _, err := newBot(t, s).SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "Hallo"}); err != nil {
		t.Fatalf("after Unblock: %v", err)
	}
}
