package bot

import (
	"context"
	"errors"
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

	"github.com/miglobe/miglobe-bot/flows/domain"
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

// lockWatch is an instance's Redis client that reports when the chat lock
// was refused to it because another holds it.
type lockWatch struct {
	*storage.Redis
	refused chan int64 // the chat; buffered, dropped when full
}

func (w *lockWatch) LockChat(ctx context.Context, chatID int64, ttl time.Duration) (func(context.Context) error, error) {
	unlock, err := w.Redis.LockChat(ctx, chatID, ttl)
	if errors.Is(err, domain.ErrBusy) {
		select {
		case w.refused <- chatID:
		default:
		}
	}
	return unlock, err
}

// Several instances behind one webhook, each with a Redis client of its own
// (its own instance id) on the same key space, as two processes have: the
// chat lock in Redis keeps one chat's updates from running at once on two
// instances. (Within one instance the dispatcher already runs a chat's
// updates one after another, so only two instances can overlap; a lock
// that held only within a process, or only for one Redis client, fails.)
func TestInstancesShareTheChatLock(t *testing.T) {
	a := newPipeline(t, "webhook", time.Minute)
	// A second instance on the same fake, Postgres and Redis key space.
	peer := &lockWatch{Redis: storagetest.RedisPeer(t, a.conv), refused: make(chan int64, 1)}
	b2, err := New(a.bot.cfg, a.bot.store, peer, func(engine.Messenger) (Engine, error) { return a.rec, nil })
	if err != nil {
		t.Fatal(err)
	}
	instances := []http.Handler{a.bot.WebhookHandler(), b2.WebhookHandler()}
	a.fake.AddUser(user(6002))
	var running, overlaps atomic.Int32
	started := make(chan int64, 100)
	held := make(chan struct{})
	release := sync.OnceFunc(func() { close(held) })
	t.Cleanup(release)
	a.rec.hook = func(u engine.Update) {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		started <- u.ID
		if u.ID == 700 {
			<-held
		}
		time.Sleep(30 * time.Millisecond) // widens the window for an overlap
		running.Add(-1)
	}
	var wg sync.WaitGroup
	deliver := func(id int64, instance int) {
		wg.Go(func() {
			if code := post(t, instances[instance], "s3cret-for-tests", textUpdate(id, 6002, fmt.Sprint(id))); code != http.StatusOK {
				t.Errorf("update %d on instance %d: HTTP %d", id, instance+1, code)
			}
		})
	}
	// The first instance holds the chat; the second, given the chat's next
	// update, is refused the lock and waits rather than handling it.
	deliver(700, 0)
	waitStarted := func(want int64) {
		t.Helper()
		select {
		case id := <-started:
			if id != want {
				t.Fatalf("update %d started, want %d", id, want)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("update %d did not start within 30s", want)
		}
	}
	waitStarted(700)
	deliver(701, 1)
	select {
	case id := <-started:
		t.Fatalf("update %d started on the second instance while the first held the chat", id)
	case <-peer.refused:
	case <-time.After(30 * time.Second):
		t.Fatal("the second instance was neither refused the chat lock nor started the update within 30s")
	}
	release()
	waitStarted(701)
	wg.Wait()
	if got := fmt.Sprint(a.rec.seen(6002)); got != "[700 701]" {
		t.Fatalf("handled %s, want [700 701]", got)
	}
	// Many updates of the chat at once, half on each instance: never two at a time.
	for i := range 10 {
		deliver(int64(710+i), i%2)
	}
	wg.Wait()
	if n := overlaps.Load(); n != 0 {
		t.Fatalf("one chat's updates ran at once on two instances %d times", n)
	}
	for _, id := range []int64{700, 701, 710, 711, 712, 713, 714, 715, 716, 717, 718, 719} {
		if n := a.rec.timesHandled(id); n != 1 {
			t.Errorf("update %d handled %d times", id, n)
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
