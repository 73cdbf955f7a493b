package engine_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// nopStores only fills flows.Config; the updates below call no store.
type nopStores struct{ flows.Stores }

// BenchmarkHandle measures the engine with every feature alone (no Redis,
// no Postgres, a messenger that does nothing) for a registered user's
// ordinary updates.
func BenchmarkHandle(b *testing.B) {
	e, err := flows.New(flows.Config{Stores: nopStores{}, Messenger: nopMessenger{}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	registered := domain.Session{Version: 3, Lang: "de", UserID: 1, Roles: []domain.Role{domain.RoleMunicipal}}
	b.Run("text at the menu", func(b *testing.B) {
		u := engine.Update{Kind: engine.KindText, ChatID: 1, UserID: 1, Text: "Hallo"}
		for b.Loop() {
			s := registered
			if _, err := e.Handle(ctx, u, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("menu command", func(b *testing.B) {
		u := engine.Update{Kind: engine.KindCommand, ChatID: 1, UserID: 1, Command: "menu"}
		for b.Loop() {
			s := registered
			if _, err := e.Handle(ctx, u, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("onboarding answer", func(b *testing.B) {
		draft := domain.Session{Version: 3, Lang: "de", Flow: "onboarding", Step: "name"}
		u := engine.Update{Kind: engine.KindText, ChatID: 1, UserID: 1, Text: "Erika Mustermann"}
		for b.Loop() {
			s := draft
			s.Data = map[string]string{"lang": "de", "consent": "2026-11-24T17:00:00Z", "role": "municipal_contact"}
			if _, err := e.Handle(ctx, u, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
}
