package telegramfake

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// TestClockDatesMessages: the fake dates what the bot sends and what a user
// sends by Options.Clock, and Now reads that clock.
func TestClockDatesMessages(t *testing.T) {
	s, clk := newClockServer(t, Options{})
	s.AddUser(alice)
	start := s.Now()
	if !start.Equal(time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)) {
		t.Fatalf("Now() = %v, want the test clock's time", start)
	}
	if _, err := newBot(t, s).SendMessage(context.Background(), &bot.SendMessageParams{ChatID: alice.ID, Text: "Hallo"}); err != nil {
		t.Fatal(err)
	}
	clk.add(90 * time.Minute)
	s.SendText(alice, "/start")
	msgs := s.Messages(alice.ID)
	if len(msgs) != 1 || !msgs[0].At.Equal(start) {
		t.Fatalf("the bot's message is dated %+v, want %v", msgs, start)
	}
	var updates []models.Update
	if a := callJSON(t, s, "getUpdates", map[string]any{"timeout": 0}); !a.OK || json.Unmarshal(a.Result, &updates) != nil {
		t.Fatalf("getUpdates: %+v", a)
	}
	if len(updates) != 1 || updates[0].Message.Date != int(start.Add(90*time.Minute).Unix()) {
		t.Fatalf("the user's message: %+v; want it dated 90 minutes later", updates)
	}
}
