package telegramfake

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
)

func TestCheckTB(t *testing.T) {
	t.Run("violation and unanswered query fail the test", func(t *testing.T) {
		var seen []Violation
		s := newServer(t, Options{OnViolation: func(v Violation) { seen = append(seen, v) }})
		tb := &fakeTB{}
		s.CheckTB(tb)
		s.AddUser(alice)
		if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": alice.ID, "text": "<div>x</div>", "parse_mode": "HTML"}); a.OK {
			t.Fatal("bad HTML accepted")
		}
		s.PressData(alice, 1, "x")
		tb.finish()
		if len(tb.errs) != 2 {
			t.Fatalf("errors = %q", tb.errs)
		}
		if !strings.Contains(tb.errs[0], "sendMessage") || !strings.Contains(tb.errs[0], "Unsupported start tag") {
			t.Errorf("violation report = %q", tb.errs[0])
		}
		if !strings.Contains(tb.errs[1], "never answered") {
			t.Errorf("query report = %q", tb.errs[1])
		}
		if len(seen) != 1 || seen[0].Method != "sendMessage" || seen[0].Code != 400 {
			t.Errorf("OnViolation saw %+v", seen)
		}
	})
	t.Run("clean run passes", func(t *testing.T) {
		s := newServer(t, Options{})
		tb := &fakeTB{}
		s.CheckTB(tb)
		s.AddUser(alice)
		if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": alice.ID, "text": "ok"}); !a.OK {
			t.Fatalf("send: %+v", a)
		}
		tb.finish()
		if len(tb.errs) != 0 {
			t.Fatalf("errors = %q", tb.errs)
		}
	})
}

func TestAuthAndRouting(t *testing.T) {
	s := newServer(t, Options{})
	a := post(t, s, "/botWRONG:token/getMe", "", nil)
	wantRejected(t, s, a, http.StatusUnauthorized, "Unauthorized")
	a = post(t, s, "/bot"+testToken+"/sendPhoto", "", nil)
	wantRejected(t, s, a, http.StatusNotFound, "Not Found")
	a = post(t, s, "/elsewhere", "", nil)
	wantRejected(t, s, a, http.StatusNotFound, "Not Found")

	me, err := bot.New(testToken, bot.WithServerURL(s.URL())) // calls getMe
	if err != nil {
		t.Fatalf("bot.New with getMe: %v", err)
	}
	u, err := me.GetMe(context.Background())
	if err != nil || !u.IsBot || u.Username != BotUsername || u.ID != 123456 {
		t.Fatalf("getMe = %+v, %v", u, err)
	}
}
