package bot

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Closed cards close on every phone, end to end through the fake Bot API
// with the real bot, engine, Postgres, Redis and outbox sender: a card
// about a record reaches two chats, each in its language; a job's restyle
// with a text (engine.Notifier.RestyleWith, as a scheduled expiry would
// make it) edits both cards in the chats to the text of their language,
// without the details and without buttons.
func TestRestyleWithTextClosesTheCardsInTheChats(t *testing.T) {
	fake := startFake(t)
	store := clockedStore(t)
	card := domain.About{Subject: "e2e:1", Kind: "card"}
	closed := map[string]string{"de": "<b>Vergeben</b> – das Angebot ist nicht mehr offen.", "en": "<b>Taken</b> – the offer is closed."}
	const job = "e2e-close-cards"
	cfg := Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second, Clock: testNow, Log: slog.New(slog.DiscardHandler)}
	eng := runBotWithFeature(t, cfg, store, func(r *engine.Registry) {
		r.Job(engine.Job{Name: job, Spec: "@every 1h", Run: func(ctx context.Context, env engine.JobEnv) error {
			text := func(lang string) string { return closed[lang] }
			return store.Notify(ctx, []domain.Notification{env.Notes.RestyleWith(card, text, nil)})
		}})
	})

	chats := map[string]telegramfake.User{"de": user(9501), "en": user(9502)}
	var notes []domain.Notification
	for lang, u := range chats {
		fake.AddUser(u)
		notes = append(notes, domain.Notification{ChatID: u.ID, Lang: lang, About: card, Message: domain.Message{
			Text: "<b>Angebot</b>\nKöln, Rathaus: Beratung zur Ansprache der Vereine", Buttons: [][]domain.Button{{
				{Label: "Annehmen", Data: "*:e2e:ac:1"}, {Label: "Ablehnen", Data: "*:e2e:de:1"}}},
		}})
	}
	if err := store.Notify(context.Background(), notes); err != nil {
		t.Fatal(err)
	}
	sent := map[string]telegramfake.Message{}
	for lang, u := range chats {
		m, err := fake.Next(u.ID, 20*time.Second)
		if err != nil || len(m.Buttons) != 1 {
			t.Fatalf("the card did not reach chat %d: %+v, %v", u.ID, m, err)
		}
		sent[lang] = m
	}

	for _, j := range eng.Jobs() {
		if j.Name == job {
			if err := j.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	}
	for lang, u := range chats {
		m, err := fake.WaitEdit(u.ID, sent[lang].ID, 1, 20*time.Second)
		if err != nil {
			t.Fatalf("chat %d: the card was not edited: %v", u.ID, err)
		}
		if m.Text != closed[lang] || len(m.Buttons) != 0 || m.Edits != 1 {
			t.Errorf("chat %d (%s) shows %q with %v after %d edits, want %q without buttons",
				u.ID, lang, m.Text, m.Buttons, m.Edits, closed[lang])
		}
		if n := len(fake.Messages(u.ID)); n != 1 {
			t.Errorf("chat %d has %d messages, want the card alone", u.ID, n)
		}
	}
}
