package telegramfake

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-telegram/bot"
)

func TestSubscribe(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	events, cancel := s.Subscribe(alice.ID)
	defer cancel()
	b := newBot(t, s)
	ctx := context.Background()
	m := sendQuestion(t, s, b, "q")
	if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: m.ID, Text: "neu"}); err != nil {
		t.Fatalf("edit: %v", err)
	}
	s.PressData(alice, m.ID, "q:y")
	q := nextQuery(t, s)
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: "ok"}); err != nil {
		t.Fatalf("answer: %v", err)
	}
	if _, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: m.ID}); err != nil {
		t.Fatalf("delete: %v", err)
	}
	for _, want := range []string{"message", "edit", "answer", "delete"} {
		select {
		case ev := <-events:
			if ev.Kind != want || ev.Message.ID != m.ID || (want == "answer") != (ev.Answer != nil) {
				t.Fatalf("event = %+v, want %s", ev, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no %s event", want)
		}
	}
	cancel()
	for range events { // drains and ends: cancel closes the channel
	}
}

func TestCloseTwiceAndWaiters(t *testing.T) {
	s := New(Options{Token: testToken})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Next(alice.ID, time.Minute)
		done <- err
	}()
	events, _ := s.Subscribe(alice.ID)
	waitFor(t, "Next to wait", func() bool { // so that Close wakes a waiting Next
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.waitCh != nil
	})
	s.Close()
	s.Close()
	if err := <-done; !errors.Is(err, ErrClosed) {
		t.Fatalf("Next after Close = %v", err)
	}
	if _, open := <-events; open {
		t.Fatal("subscription open after Close")
	}
	if err := s.Start("127.0.0.1:0"); err == nil {
		t.Fatal("Start after Close succeeded")
	}
}
