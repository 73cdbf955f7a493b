package bot

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

const testToken = "123456:test-token-for-the-fake-api-only"

// testStart is where the tests' clock starts: 24.11.2026, 18:00 in Berlin.
var testStart = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)

// testNow is the clock of the real engine and its store in the tests: it
// reads testStart when the test binary starts and runs on in real time
// (the outbox's pauses and leases are real waits), so that no test depends
// on the real date.
var testNow = func() domain.Clock {
	offset := time.Until(testStart)
	return func() time.Time { return time.Now().Add(offset) }
}()

// realEngine builds the flows engine on store with cfg's settings, as main
// does: the BuildEngine of the tests that need the real conversations.
func realEngine(cfg Config, store flows.Stores) BuildEngine {
	return func(m engine.Messenger) (Engine, error) {
		e, err := flows.New(flows.Config{Stores: store, Messenger: m, DefaultLang: cfg.DefaultLang, Clock: cfg.Clock,
			Coordinators: cfg.CoordinatorSet(), IdleTimeout: cfg.IdleTimeout, Location: cfg.Location, Log: cfg.Log})
		if err != nil {
			return nil, err
		}
		return e, nil
	}
}

// newRealBot builds the bot with the real engine on store and conv, on the
// test clock unless cfg has a clock of its own.
func newRealBot(t *testing.T, cfg Config, store *storage.Store, conv ConvStore) *Bot {
	t.Helper()
	if cfg.Clock == nil {
		cfg.Clock = testNow
	}
	b, err := New(cfg, store, conv, realEngine(cfg, store))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runBotOn runs the real bot on store (and a Redis of the test's own key
// space) against fake until the test ends, with the configuration changed
// by configure, and returns it.
func runBotOn(t *testing.T, fake *telegramfake.Server, store *storage.Store, configure ...func(*Config)) *Bot {
	t.Helper()
	cfg := Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second, Log: slog.New(slog.DiscardHandler)}
	for _, f := range configure {
		f(&cfg)
	}
	b := newRealBot(t, cfg, store, storagetest.Redis(t, storage.RedisOptions{}))
	runUntilCleanup(t, b)
	return b
}

// runBotWithFeature runs the real bot with cfg on store (and a Redis of
// the test's own key space) until the test ends, with the test-only
// feature that extra registers, as the composition root adds one; it
// returns the engine, whose jobs the test runs as the scheduler would.
func runBotWithFeature(t *testing.T, cfg Config, store *storage.Store, extra func(r *engine.Registry)) *engine.Engine {
	t.Helper()
	_, eng := startBotWithFeature(t, cfg, store, extra)
	return eng
}

// startBotWithFeature is runBotWithFeature that also returns the bot (for
// its /metrics, for example).
func startBotWithFeature(t *testing.T, cfg Config, store *storage.Store, extra func(r *engine.Registry)) (*Bot, *engine.Engine) {
	t.Helper()
	var eng *engine.Engine
	build := func(m engine.Messenger) (Engine, error) {
		e, err := flows.New(flows.Config{Stores: store, Messenger: m, Clock: cfg.Clock, Coordinators: cfg.CoordinatorSet(),
			Log: cfg.Log, Extra: []func(*engine.Registry){extra}})
		eng = e
		return e, err
	}
	b, err := New(cfg, store, storagetest.Redis(t, storage.RedisOptions{}), build)
	if err != nil {
		t.Fatal(err)
	}
	runUntilCleanup(t, b)
	return b, eng
}

// runUntilCleanup runs b until the test ends, and fails the test when Run
// returns an error.
func runUntilCleanup(t *testing.T, b *Bot) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("bot: %v", err)
		}
	})
}

// clockedStore is a Store of the test's own on the test clock, for the real engine.
func clockedStore(t *testing.T) *storage.Store {
	return storagetest.Store(t, storage.WithClock(testNow))
}

// testTexts are the bot's texts with German as the default language.
func testTexts(t *testing.T) *engine.Texts {
	t.Helper()
	texts, err := flows.Texts("de")
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

// pipeline is a bot on the fake Bot API, real Redis and Postgres, with a
// recording handler in place of the flows engine.
type pipeline struct {
	t     *testing.T
	fake  *telegramfake.Server
	conv  *storage.Redis
	store *storage.Store
	bot   *Bot
	rec   *recorder
	stop  func() error
	// restart builds a new bot on the same fake, Redis and Postgres.
	restart func()
	// wrap, when set, puts a ConvStore of the test's around Redis at restart.
	wrap func(*storage.Redis) ConvStore
}

func newPipeline(t *testing.T, mode string, lease time.Duration) *pipeline {
	t.Helper()
	return newPipelineWith(t, lease, func(c *Config) { c.Mode = mode })
}

// newPipelineWith is newPipeline with a say in the configuration.
func newPipelineWith(t *testing.T, lease time.Duration, configure func(*Config)) *pipeline {
	t.Helper()
	fake := startFake(t)
	conv := storagetest.Redis(t, storage.RedisOptions{Lease: lease})
	cfg := Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second, Workers: 16,
		WebhookSecret: "s3cret-for-tests", WebhookPublicURL: "http://127.0.0.1/hook",
		Log: slog.New(slog.DiscardHandler)}
	configure(&cfg)
	store := storagetest.Store(t)
	p := &pipeline{t: t, fake: fake, conv: conv, store: store, rec: newRecorder(t)}
	p.restart = func() {
		var cs ConvStore = conv
		if p.wrap != nil {
			cs = p.wrap(conv)
		}
		b, err := New(cfg, store, cs, p.rec.build)
		if err != nil {
			t.Fatal(err)
		}
		b.client.backoff = 10 * time.Millisecond
		p.bot = b
	}
	p.restart()
	return p
}

// start runs the bot until the test ends or stop is called.
func (p *pipeline) start() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.bot.Run(ctx) }()
	var once sync.Once
	var err error
	p.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				err = fmt.Errorf("bot did not stop within 30s")
			}
		})
		return err
	}
	p.t.Cleanup(func() {
		if err := p.stop(); err != nil {
			p.t.Errorf("stop bot: %v", err)
		}
	})
}

func user(id int64) telegramfake.User {
	return telegramfake.User{ID: id, FirstName: fmt.Sprintf("Nutzer %d", id), LanguageCode: "de"}
}

// recorder stands in for the flows engine: it appends each text to the
// conversation's "log" (a lost write would show as a gap), echoes it, and
// records the order in which it saw them.
type recorder struct {
	messenger engine.Messenger
	texts     *engine.Texts
	hook      func(u engine.Update) // runs first; may block or panic

	mu      sync.Mutex
	handled map[int64]int // update id -> times handled
	order   map[int64][]string
}

func newRecorder(t *testing.T) *recorder {
	return &recorder{texts: testTexts(t), order: map[int64][]string{}}
}

// build is a BuildEngine that makes r the engine and sends with the bot's
// Messenger (the newest bot's, when several are built).
func (r *recorder) build(m engine.Messenger) (Engine, error) {
	r.messenger = m
	return r, nil
}

func (r *recorder) Handle(ctx context.Context, u engine.Update, sess *domain.Session) (string, error) {
	if r.hook != nil {
		r.hook(u)
	}
	if u.QueryID != "" { // first, as the engine does
		if err := r.messenger.Answer(ctx, u.QueryID, "ok"); err != nil {
			return "ok", err
		}
	}
	if sess.Data == nil {
		sess.Data = map[string]string{}
	}
	sess.Data["log"] += u.Text + ","
	r.mu.Lock()
	if r.handled == nil {
		r.handled = map[int64]int{}
	}
	r.handled[u.ID]++
	r.order[u.ChatID] = append(r.order[u.ChatID], u.Text)
	r.mu.Unlock()
	if u.Kind == engine.KindButton {
		return "ok", nil
	}
	_, err := r.messenger.Send(ctx, u.ChatID, domain.Message{Text: "echo " + html.EscapeString(u.Text)})
	return "", err
}

func (r *recorder) Texts() *engine.Texts { return r.texts }

// DefaultMenu is a command menu of one command.
func (r *recorder) DefaultMenu(lang string) []engine.BotCommand {
	return []engine.BotCommand{{Name: "start", Desc: r.texts.Plain(lang, "cmd.start", nil)}}
}

func (r *recorder) timesHandled(id int64) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.handled[id]
}

func (r *recorder) seen(chat int64) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.order[chat]...)
}

// expectEcho waits for the bot's next message in chat and checks its text.
func (p *pipeline) expectEcho(chat int64, text string) {
	p.t.Helper()
	m, err := p.fake.Next(chat, 10*time.Second)
	if err != nil {
		p.t.Fatalf("chat %d: waiting for %q: %v", chat, text, err)
	}
	if want := "echo " + html.EscapeString(text); m.Text != want {
		p.t.Fatalf("chat %d: got %q, want %q", chat, m.Text, want)
	}
}

func joinLog(texts []string) string { return strings.Join(texts, ",") + "," }

func messageText(s string) domain.Message { return domain.Message{Text: s} }

// startFake starts a strict fake Bot API for the test; any call it refuses,
// or a callback query left unanswered, fails the test.
func startFake(t *testing.T) *telegramfake.Server {
	t.Helper()
	fake := telegramfake.New(telegramfake.Options{Token: testToken})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	fake.CheckTB(t)
	return fake
}
