package flows_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
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
	t      *testing.T
	db     *storage.Store
	store  *testStore
	redis  *storage.Redis
	msgr   *recorder
	clock  *clock
	engine *flows.Engine
	texts  *flows.Texts
	upd    int64
	err    error // the last error Handle returned
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

// send sends text, or a command when it starts with "/".
func (h *harness) send(p person, text string) {
	h.t.Helper()
	u := h.update(p, flows.KindText)
	if name, ok := strings.CutPrefix(text, "/"); ok {
		u.Kind = flows.KindCommand
		u.Command, u.Args, _ = strings.Cut(name, " ")
	} else {
		u.Text = text
	}
	h.handle(u)
	h.noError()
}

// sticker sends a message without text.
func (h *harness) sticker(p person) {
	h.t.Helper()
	h.handle(h.update(p, flows.KindOther))
	h.noError()
}

// press presses the button labelled label on the newest message that shows
// it and returns the toast.
func (h *harness) press(p person, label string) string {
	h.t.Helper()
	msgs := h.msgr.messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Label == label {
					return h.pressData(p, msgs[i].ID, b.Data)
				}
			}
		}
	}
	h.t.Fatalf("no message shows a button %q; last message:\n%s", label, h.last(p).Text)
	return ""
}

// pressData presses a button with data on message id (maybe forged).
func (h *harness) pressData(p person, id int, data string) string {
	h.t.Helper()
	u := h.update(p, flows.KindButton)
	u.Data, u.MessageID = data, id
	return h.handle(u)
}

func (h *harness) noError() {
	h.t.Helper()
	if h.err != nil {
		h.t.Fatalf("Handle: %v", h.err)
	}
}

// last returns the newest message of p's chat.
func (h *harness) last(p person) sent {
	h.t.Helper()
	msgs := h.msgr.messages(p.ID)
	if len(msgs) == 0 {
		h.t.Fatalf("no message in chat %d", p.ID)
	}
	return msgs[len(msgs)-1]
}

// expect fails unless the newest message contains every text.
func (h *harness) expect(p person, texts ...string) sent {
	h.t.Helper()
	m := h.last(p)
	for _, s := range texts {
		if !strings.Contains(m.Text, s) {
			h.t.Fatalf("newest message lacks %q:\n%s", s, m.Text)
		}
	}
	return m
}

// tr translates key like the bot does.
func (h *harness) tr(lang, key string, data map[string]any) string {
	return h.texts.T(lang, key, data)
}

// session returns p's stored session.
func (h *harness) session(p person) flows.Session {
	h.t.Helper()
	ctx := context.Background()
	h.upd++
	sess, err := h.redis.Begin(ctx, h.upd, flows.ConvKey{ChatID: p.ID, UserID: p.ID})
	if err != nil {
		h.t.Fatalf("Begin: %v", err)
	}
	if err := h.redis.Abort(ctx, h.upd); err != nil {
		h.t.Fatalf("Abort: %v", err)
	}
	return sess
}

// user returns p's record in Postgres.
func (h *harness) user(p person) (flows.User, error) {
	return h.db.UserByTelegramID(context.Background(), p.ID)
}

// buttons returns the labels of the newest message's buttons.
func (h *harness) buttons(p person) []string {
	var out []string
	for _, row := range h.last(p).Buttons {
		for _, b := range row {
			out = append(out, b.Label)
		}
	}
	return out
}

func stringsContains(s, sub string) bool { return strings.Contains(s, sub) }

// expectButtons fails unless the newest message shows every label.
func (h *harness) expectButtons(p person, labels ...string) {
	h.t.Helper()
	have := h.buttons(p)
	for _, l := range labels {
		if !slices.Contains(have, l) {
			h.t.Fatalf("newest message lacks button %q; it has %q", l, have)
		}
	}
}
