package bot

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// In webhook mode the bot registers its URL and secret at start, and the
// updates Telegram posts there are handled in order.
func TestWebhookModeEndToEnd(t *testing.T) {
	addr := freeAddr(t)
	p := newPipelineWith(t, time.Minute, func(c *Config) {
		c.Mode, c.WebhookListenAddr, c.WebhookPublicURL = "webhook", addr, "http://"+addr+"/telegram/hook"
	})
	u := user(6001)
	p.fake.AddUser(u)
	p.start()
	var sent []string
	for i := range 10 {
		text := fmt.Sprintf("w%d", i)
		sent = append(sent, text)
		p.fake.SendText(u, text)
	}
	for _, text := range sent {
		p.expectEcho(u.ID, text)
	}
	for _, d := range p.fake.Deliveries() {
		if d.Status != http.StatusOK {
			t.Errorf("delivery of update %d got HTTP %d", d.UpdateID, d.Status)
		}
	}
}

// Several instances behind one webhook: the chat lock in Redis keeps one
// chat's updates from running at once on two instances.
func TestInstancesShareTheChatLock(t *testing.T) {
	a := newPipeline(t, "webhook", time.Minute)
	var running, overlaps atomic.Int32
	hook := func(engine.Update) {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		time.Sleep(30 * time.Millisecond)
		running.Add(-1)
	}
	a.rec.hook = hook
	// A second instance on the same fake, Redis and Postgres.
	b2, err := New(a.bot.cfg, storagetest.Store(t), a.conv, func(engine.Messenger) (Engine, error) { return a.rec, nil })
	if err != nil {
		t.Fatal(err)
	}
	a.fake.AddUser(user(6002))
	var wg sync.WaitGroup
	for i := range 10 {
		h := a.bot.WebhookHandler()
		if i%2 == 1 {
			h = b2.WebhookHandler()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code := post(t, h, "s3cret-for-tests", textUpdate(int64(700+i), 6002, "x")); code != http.StatusOK {
				t.Errorf("update %d: HTTP %d", 700+i, code)
			}
		}()
	}
	wg.Wait()
	if n := overlaps.Load(); n != 0 {
		t.Fatalf("one chat's updates ran at once on two instances %d times", n)
	}
	for i := range 10 {
		if n := a.rec.timesHandled(int64(700 + i)); n != 1 {
			t.Errorf("update %d handled %d times", 700+i, n)
		}
	}
}

func TestOpsEndpoints(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	u := user(6003)
	p.fake.AddUser(u)
	p.start()
	p.fake.SendText(u, "zählen")
	p.expectEcho(u.ID, "zählen")
	h := p.bot.OpsHandler()
	get := func(path string) (int, string) {
		req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, path, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body, _ := io.ReadAll(rec.Result().Body)
		return rec.Code, string(body)
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Fatalf("/healthz: %d", code)
	}
	if code, body := get("/readyz"); code != http.StatusOK {
		t.Fatalf("/readyz with Postgres and Redis up: %d %s", code, body)
	}
	// The counters move once the handling has finished, which is a moment
	// after the fake saw the echo: wait for them (a loaded machine showed it).
	wants := []string{`miglobe_updates_handled_total{kind="text"} 1`, "miglobe_update_handling_seconds_bucket",
		"miglobe_handler_errors_total", `miglobe_botapi_calls_total{method="sendMessage",result="ok"} 1`,
		"miglobe_redis_roundtrips_total"}
	var missing []string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		code, body := get("/metrics")
		missing = missing[:0]
		for _, want := range wants {
			if code != http.StatusOK || !strings.Contains(body, want) {
				missing = append(missing, want)
			}
		}
		if len(missing) == 0 || time.Now().After(deadline) {
			break
		}
	}
	for _, m := range missing {
		t.Errorf("/metrics lacks %s", m)
	}
	// A bot whose Redis is gone is not ready.
	gone, err := storage.OpenRedis(context.Background(), storagetest.RedisURL(t), storage.RedisOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := gone.Close(); err != nil {
		t.Fatal(err)
	}
	b2, err := New(p.bot.cfg, storagetest.Store(t), gone, func(engine.Messenger) (Engine, error) { return p.rec, nil })
	if err != nil {
		t.Fatal(err)
	}
	h = b2.OpsHandler()
	if code, _ := get("/readyz"); code != http.StatusServiceUnavailable {
		t.Fatalf("/readyz with Redis gone: %d, want 503", code)
	}
}
