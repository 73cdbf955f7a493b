package telegramfake

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// getUpdates calls getUpdates with form values and decodes the updates.
func getUpdates(t *testing.T, s *Server, vals url.Values) []models.Update {
	t.Helper()
	a := callForm(t, s, "getUpdates", vals)
	if !a.OK {
		t.Fatalf("getUpdates: %d %s", a.ErrorCode, a.Description)
	}
	var ups []models.Update
	if err := json.Unmarshal(a.Result, &ups); err != nil {
		t.Fatalf("decode updates: %v", err)
	}
	return ups
}

func ids(ups []models.Update) []int64 {
	out := make([]int64, 0, len(ups))
	for _, u := range ups {
		out = append(out, u.ID)
	}
	return out
}

func TestGetUpdatesOffsetAndLimit(t *testing.T) {
	s := newServer(t, Options{})
	first := s.SendText(alice, "/start abc")
	for i := 1; i < 5; i++ {
		if id := s.SendText(alice, "x"); id != first+int64(i) {
			t.Fatalf("update id %d, want %d", id, first+int64(i))
		}
	}
	ups := getUpdates(t, s, url.Values{"limit": {"2"}})
	if !slices.Equal(ids(ups), []int64{first, first + 1}) {
		t.Fatalf("limit 2 = %v", ids(ups))
	}
	m := ups[0].Message
	if m == nil || m.Text != "/start abc" || m.From.ID != alice.ID || m.Chat.ID != alice.ID || m.Chat.Type != models.ChatTypePrivate {
		t.Fatalf("first update = %+v", m)
	}
	if len(m.Entities) != 1 || m.Entities[0].Type != models.MessageEntityTypeBotCommand || m.Entities[0].Length != 6 {
		t.Fatalf("command entity = %+v", m.Entities)
	}
	// Without offset nothing is confirmed.
	if ups := getUpdates(t, s, nil); len(ups) != 5 || len(s.ConfirmedIDs()) != 0 {
		t.Fatalf("repeat = %v, confirmed %v", ids(ups), s.ConfirmedIDs())
	}
	ups = getUpdates(t, s, url.Values{"offset": {itoa(first + 3)}, "limit": {"0"}})
	if !slices.Equal(ids(ups), []int64{first + 3, first + 4}) {
		t.Fatalf("offset = %v", ids(ups))
	}
	if got := s.ConfirmedIDs(); !slices.Equal(got, []int64{first, first + 1, first + 2}) {
		t.Fatalf("confirmed = %v", got)
	}
	if ups := getUpdates(t, s, url.Values{"offset": {itoa(first + 5)}}); len(ups) != 0 || s.Pending() != 0 {
		t.Fatalf("after confirming all: %v, pending %d", ids(ups), s.Pending())
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// waitLongPoll waits up to 10s until a getUpdates call waits for updates
// (the test then finds out whether it was woken).
func waitLongPoll(s *Server) {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s.mu.Lock()
		polling := s.updWake != nil
		s.mu.Unlock()
		if polling {
			return
		}
	}
}

func TestGetUpdatesLongPoll(t *testing.T) {
	s := newServer(t, Options{})
	go func() {
		waitLongPoll(s) // the update comes to a waiting poll
		s.SendText(alice, "spät")
	}()
	ups := getUpdates(t, s, url.Values{"timeout": {"10"}})
	if len(ups) != 1 || ups[0].Message.Text != "spät" {
		t.Fatalf("long poll = %+v", ups)
	}

	t.Run("timeout passes", func(t *testing.T) {
		s := newServer(t, Options{})
		start := time.Now()
		if ups := getUpdates(t, s, url.Values{"timeout": {"1"}}); len(ups) != 0 {
			t.Fatalf("updates = %v", ids(ups))
		}
		if time.Since(start) < 900*time.Millisecond {
			t.Fatalf("returned after %v, before the timeout", time.Since(start))
		}
	})

	t.Run("request cancelled", func(t *testing.T) {
		s := newServer(t, Options{})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			waitLongPoll(s)
			cancel()
		}()
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+"/bot"+testToken+"/getUpdates?timeout=30", nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := http.DefaultClient.Do(req); err == nil {
			t.Fatal("a cancelled long poll answered")
		}
		deadline := time.Now().Add(10 * time.Second)
		for len(s.Calls()) == 0 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if calls := s.Calls(); len(calls) != 1 || calls[0].Method != "getUpdates" {
			t.Fatalf("the server did not end the long poll: %+v", calls)
		}
	})
}

func TestInjectAndSticker(t *testing.T) {
	s := newServer(t, Options{})
	id := s.SendSticker(bob)
	injected := s.Inject(models.Update{ID: 7, Message: &models.Message{ID: 50, Date: 1, Text: "hi",
		From: &models.User{ID: 2001, FirstName: "Carla"}, Chat: models.Chat{ID: 2001, Type: models.ChatTypePrivate}}})
	if injected != id+1 {
		t.Fatalf("injected id %d, want %d", injected, id+1)
	}
	ups := getUpdates(t, s, nil)
	if len(ups) != 2 || ups[0].Message.Sticker == nil || ups[0].Message.Text != "" || ups[1].ID != injected {
		t.Fatalf("updates = %+v", ups)
	}
	// The injected user's chat is open for the bot.
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 2001, "text": "Hallo Carla"}); !a.OK {
		t.Fatalf("send to injected user: %+v", a)
	}
}

func TestCommandLen(t *testing.T) {
	tests := map[string]int{
		"/start": 6, "/start x": 6, "/help@MiGlobeBot": 16, "/help@ rest": 5,
		"hallo": 0, "/": 0, "/ä": 0, "/start_2 y": 8,
	}
	for text, want := range tests {
		if got := commandLen(text); got != want {
			t.Errorf("commandLen(%q) = %d, want %d", text, got, want)
		}
	}
}
