package engine_test

import (
	"context"
	"slices"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// nopActors and nopMessenger only fill Config; New calls neither.
type nopActors struct{ domain.ActorStore }

type nopMessenger struct{}

func (nopMessenger) Send(context.Context, int64, domain.Message) (int, error) { return 1, nil }
func (nopMessenger) Edit(context.Context, int64, int, domain.Message) error   { return nil }
func (nopMessenger) ClearButtons(context.Context, int64, int) error           { return nil }
func (nopMessenger) Answer(context.Context, string, string) error             { return nil }
func (nopMessenger) SetChatCommands(context.Context, int64, []engine.BotCommand) error {
	return nil
}

func TestNewEngineChecksItsConfig(t *testing.T) {
	ok := engine.Config{Actors: nopActors{}, Messenger: nopMessenger{}}
	cases := []struct {
		name     string
		change   func(c *engine.Config)
		ok       bool
		wantLang string // the default language of the engine's texts
	}{
		{"defaults", func(c *engine.Config) {}, true, "de"},
		{"english default", func(c *engine.Config) { c.DefaultLang = "en" }, true, "en"},
		{"no actor store", func(c *engine.Config) { c.Actors = nil }, false, ""},
		{"no messenger", func(c *engine.Config) { c.Messenger = nil }, false, ""},
		{"unknown language", func(c *engine.Config) { c.DefaultLang = "fr" }, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := ok
			c.change(&cfg)
			e, err := engine.New(cfg, engine.NewRegistry())
			if (err == nil) != c.ok {
				t.Fatalf("New: %v, want ok %v", err, c.ok)
			}
			if err != nil {
				return
			}
			if e.Texts().Default() != c.wantLang || e.Texts().Langs()[0] != c.wantLang {
				t.Errorf("Texts() speaks %v, default %q; want %q first", e.Texts().Langs(), e.Texts().Default(), c.wantLang)
			}
			// The engine's own commands, in menu order.
			var names []string
			for _, cmd := range e.Commands() {
				names = append(names, cmd.Name)
			}
			if !slices.Equal(names, []string{"menu", "help", "cancel"}) {
				t.Errorf("Commands() = %v", names)
			}
		})
	}
}
