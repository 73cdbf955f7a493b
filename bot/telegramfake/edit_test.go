package telegramfake

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func TestEditAndWaitEdit(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	b := newBot(t, s)
	ctx := context.Background()
	kb := keyboardOf(models.InlineKeyboardButton{Text: "Weiter", CallbackData: "next"})
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "<b>Schritt 1</b>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb})
	if err != nil {
		t.Fatalf("send: %v", err)
	}

	done := make(chan Message, 1)
	go func() {
		m, err := s.WaitEdit(alice.ID, sent.ID, 1, 5*time.Second)
		if err != nil {
			t.Errorf("WaitEdit: %v", err)
		}
		done <- m
	}()
	if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Schritt 2", ReplyMarkup: kb}); err != nil {
		t.Fatalf("edit: %v", err)
	}
	if m := <-done; m.Text != "Schritt 2" || m.Edits != 1 || len(m.Buttons) != 1 {
		t.Fatalf("edited message = %+v", m)
	}

	// Without reply_markup an edit removes the keyboard, as on Telegram.
	if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Schritt 2"}); err != nil {
		t.Fatalf("edit without markup: %v", err)
	}
	if m, _ := s.WaitEdit(alice.ID, sent.ID, 2, time.Second); m.Buttons != nil {
		t.Fatalf("keyboard kept: %+v", m)
	}
	if _, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: sent.ID, ReplyMarkup: kb}); err != nil {
		t.Fatalf("edit markup: %v", err)
	}
	if m, err := s.WaitEdit(alice.ID, sent.ID, 3, time.Second); err != nil || len(m.Buttons) != 1 {
		t.Fatalf("after markup edit: %+v, %v", m, err)
	}
	if m, err := s.WaitEdit(alice.ID, sent.ID, 4, 20*time.Millisecond); !errors.Is(err, ErrTimeout) || m.Edits != 3 {
		t.Fatalf("WaitEdit beyond the edits = %+v, %v", m, err)
	}
	if len(s.Violations()) != 0 {
		t.Fatalf("violations: %+v", s.Violations())
	}
}

func TestEditRejectsLikeTelegram(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	b := newBot(t, s)
	ctx := context.Background()
	kb := keyboardOf(models.InlineKeyboardButton{Text: "Ja", CallbackData: "y"})
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "<b>Frage</b>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	userMsg := s.SendText(alice, "Hallo") // message id sent.ID+1
	_ = userMsg

	const notModified = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
	tests := []struct {
		name string
		call func() error
		desc string
	}{
		{"same text, entities and markup", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "<strong>Frage</strong>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb})
			return err
		}, notModified},
		{"same markup", func() error {
			_, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: sent.ID, ReplyMarkup: kb})
			return err
		}, notModified},
		{"missing message", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: 99, Text: "x"})
			return err
		}, "Bad Request: message to edit not found"},
		{"user's message", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID + 1, Text: "x"})
			return err
		}, "Bad Request: message can't be edited"},
		{"no message id", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, Text: "x"})
			return err
		}, "Bad Request: message identifier is not specified"},
		{"empty text", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: " "})
			return err
		}, "Bad Request: message text is empty"},
		{"text too long", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "<b>" + strings.Repeat("&amp;", 4097) + "</b>", ParseMode: models.ParseModeHTML})
			return err
		}, "Bad Request: message is too long"},
		{"text not HTML", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "<div>Vergeben</div>", ParseMode: models.ParseModeHTML})
			return err
		}, `Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 0`},
		{"text edit with a bad keyboard", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Vergeben",
				ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "Details", CallbackData: strings.Repeat("x", 65)})})
			return err
		}, "Bad Request: BUTTON_DATA_INVALID"},
		{"delete missing", func() error {
			_, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: 99})
			return err
		}, "Bad Request: message to delete not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); err == nil {
				t.Fatal("accepted")
			}
			if v := lastViolation(t, s); v.Code != 400 || v.Description != tc.desc {
				t.Fatalf("violation = %+v, want %q", v, tc.desc)
			}
		})
	}
	if m := s.Messages(alice.ID)[0]; m.Text != "<b>Frage</b>" || len(m.Buttons) != 1 || m.Edits != 0 {
		t.Fatalf("a refused edit changed the message: %+v", m)
	}
}

func TestDeleteMessage(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	b := newBot(t, s)
	ctx := context.Background()
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "weg"})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if ok, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: sent.ID}); !ok || err != nil {
		t.Fatalf("delete: %v, %v", ok, err)
	}
	if m := s.Messages(alice.ID); len(m) != 1 || !m[0].Deleted {
		t.Fatalf("messages = %+v", m)
	}
	if _, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: sent.ID}); err == nil {
		t.Fatal("second delete accepted")
	}
	if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "x"}); err == nil {
		t.Fatal("edit of a deleted message accepted")
	}
	if v := lastViolation(t, s); v.Description != "Bad Request: message to edit not found" {
		t.Fatalf("violation = %+v", v)
	}
	// The bot may delete the user's messages in a private chat.
	s.SendText(alice, "geheim")
	if ok, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: sent.ID + 1}); !ok || err != nil {
		t.Fatalf("delete user message: %v, %v", ok, err)
	}
}

func TestNextCursor(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	s.AddUser(bob)
	b := newBot(t, s)
	ctx := context.Background()
	if _, err := s.Next(alice.ID, 10*time.Millisecond); !errors.Is(err, ErrTimeout) {
		t.Fatalf("Next on an empty chat = %v", err)
	}
	go func() {
		for _, text := range []string{"eins", "zwei"} {
			if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: text}); err != nil {
				t.Errorf("send: %v", err)
			}
		}
	}()
	for _, want := range []string{"eins", "zwei"} {
		m, err := s.Next(alice.ID, 5*time.Second)
		if err != nil || m.Text != want || m.ChatID != alice.ID {
			t.Fatalf("Next = %+v, %v; want %q", m, err, want)
		}
	}
	if _, err := s.Next(bob.ID, 10*time.Millisecond); !errors.Is(err, ErrTimeout) {
		t.Fatalf("Next in another chat = %v", err)
	}
}
