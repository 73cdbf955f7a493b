package flows_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// BenchmarkHandle measures the engine alone (no Redis, no Postgres, a
// messenger that does nothing) for a registered user's ordinary updates.
func BenchmarkHandle(b *testing.B) {
	texts, err := flows.NewTexts("de")
	if err != nil {
		b.Fatal(err)
	}
	e, err := flows.NewEngine(flows.EngineConfig{Store: nopStore{}, Messenger: nopMessenger{}, Texts: texts})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	registered := flows.Session{Version: 3, Lang: "de", UserID: 1, Roles: []flows.Role{flows.RoleMunicipal}}
	b.Run("text at the menu", func(b *testing.B) {
		u := flows.Update{Kind: flows.KindText, ChatID: 1, UserID: 1, Text: "Hallo"}
		for b.Loop() {
			s := registered
			if _, err := e.Handle(ctx, u, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("menu command", func(b *testing.B) {
		u := flows.Update{Kind: flows.KindCommand, ChatID: 1, UserID: 1, Command: "menu"}
		for b.Loop() {
			s := registered
			if _, err := e.Handle(ctx, u, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("onboarding answer", func(b *testing.B) {
		draft := flows.Session{Version: 3, Lang: "de", Flow: "onboarding", Step: "name",
			Data: map[string]string{"lang": "de", "consent": "2026-11-24T17:00:00Z", "role": "municipal_contact"}}
		u := flows.Update{Kind: flows.KindText, ChatID: 1, UserID: 1, Text: "Erika Mustermann"}
		for b.Loop() {
			s := draft
			s.Data = map[string]string{"lang": "de", "consent": "2026-11-24T17:00:00Z", "role": "municipal_contact"}
			if _, err := e.Handle(ctx, u, &s); err != nil {
				b.Fatal(err)
			}
		}
	})
}
