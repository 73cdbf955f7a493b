package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// Postgres goes away just as a municipal contact confirms a request: the
// user is told to try again in a moment, the draft survives, and the same
// confirm on the same summary submits it once Postgres is back. The failed
// attempt uses no reference number.
func TestPostgresOutageDuringRequestSubmit(t *testing.T) {
	url, postgresUp := storagetest.OwnPostgres(t)
	ctx := context.Background()
	store, err := storage.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	fake := startFake(t)
	texts := runBotOn(t, fake, store)

	u := telegramfake.User{ID: 8201, FirstName: "Jana", LanguageCode: "de"}
	c := &conversation{t: t, fake: fake, user: u, texts: texts, lang: "de"}
	c.registerMunicipal("Jana Schmidt", "Hattingen")
	c.fillRequest()

	postgresUp(false)
	c.press("btn.confirm")
	c.expect(c.line("error.technical", nil))

	postgresUp(true)
	ref := c.submitRequest() // the same summary's button
	if want := fmt.Sprintf("MG-%d-0001", time.Now().Year()); ref != want {
		t.Fatalf("reference %s, want %s (no number used by the failed submit)", ref, want)
	}

	requester, err := store.UserByTelegramID(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	r, err := store.RequestByRef(ctx, ref)
	if err != nil {
		t.Fatalf("request %s: %v", ref, err)
	}
	checkRequest(t, r, requester.ID)
	if r.Municipality != "Hattingen" {
		t.Errorf("municipality %q, want Hattingen", r.Municipality)
	}
	list, err := store.ListByRequester(ctx, requester.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("requests of the contact: %d, %v; want exactly 1", len(list), err)
	}
	next := fmt.Sprintf("MG-%d-0002", time.Now().Year())
	if _, err := store.RequestByRef(ctx, next); !errors.Is(err, flows.ErrNotFound) {
		t.Fatalf("request %s: %v, want ErrNotFound", next, err)
	}
}

// runBotOn runs the real bot on store (and a Redis of the test's own key
// space) against fake until the test ends, with the configuration changed
// by configure; it returns the bot's texts.
func runBotOn(t *testing.T, fake *telegramfake.Server, store *storage.Store, configure ...func(*Config)) *flows.Texts {
	t.Helper()
	cfg := Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second, Log: slog.New(slog.DiscardHandler)}
	for _, f := range configure {
		f(&cfg)
	}
	b, err := New(cfg, store, storagetest.Redis(t, storage.RedisOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("bot: %v", err)
		}
	})
	return b.engine.Texts()
}
