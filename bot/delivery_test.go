package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// post sends an update to the webhook handler and returns the status code.
func post(t *testing.T, h http.Handler, secret string, body []byte) int {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/hook", bytes.NewReader(body))
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

func textUpdate(id, user int64, text string) []byte {
	u := models.Update{ID: id, Message: &models.Message{ID: int(id), Date: int(time.Now().Unix()),
		Chat: models.Chat{ID: user, Type: models.ChatTypePrivate},
		From: &models.User{ID: user, FirstName: "Test"}, Text: text}}
	b, _ := json.Marshal(u)
	return b
}

func TestWebhookRefusesWrongSecretAndBadJSON(t *testing.T) {
	p := newPipeline(t, "webhook", time.Minute)
	h := p.bot.WebhookHandler()
	p.fake.AddUser(user(4001))
	good := textUpdate(77, 4001, "hallo")
	cases := []struct {
		name   string
		secret string
		body   []byte
		want   int
	}{
		{"no secret", "", good, http.StatusUnauthorized},
		{"wrong secret", "s3cret-for-testz", good, http.StatusUnauthorized},
		{"prefix of the secret", "s3cret", good, http.StatusUnauthorized},
		{"not json", "s3cret-for-tests", []byte("{not json"), http.StatusBadRequest},
		{"json but no update", "s3cret-for-tests", []byte(`{"hello":1}`), http.StatusBadRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := post(t, h, tc.secret, tc.body); got != tc.want {
				t.Fatalf("status %d, want %d", got, tc.want)
			}
		})
	}
	if n := p.rec.timesHandled(77); n != 0 {
		t.Fatalf("a refused update was handled %d times", n)
	}
	if got := post(t, h, "s3cret-for-tests", good); got != http.StatusOK {
		t.Fatalf("the right secret got %d", got)
	}
	p.expectEcho(4001, "hallo")
}

func TestSameUpdateTwiceIsHandledOnce(t *testing.T) {
	p := newPipeline(t, "webhook", time.Minute)
	h := p.bot.WebhookHandler()
	p.fake.AddUser(user(4002))
	body := textUpdate(88, 4002, "einmal")
	for i := range 3 {
		if got := post(t, h, "s3cret-for-tests", body); got != http.StatusOK {
			t.Fatalf("delivery %d: status %d", i+1, got)
		}
	}
	if n := p.rec.timesHandled(88); n != 1 {
		t.Fatalf("handled %d times, want once", n)
	}
	p.expectEcho(4002, "einmal")
	if msgs := p.fake.Messages(4002); len(msgs) != 1 {
		t.Fatalf("the user got %d messages, want 1", len(msgs))
	}
}

func TestUpdateOfACrashedHandlerIsHandledOnRedelivery(t *testing.T) {
	t.Run("webhook", func(t *testing.T) {
		// Long enough for the first delivery to come within it on a loaded
		// machine.
		const lease = 2 * time.Second
		p := newPipeline(t, "webhook", lease)
		h := p.bot.WebhookHandler()
		p.fake.AddUser(user(4003))
		// Another instance claimed update 99 and died while handling it.
		if _, err := p.conv.Begin(context.Background(), 99, domain.ConvKey{ChatID: 4003, UserID: 4003}); err != nil {
			t.Fatal(err)
		}
		claimed := time.Now() // the lease runs out by claimed+lease
		body := textUpdate(99, 4003, "nochmal")
		if got := post(t, h, "s3cret-for-tests", body); got != http.StatusServiceUnavailable {
			t.Fatalf("while the dead handler's lease runs: status %d, want 503 so Telegram delivers again", got)
		}
		time.Sleep(time.Until(claimed.Add(lease + 100*time.Millisecond)))
		if got := post(t, h, "s3cret-for-tests", body); got != http.StatusOK {
			t.Fatalf("redelivery after the lease: status %d", got)
		}
		p.expectEcho(4003, "nochmal")
	})
	t.Run("polling", func(t *testing.T) {
		p := newPipeline(t, "polling", 300*time.Millisecond)
		u := user(4004)
		p.fake.AddUser(u)
		id := p.fake.SendText(u, "verloren?")
		if _, err := p.conv.Begin(context.Background(), id, domain.ConvKey{ChatID: u.ID, UserID: u.ID}); err != nil {
			t.Fatal(err)
		}
		p.start()
		p.expectEcho(u.ID, "verloren?")
		if n := p.rec.timesHandled(id); n != 1 {
			t.Fatalf("handled %d times, want once", n)
		}
	})
}

func TestPanicGetsApologyAndNextUpdateIsHandled(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	p.rec.hook = func(u engine.Update) {
		if u.Text == "boom" {
			panic("handler bug")
		}
	}
	u := user(4005)
	p.fake.AddUser(u)
	p.start()
	p.fake.SendText(u, "boom")
	m, err := p.fake.Next(u.ID, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if want := p.rec.texts.T("de", engine.TextInternalError, nil); m.Text != want {
		t.Fatalf("got %q, want the apology %q", m.Text, want)
	}
	p.fake.SendText(u, "weiter")
	p.expectEcho(u.ID, "weiter")
}

func TestTooManyRequestsIsResentOnceAfterRetryAfter(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	u := user(4006)
	p.fake.AddUser(u)
	p.start()
	p.fake.FailNext(1, 2)
	p.fake.SendText(u, "langsam")
	p.expectEcho(u.ID, "langsam")
	var sends []time.Time
	var codes []int
	// The fake logs a call once it has answered it, after the message is
	// in the chat: wait for the log to hold the resend too.
	await(t, "the resend in the call log", func() bool {
		sends, codes = nil, nil
		for _, c := range p.fake.Calls() {
			if c.Method == "sendMessage" && c.ChatID == u.ID {
				sends = append(sends, c.At)
				codes = append(codes, c.Code)
			}
		}
		return len(sends) >= 2
	})
	if len(sends) != 2 || codes[0] != http.StatusTooManyRequests || codes[1] != http.StatusOK {
		t.Fatalf("sendMessage calls with codes %v, want one 429 and exactly one resend", codes)
	}
	if gap := sends[1].Sub(sends[0]); gap < 2*time.Second {
		t.Fatalf("resent after %v, want at least retry_after 2s", gap)
	}
}
