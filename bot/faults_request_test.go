package bot

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
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
	store, err := storage.Open(ctx, url, storage.WithClock(testNow))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	fake := startFake(t)
	runBotOn(t, fake, store)

	u := telegramfake.User{ID: 8201, FirstName: "Jana", LanguageCode: "de"}
	c := &conversation{t: t, fake: fake, user: u, texts: testTexts(t), lang: "de"}
	c.registerMunicipal("Jana Schmidt", "Hattingen")
	c.fillRequest("Hattingen")

	postgresUp(false)
	c.press("btn.confirm")
	c.expect(c.line("error.technical", nil))

	postgresUp(true)
	ref := c.submitRequest() // the same summary's button
	if want := fmt.Sprintf("MG-%d-0001", testNow().Year()); ref != want {
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
	next := fmt.Sprintf("MG-%d-0002", testNow().Year())
	if _, err := store.RequestByRef(ctx, next); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("request %s: %v, want ErrNotFound", next, err)
	}
}
