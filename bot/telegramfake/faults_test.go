package telegramfake

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
)

func TestFailNext(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	b := newBot(t, s)
	ctx := context.Background()
	s.FailNext(2, 3)
	for i := 0; i < 2; i++ {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
		var tooMany *bot.TooManyRequestsError
		if !errors.As(err, &tooMany) || tooMany.RetryAfter != 3 || !strings.Contains(err.Error(), "Too Many Requests: retry after 3") {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Fatalf("third call: %v", err)
	}
	calls := s.Calls()
	if len(calls) != 3 || calls[0].Code != 429 || calls[1].Code != 429 || !calls[2].OK || calls[0].ChatID != alice.ID {
		t.Fatalf("calls = %+v", calls)
	}
	if len(s.Violations()) != 0 {
		t.Fatalf("FailNext recorded as violations: %+v", s.Violations())
	}
	// getMe is not a sending call.
	s.FailNext(1, 1)
	if _, err := b.GetMe(ctx); err != nil {
		t.Fatalf("getMe hit by FailNext: %v", err)
	}
	a := callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": "1"})
	if a.ErrorCode != 429 || a.Parameters.RetryAfter != 1 {
		t.Fatalf("answerCallbackQuery = %+v", a)
	}
}

func TestLimits(t *testing.T) {
	s, clk := newClockServer(t, Options{Limits: &Limits{Global: 3, PerChat: 1}})
	for _, u := range []User{alice, bob, {ID: 1003}, {ID: 1004}} {
		s.AddUser(u)
	}
	send := func(chatID int64) answer {
		return callJSON(t, s, "sendMessage", map[string]any{"chat_id": chatID, "text": "x"})
	}
	if a := send(alice.ID); !a.OK {
		t.Fatalf("first: %+v", a)
	}
	if a := send(alice.ID); a.ErrorCode != 429 || a.Parameters.RetryAfter != 1 {
		t.Fatalf("second in the same chat and second = %+v", a)
	}
	if a := send(bob.ID); !a.OK {
		t.Fatalf("other chat: %+v", a)
	}
	if a := send(1003); !a.OK {
		t.Fatalf("third chat: %+v", a)
	}
	if a := send(1004); a.ErrorCode != 429 {
		t.Fatalf("fourth in a second with Global 3 = %+v", a)
	}
	clk.add(time.Second)
	if a := send(alice.ID); !a.OK {
		t.Fatalf("a second later: %+v", a)
	}
	if len(s.Violations()) != 0 {
		t.Fatalf("rate limits recorded as violations: %+v", s.Violations())
	}
}
