package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// ownRedis runs a redis-server of the test's own (storagetest.OwnRedis).
func ownRedis(t *testing.T) (url string, set func(up bool)) {
	t.Helper()
	return storagetest.OwnRedis(t)
}

// Redis goes away in the middle of a conversation: the user is told the bot
// is briefly unavailable, the process stays up, and once Redis is back the
// message is handled without the user sending it again.
func TestRedisOutageIsToldAndRecovered(t *testing.T) {
	url, redisUp := ownRedis(t)
	fake := startFake(t)
	conv, err := storage.OpenRedis(context.Background(), url, storage.RedisOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conv.Close() })
	rec := newRecorder(t)
	b, err := New(Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second, Workers: 4,
		Log: slog.New(slog.DiscardHandler)}, storagetest.Store(t), conv, rec.build)
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline{t: t, fake: fake, bot: b, rec: rec}
	p.start()
	u := user(8001)
	fake.AddUser(u)

	fake.SendText(u, "eins")
	p.expectEcho(u.ID, "eins")
	// Its write comes after the answer: once it is confirmed, it is saved
	// (an update whose write fails is handled again, see settle_test.go).
	waitConfirmed(t, p, 1)

	redisUp(false)
	fake.SendText(u, "zwei")
	m, err := fake.Next(u.ID, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if want := p.rec.texts.T("de", engine.TextUnavailable, nil); m.Text != want {
		t.Fatalf("during the outage the user got %q, want %q", m.Text, want)
	}
	redisUp(true) // an empty Redis, as after a restart: no scripts, no sessions
	p.expectEcho(u.ID, "zwei")
	fake.SendText(u, "drei")
	p.expectEcho(u.ID, "drei")
	if got := fmt.Sprint(p.rec.seen(u.ID)); got != "[eins zwei drei]" {
		t.Fatalf("handled %s", got)
	}
}

// Postgres goes away just as a new user confirms the registration: the user
// is told to try again in a moment, the answers survive, and the same
// confirm works once Postgres is back.
func TestPostgresOutageKeepsTheDraft(t *testing.T) {
	url, postgresUp := storagetest.OwnPostgres(t)
	store, err := storage.Open(context.Background(), url, storage.WithClock(testNow))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	fake := startFake(t)
	b := newRealBot(t, Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second,
		Log: slog.New(slog.DiscardHandler)}, store, storagetest.Redis(t, storage.RedisOptions{}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	u := telegramfake.User{ID: 8101, FirstName: "Amira", LanguageCode: "de"}
	c := &conversation{t: t, fake: fake, user: u, texts: testTexts(t), lang: "de"}
	c.beginOnboarding()
	c.expect(c.line("onb.role_prompt", nil))
	c.press("role.organisation_contact")
	c.expect(c.line("onb.name_prompt", nil))
	c.say("Amira Haddad")
	c.expect(c.line("onb.organisation_prompt", nil))
	c.say("Brücke e.V.")
	c.expect(c.line("onb.city_prompt", map[string]any{"Organisation": "Brücke e.V."}))
	c.say("Köln")
	c.associationProfile("Köln")
	c.expect(c.line("onb.summary", nil))

	postgresUp(false)
	c.press("btn.confirm")
	c.expect(c.line("error.technical", nil))

	postgresUp(true)
	c.press("btn.confirm")
	m := c.expect(c.line("onb.done", nil))
	if !strings.Contains(m.Text, "Amira Haddad") && !strings.Contains(m.Text, c.line("menu.title", nil)) {
		c.expect(c.line("menu.title", nil))
	}
	got, err := store.UserByTelegramID(context.Background(), u.ID)
	if err != nil || got.Name != "Amira Haddad" {
		t.Fatalf("after Postgres came back: %+v, %v", got, err)
	}
}
