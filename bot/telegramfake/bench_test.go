package telegramfake

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// BenchmarkSendMessage measures multipart sendMessage calls through go-telegram/bot.
func BenchmarkSendMessage(b *testing.B) {
	s := New(Options{Token: testToken})
	if err := s.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Close)
	s.AddUser(alice)
	client, err := bot.New(testToken, bot.WithServerURL(s.URL()), bot.WithSkipGetMe(),
		bot.WithHTTPClient(0, &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}))
	if err != nil {
		b.Fatal(err)
	}
	params := &bot.SendMessageParams{ChatID: alice.ID, Text: "<b>Termin</b> am 24.11.2026, 18:00 Uhr", ParseMode: models.ParseModeHTML,
		ReplyMarkup: keyboardOf(models.InlineKeyboardButton{Text: "Ja", CallbackData: "y"})}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := client.SendMessage(context.Background(), params); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkPollingRoundTrip measures one update enqueued, polled and confirmed.
func BenchmarkPollingRoundTrip(b *testing.B) {
	s := New(Options{Token: testToken})
	if err := s.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Close)
	var offset int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.SendText(alice, "Hallo")
		body, _ := json.Marshal(map[string]any{"offset": offset, "timeout": 1})
		resp, err := http.Post(s.URL()+"/bot"+testToken+"/getUpdates", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		var a struct {
			Result []models.Update `json:"result"`
		}
		err = json.NewDecoder(resp.Body).Decode(&a)
		_ = resp.Body.Close()
		if err != nil || len(a.Result) == 0 {
			b.Fatalf("getUpdates: %v, %d updates", err, len(a.Result))
		}
		offset = a.Result[len(a.Result)-1].ID + 1
	}
}
