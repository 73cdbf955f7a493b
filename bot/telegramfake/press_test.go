package telegramfake

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// sendQuestion makes the bot send a yes/no question to alice.
func sendQuestion(t *testing.T, s *Server, b *bot.Bot, text string) *models.Message {
	t.Helper()
	m, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: text,
		ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "Ja", CallbackData: text + ":y"}, models.InlineKeyboardButton{Text: "Nein", CallbackData: text + ":n"})})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	return m
}

// nextQuery returns the callback query of the next polled update.
func nextQuery(t *testing.T, s *Server) *models.CallbackQuery {
	t.Helper()
	ups := getUpdates(t, s, nil)
	if len(ups) == 0 || ups[len(ups)-1].CallbackQuery == nil {
		t.Fatalf("no callback query in %+v", ups)
	}
	last := ups[len(ups)-1]
	getUpdates(t, s, map[string][]string{"offset": {itoa(last.ID + 1)}})
	return last.CallbackQuery
}

func TestPressAndAnswer(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	b := newBot(t, s)
	ctx := context.Background()
	first := sendQuestion(t, s, b, "q1")
	second := sendQuestion(t, s, b, "q2")

	if _, err := s.Press(alice, "Ja"); err != nil {
		t.Fatalf("Press: %v", err)
	}
	q := nextQuery(t, s)
	if q.Data != "q2:y" || q.From.ID != alice.ID || q.Message.Message == nil || q.Message.Message.ID != second.ID || q.Message.Message.Text != "q2" {
		t.Fatalf("query = %+v (newest message showing the button expected)", q)
	}
	if ok, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: "Danke"}); !ok || err != nil {
		t.Fatalf("answer: %v, %v", ok, err)
	}
	if a := s.Answers(); len(a) != 1 || a[0].QueryID != q.ID || a[0].UserID != alice.ID || a[0].Text != "Danke" {
		t.Fatalf("answers = %+v", a)
	}

	// Answered twice.
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID}); err == nil {
		t.Fatal("second answer accepted")
	}
	if v := lastViolation(t, s); v.Code != http.StatusBadRequest || v.Description != "Bad Request: "+queryTooOld {
		t.Fatalf("violation = %+v", v)
	}
	// Unknown query.
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "42"}); err == nil {
		t.Fatal("unknown query accepted")
	}

	// Once the newest message loses the button, the older one is pressed.
	if _, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: second.ID}); err != nil {
		t.Fatalf("remove keyboard: %v", err)
	}
	if _, err := s.Press(alice, "Nein"); err != nil {
		t.Fatalf("Press: %v", err)
	}
	q = nextQuery(t, s)
	if q.Data != "q1:n" || q.Message.Message.ID != first.ID {
		t.Fatalf("query = %+v", q)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: strings.Repeat("x", 201)}); err == nil {
		t.Fatal("201 characters accepted")
	}
	if v := lastViolation(t, s); v.Description != "Bad Request: MESSAGE_TOO_LONG" {
		t.Fatalf("violation = %+v", v)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: strings.Repeat("x", 200)}); err != nil {
		t.Fatalf("200 characters: %v", err)
	}

	if _, err := s.Press(alice, "Vielleicht"); !errors.Is(err, ErrNoButton) {
		t.Fatalf("Press of a missing label = %v", err)
	}
}

func TestLateAnswerRejected(t *testing.T) {
	s, clk := newClockServer(t, Options{AnswerDeadline: 10 * time.Second})
	s.AddUser(alice)
	b := newBot(t, s)
	m := sendQuestion(t, s, b, "q")
	s.PressData(alice, m.ID, "q:y")
	q := nextQuery(t, s)
	clk.add(11 * time.Second)
	if _, err := b.AnswerCallbackQuery(context.Background(), &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID}); err == nil {
		t.Fatal("late answer accepted")
	}
	if v := lastViolation(t, s); v.Description != "Bad Request: "+queryTooOld || v.Method != "answerCallbackQuery" {
		t.Fatalf("violation = %+v", v)
	}
	if len(s.unanswered()) != 0 {
		t.Fatal("a late answer still counts as unanswered")
	}
}

func TestPressDataForged(t *testing.T) {
	s := newServer(t, Options{})
	s.PressData(alice, 77, "forged:data")
	q := nextQuery(t, s)
	if q.Data != "forged:data" || q.Message.InaccessibleMessage == nil || q.Message.InaccessibleMessage.MessageID != 77 ||
		q.Message.InaccessibleMessage.Chat.ID != alice.ID {
		t.Fatalf("query = %+v", q)
	}
	if len(s.unanswered()) != 1 {
		t.Fatal("forged query not pending")
	}
}
