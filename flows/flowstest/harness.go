package flowstest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// Start is the clock's first reading: 24.11.2026, 18:00 in Berlin.
var Start = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)

// BotUsername is the bot's username in every harness (invite links).
const BotUsername = "MiGlobeTestBot"

// Configured coordinators: Telegram ids that are coordinators by
// configuration in every harness.
const (
	CoordinatorID  = 777
	Coordinator2ID = 778
)

// Clock is a test clock that only moves when told.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Person is a Telegram user talking to the bot in a private chat.
type Person struct {
	ID        int64
	FirstName string
	LastName  string
	LangHint  string
}

// H runs the engine the way bot/ does (Begin, Handle, Commit) on a real
// Postgres and Redis of the test's own.
type H struct {
	T      *testing.T
	DB     *storage.Store // the real store
	Store  *Store         // the store the engine uses: DB, failing on demand
	Redis  *storage.Redis
	Msgr   *Recorder
	Clock  *Clock
	Engine *engine.Engine
	Texts  *engine.Texts
	// Location is the time zone the bot shows times in (Europe/Berlin).
	Location *time.Location
	Err      error // the last error Handle returned

	upd      int64
	allowErr bool   // NoError lets errors pass (see ErrorsAllowed)
	dbURL    string // of the test's database, for Exec
}

// New returns a harness with every feature and those extra registers. It
// marks the test parallel.
func New(t *testing.T, extra ...func(r *engine.Registry)) *H {
	t.Helper()
	return NewWithStore(t, func(_ *storage.Store, r *engine.Registry) {
		for _, register := range extra {
			register(r)
		}
	})
}

// NewWithStore is New for a test-only feature that needs the store: extra
// registers it with the harness's real store.
func NewWithStore(t *testing.T, extra func(db *storage.Store, r *engine.Registry)) *H {
	t.Helper()
	return build(t, extra, nil)
}

// NewConfigured is New with the flows configuration changed by configure
// (e.g. the programme office's contact).
func NewConfigured(t *testing.T, configure func(c *flows.Config)) *H {
	t.Helper()
	return build(t, func(*storage.Store, *engine.Registry) {}, configure)
}

// build makes the harness: extra registers test features, configure (may
// be nil) changes the configuration. It marks the test parallel.
func build(t *testing.T, extra func(db *storage.Store, r *engine.Registry), configure func(c *flows.Config)) *H {
	t.Helper()
	t.Parallel()
	c := &Clock{now: Start}
	url := storagetest.DatabaseURL(t)
	db, err := storage.Open(context.Background(), url, storage.WithClock(c.Now))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(db.Close)
	h := &H{T: t, DB: db, Store: &Store{Stores: db}, Clock: c, Msgr: NewRecorder(t), dbURL: url}
	h.Redis = storagetest.Redis(t, storage.RedisOptions{})
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("load location: %v", err)
	}
	cfg := flows.Config{
		Stores: h.Store, Messenger: h.Msgr, Clock: c.Now, DefaultLang: "de", Location: berlin,
		Coordinators: map[int64]bool{CoordinatorID: true, Coordinator2ID: true}, IdleTimeout: 24 * time.Hour,
		BotUsername: BotUsername, Chats: h.Redis,
		Log:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		Extra: []func(*engine.Registry){func(r *engine.Registry) { extra(db, r) }},
	}
	if configure != nil {
		configure(&cfg)
	}
	h.Engine, err = flows.New(cfg)
	if err != nil {
		t.Fatalf("flows.New: %v", err)
	}
	h.Texts, h.Location = h.Engine.Texts(), berlin
	return h
}

// Handle runs one update through Begin, Handle and Commit and returns the
// callback toast. Handle's error is kept in h.Err.
func (h *H) Handle(u engine.Update) string {
	h.T.Helper()
	ctx := context.Background()
	h.upd++
	u.ID = h.upd
	key := domain.ConvKey{ChatID: u.ChatID, UserID: u.UserID}
	sess, err := h.Redis.Begin(ctx, u.ID, key)
	if err != nil {
		h.T.Fatalf("Begin: %v", err)
	}
	if u.Kind == engine.KindButton && u.QueryID == "" {
		u.QueryID = fmt.Sprintf("q%d", u.ID)
	}
	before := h.Msgr.sequence()
	toast, err := h.Engine.Handle(ctx, u, &sess)
	h.Err = err
	if u.QueryID != "" {
		switch times, at := h.Msgr.answered(u.QueryID); {
		case times != 1:
			h.T.Errorf("callback query answered %d times, want once", times)
		case at != before+1:
			h.T.Errorf("callback query answered as call %d of the turn, want it first", at-before)
		}
	}
	if _, err := h.Redis.Commit(ctx, u.ID, key, sess); err != nil {
		h.T.Fatalf("Commit: %v", err)
	}
	if n := len([]rune(toast)); n > 200 {
		h.T.Errorf("toast of %d characters; Telegram allows 200", n)
	}
	if u.Kind != engine.KindButton && toast != "" {
		h.T.Errorf("toast %q for an update that is no button", toast)
	}
	return toast
}

// Update returns an update of kind k from p.
func (h *H) Update(p Person, k engine.Kind) engine.Update {
	return engine.Update{Kind: k, ChatID: p.ID, UserID: p.ID, FirstName: p.FirstName, LastName: p.LastName, LangHint: p.LangHint}
}
