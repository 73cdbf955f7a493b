package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

func TestNetworkErrorsDoNotShowTheToken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	cfg := Config{Token: testToken, APIURL: "http://" + addr, Log: slog.New(slog.DiscardHandler)}.withDefaults()
	c, err := newClient(cfg, newMetrics(nil), newHTTPClient(1))
	if err != nil {
		t.Fatal(err)
	}
	c.backoff = 0
	for _, lean := range []bool{true, false} {
		if !lean {
			c.fast = nil // as behind a proxy: net/http, whose errors carry the URL
		}
		_, err = c.Send(context.Background(), 1, messageText("hallo"))
		if err == nil {
			t.Fatal("sending to a closed port succeeded")
		}
		if strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "sendMessage") {
			t.Fatalf("error %q must name the method and not show the token (lean transport %v)", err, lean)
		}
		b := &Bot{cfg: cfg, client: c, http: c.http, metrics: c.metrics}
		if _, err := b.getUpdates(context.Background(), 0, 0, 1); err == nil || strings.Contains(err.Error(), testToken) {
			t.Fatalf("getUpdates error %v shows the token (lean transport %v)", err, lean)
		}
	}
}

func TestAPIErrorsMapToTheLibrarysErrors(t *testing.T) {
	var tooMany *tgbot.TooManyRequestsError
	if err := apiError(429, "Too Many Requests: retry after 3", 3); !errors.As(err, &tooMany) || tooMany.RetryAfter != 3 {
		t.Fatalf("429 became %v", err)
	}
	for code, want := range map[int]error{400: tgbot.ErrorBadRequest, 401: tgbot.ErrorUnauthorized,
		403: tgbot.ErrorForbidden, 404: tgbot.ErrorNotFound, 409: tgbot.ErrorConflict} {
		err := apiError(code, "x", 0)
		if !errors.Is(err, want) || transient(err) {
			t.Errorf("%d became %v (transient %v)", code, err, transient(err))
		}
	}
	if err := apiError(502, "Bad Gateway", 0); !transient(err) {
		t.Errorf("a 502 should be retried: %v", err)
	}
}

func TestNoticesAreDueOnceAMinute(t *testing.T) {
	var n notices
	now := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	if !n.due(1, now) || n.due(1, now.Add(59*time.Second)) || !n.due(2, now) || !n.due(1, now.Add(time.Minute)) {
		t.Fatal("a chat must be told once a minute at most, and each chat on its own")
	}
	for c := range int64(10000) {
		n.due(100+c, now)
	}
	if !n.due(5, now.Add(2*time.Minute)) || len(n.last) > 10 {
		t.Fatalf("old notices are not forgotten: %d remembered", len(n.last))
	}
}

func TestCallRetriesTransientErrorsBoundedly(t *testing.T) {
	cfg := Config{Token: testToken, APIURL: "http://127.0.0.1:1", Log: slog.New(slog.DiscardHandler)}.withDefaults()
	c, err := newClient(cfg, newMetrics(nil), newHTTPClient(1))
	if err != nil {
		t.Fatal(err)
	}
	c.backoff = time.Millisecond
	netErr := errors.New("connection reset by peer")
	cases := []struct {
		name     string
		failures []error
		attempts int
		ok       bool
	}{
		{"transient then ok", []error{netErr, netErr}, 3, true},
		{"always transient", []error{netErr, netErr, netErr, netErr, netErr}, maxAttempts, false},
		{"refused at once", []error{fmt.Errorf("%w, chat not found", tgbot.ErrorBadRequest)}, 1, false},
		{"blocked at once", []error{fmt.Errorf("%w, bot was blocked", tgbot.ErrorForbidden)}, 1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			err := c.call(context.Background(), "sendMessage", func(context.Context) error {
				n++
				if n <= len(tc.failures) {
					return tc.failures[n-1]
				}
				return nil
			})
			if n != tc.attempts || (err == nil) != tc.ok {
				t.Fatalf("%d attempts, err %v; want %d attempts, ok=%v", n, err, tc.attempts, tc.ok)
			}
		})
	}
}

func TestRefusedTokenStopsPolling(t *testing.T) {
	fake := telegramfake.New(telegramfake.Options{Token: "999:another-token-for-the-fake-xxxxxx"})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	cfg := Config{Token: testToken, APIURL: fake.URL(), Log: slog.New(slog.DiscardHandler)}.withDefaults()
	c, err := newClient(cfg, newMetrics(nil), newHTTPClient(1))
	if err != nil {
		t.Fatal(err)
	}
	b := &Bot{cfg: cfg, client: c, http: c.http, metrics: c.metrics, log: cfg.Log}
	if err := b.poll(context.Background()); !errors.Is(err, errUnauthorized) {
		t.Fatalf("polling with a refused token: %v, want errUnauthorized", err)
	}
}
