package sandbox_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/miglobe/miglobe-bot/bot"
	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// Button labels and texts of flows/locales/de.toml that the test walks through.
const (
	labelGerman    = "Deutsch"
	labelConsent   = "Ich stimme zu"
	labelMunicipal = "Kommune"
	labelNRW       = "Nordrhein-Westfalen"
	labelConfirm   = "✅ Bestätigen"
	menuTitle      = "Hauptmenü"
)

// menuButtons are the buttons of a registered user's main menu.
var menuButtons = []string{"Mein Profil", "Sprache", "Datenschutz", "Hilfe"}

// TestChromiumOnboarding completes the onboarding of the Kommune demo user in
// the page, in headless Chromium, against the real bot wired as main wires
// the sandbox, and asserts the main menu and the stored registration.
func TestChromiumOnboarding(t *testing.T) {
	t.Parallel()
	store, url := startSandboxBot(t)
	page := newBrowser(t)
	page.open(url, sandbox.MunicipalID)

	// Each step waits for the bot's next message before the next input, as a
	// person reads the question before answering.
	step := func(what string, act func()) {
		t.Helper()
		n := page.botCount()
		act()
		page.waitBotAfter("the bot's answer to "+what, n)
	}
	step("/start", func() { page.typeText("/start") })
	step(labelGerman, func() { page.press(labelGerman) })
	step("consent", func() { page.press(labelConsent) })
	step("the role", func() { page.press(labelMunicipal) })
	step("the name", func() { page.typeText("Sabine Krüger") })
	step("the municipality", func() { page.typeText("Hattingen") })
	step("the Bundesland", func() { page.press(labelNRW) })
	step("the function", func() { page.typeText("Integrationsbeauftragte") })
	step("confirm", func() { page.press(labelConfirm) })

	page.waitJS("the main menu", `[...document.querySelectorAll('#log .msg.bot')].some(m => m.textContent.includes('`+menuTitle+`'))`)
	last := eval[string](page, `[...document.querySelectorAll('#log .msg.bot')].pop().textContent`)
	for _, label := range menuButtons {
		if !strings.Contains(last, label) {
			t.Errorf("the main menu %q lacks the button %q", last, label)
		}
	}
	// Answered prompts were edited to show the choice, with the mark.
	if n := eval[int](page, `document.querySelectorAll('#log .msg.bot .edited').length`); n < 4 {
		t.Errorf("%d edited prompts carry the mark, want at least 4 (language, consent, role, state, confirm)", n)
	}
	if n := eval[int](page, `document.querySelectorAll('#log .msg.user').length`); n != 4 {
		t.Errorf("%d user bubbles, want 4 (/start, name, municipality, function)", n)
	}

	u, err := store.UserByTelegramID(context.Background(), sandbox.MunicipalID)
	if err != nil {
		t.Fatalf("the registration was not stored: %v", err)
	}
	if u.Name != "Sabine Krüger" || u.Lang != "de" || !u.Has(domain.RoleMunicipal) || u.Has(domain.RoleCoordinator) {
		t.Errorf("stored user = %+v, want Sabine Krüger, de, municipal contact only", u)
	}

	page.screenshot("onboarding", true)
	page.do("phone width", phoneViewport(),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('chat').scrollTop = 1e9`))
	page.screenshot("onboarding-phone", true)
	// The whole conversation in one tall phone-width picture.
	height := min(eval[int](page, `document.getElementById('log').scrollHeight`)+360, 8000)
	page.do("full height", chromedp.EmulateViewport(420, int64(height), chromedp.EmulateMobile))
	page.screenshot("onboarding-full", true)
}

// testStart is where the bot's clock starts in these tests: 24.11.2026,
// 18:00 in Berlin.
var testStart = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)

// testNow reads testStart when the test binary starts and runs on in real
// time, so that no test depends on the real date.
var testNow = func() domain.Clock {
	offset := time.Until(testStart)
	return func() time.Time { return time.Now().Add(offset) }
}()

// startSandboxBot runs the real bot against a fake Bot API with the demo
// users (Koordination as the coordinator) and the demo associations, as
// main wires the sandbox, and serves the sandbox page; it returns the
// bot's store and the page's URL. The bot, its store and the fake Bot API
// run on the test clock.
func startSandboxBot(t *testing.T) (*storage.Store, string) {
	t.Helper()
	return startSandboxBotOn(t, testNow)
}

// startSandboxBotOn is startSandboxBot with the bot, its store and the
// fake Bot API on clock.
func startSandboxBotOn(t *testing.T, clock domain.Clock) (*storage.Store, string) {
	t.Helper()
	fake := newDemoFakeOn(t, clock)
	store := storagetest.Store(t, storage.WithClock(clock))
	if err := sandbox.SeedAssociations(context.Background(), store, clock()); err != nil {
		t.Fatalf("SeedAssociations: %v", err)
	}
	cfg := bot.Config{Token: testToken, APIURL: fake.URL(), Mode: "polling",
		Coordinators: []int64{sandbox.CoordinatorID}, PollTimeout: time.Second, Clock: clock, Log: testLogger(t)}
	username, err := bot.Username(context.Background(), cfg) // from getMe, as main asks it
	if err != nil {
		t.Fatalf("bot.Username: %v", err)
	}
	b, err := bot.New(cfg, store, storagetest.Redis(t, storage.RedisOptions{}), func(m engine.Messenger) (bot.Engine, error) {
		e, err := flows.New(flows.Config{Stores: store, Messenger: m, DefaultLang: cfg.DefaultLang, Clock: cfg.Clock,
			Coordinators: cfg.CoordinatorSet(), IdleTimeout: cfg.IdleTimeout, Location: cfg.Location, Log: cfg.Log,
			BotUsername: username, InviteValidity: cfg.InviteValidity()})
		if err != nil {
			return nil, err
		}
		return e, nil
	})
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("bot.Run: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("bot.Run did not return 30s after cancel")
		}
	})
	srv := httptest.NewServer(sandbox.New(fake, sandbox.DemoUsers(), nil, testLogger(t)))
	t.Cleanup(srv.Close)
	return store, srv.URL
}

// testLogger logs warnings and errors of the bot and the sandbox into the
// test's output.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
