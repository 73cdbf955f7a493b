package flows_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// nopStore and nopMessenger only fill EngineConfig; NewEngine calls neither.
type nopStore struct{ flows.Store }

type nopMessenger struct{}

func (nopMessenger) Send(context.Context, int64, flows.Message) (int, error) { return 1, nil }
func (nopMessenger) Edit(context.Context, int64, int, flows.Message) error   { return nil }
func (nopMessenger) ClearButtons(context.Context, int64, int) error          { return nil }

func TestNewEngineChecksItsConfig(t *testing.T) {
	texts, err := flows.NewTexts("de")
	if err != nil {
		t.Fatal(err)
	}
	ok := flows.EngineConfig{Store: nopStore{}, Messenger: nopMessenger{}, Texts: texts}
	cases := []struct {
		name   string
		change func(c *flows.EngineConfig)
		ok     bool
	}{
		{"defaults", func(c *flows.EngineConfig) {}, true},
		{"english default", func(c *flows.EngineConfig) { c.DefaultLang = "en" }, true},
		{"no store", func(c *flows.EngineConfig) { c.Store = nil }, false},
		{"no messenger", func(c *flows.EngineConfig) { c.Messenger = nil }, false},
		{"no texts", func(c *flows.EngineConfig) { c.Texts = nil }, false},
		{"unknown language", func(c *flows.EngineConfig) { c.DefaultLang = "fr" }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := ok
			c.change(&cfg)
			e, err := flows.NewEngine(cfg)
			if (err == nil) != c.ok {
				t.Fatalf("NewEngine: %v, want ok %v", err, c.ok)
			}
			if err == nil && e.Texts() != texts {
				t.Error("Texts() is not the configured Texts")
			}
		})
	}
}
