package flows_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// start is the harness clock's first reading: 24.11.2026, 18:00 in Berlin.
var start = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)

// coordinatorID is the Telegram id the harness configures as coordinator.
const coordinatorID = 777

// clock is a test clock that only moves when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// person is a Telegram user talking to the bot in a private chat.
type person struct {
	ID        int64
	FirstName string
	LangHint  string
}

// harness runs the engine the way bot/ does (Begin, Handle, Commit) on a
// real Postgres and Redis of the test's own.
type harness struct {
	t        *testing.T
	db       *storage.Store
	store    *testStore
	redis    *storage.Redis
	msgr     *recorder
	clock    *clock
	engine   *flows.Engine
	texts    *flows.Texts
	upd      int64
	err      error // the last error Handle returned
	allowErr bool  // noError lets errors pass (see errorsAllowed)
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	t.Parallel()
	c := &clock{now: start}
	db := storagetest.Store(t, storage.WithClock(c.Now))
	h := &harness{t: t, db: db, store: &testStore{Store: db}, clock: c, msgr: newRecorder(t)}
	h.redis = storagetest.Redis(t, storage.RedisOptions{})
	texts, err := flows.NewTexts("de")
	if err != nil {
		t.Fatalf("NewTexts: %v", err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("load location: %v", err)
	}
	h.texts = texts
	h.engine, err = flows.NewEngine(flows.EngineConfig{
		Store: h.store, Messenger: h.msgr, Texts: texts, Clock: c.Now,
		Coordinators: map[int64]bool{coordinatorID: true}, IdleTimeout: 24 * time.Hour,
		DefaultLang: "de", Location: berlin, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	return h
}

// handle runs one update through Begin, Handle and Commit and returns the
// callback toast. Handle errors are kept in h.err.
func (h *harness) handle(u flows.Update) string {
	h.t.Helper()
	ctx := context.Background()
	h.upd++
	u.ID = h.upd
	key := flows.ConvKey{ChatID: u.ChatID, UserID: u.UserID}
	sess, err := h.redis.Begin(ctx, u.ID, key)
	if err != nil {
		h.t.Fatalf("Begin: %v", err)
	}
	toast, err := h.engine.Handle(ctx, u, &sess)
	h.err = err
	if _, err := h.redis.Commit(ctx, u.ID, key, sess); err != nil {
		h.t.Fatalf("Commit: %v", err)
	}
	if n := len([]rune(toast)); n > 200 {
		h.t.Errorf("toast of %d characters; Telegram allows 200", n)
	}
	if u.Kind != flows.KindButton && toast != "" {
		h.t.Errorf("toast %q for an update that is no button", toast)
	}
	return toast
}

func (h *harness) update(p person, k flows.Kind) flows.Update {
	return flows.Update{Kind: k, ChatID: p.ID, UserID: p.ID, FirstName: p.FirstName, LangHint: p.LangHint}
}
