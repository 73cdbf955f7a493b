package engine_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What a feature registers wrong, New refuses, naming it.

func nopCommand(name string) engine.Command {
	return engine.Command{Name: name, Desc: "cmd.menu", Run: func(*engine.Turn) {}}
}

// namedCommand is nopCommand(name) also named other in lang.
func namedCommand(name, lang, other string) engine.Command {
	c := nopCommand(name)
	c.Names = map[string]string{lang: other}
	return c
}

func nopScreen(*engine.Turn, string) {}

func nopFlow(name string) *engine.Flow {
	st := engine.TextStep("x", "field.name", "field.name", nil, engine.CleanText)
	return &engine.Flow{Name: name, Steps: []engine.Step{st}, Finish: func(*engine.Turn) {}}
}

func nopGate() engine.Gate {
	return engine.Gate{Purpose: "privacy", Version: 1, Feature: "gate", TextKey: "btn.menu", Ask: func(*engine.Turn, domain.Actor) {}}
}

func nopJob(name string) engine.Job {
	return engine.Job{Name: name, Spec: "@every 1m", Run: func(context.Context, engine.JobEnv) error { return nil }}
}

func TestRegistryMistakesAreRefused(t *testing.T) {
	cases := []struct {
		name     string
		register func(r *engine.Registry)
		want     string // in the error
	}{
		{"command with a capital", func(r *engine.Registry) { r.Command(nopCommand("Start")) }, `command "Start"`},
		{"command with a dash", func(r *engine.Registry) { r.Command(nopCommand("my-requests")) }, `command "my-requests"`},
		{"command with umlaut", func(r *engine.Registry) { r.Command(nopCommand("anträge")) }, `command "anträge"`},
		{"command of 33 characters", func(r *engine.Registry) { r.Command(nopCommand(strings.Repeat("a", 33))) }, "want 1-32"},
		{"empty command", func(r *engine.Registry) { r.Command(nopCommand("")) }, `command ""`},
		{"command without handler", func(r *engine.Registry) { r.Command(engine.Command{Name: "x", Desc: "cmd.menu"}) }, "no handler"},
		{"command without text", func(r *engine.Registry) {
			r.Command(engine.Command{Name: "x", Desc: "cmd.nothing", Run: func(*engine.Turn) {}})
		}, `no text "cmd.nothing"`},
		{"command twice", func(r *engine.Registry) { r.Command(nopCommand("x")); r.Command(nopCommand("x")) }, `command "x" registered twice`},
		{"a command of the engine again", func(r *engine.Registry) { r.Command(nopCommand("help")) }, `command "help" registered twice`},
		{"an English name that is another command's", func(r *engine.Registry) {
			r.Command(namedCommand("hilfe", "en", "help"))
		}, `command "help" registered twice`},
		{"a name that is another command's English name", func(r *engine.Registry) {
			r.Command(namedCommand("anfragen", "en", "myrequests"))
			r.Command(nopCommand("myrequests"))
		}, `command "myrequests" registered twice`},
		{"an English name Telegram refuses", func(r *engine.Registry) { r.Command(namedCommand("anfragen", "en", "myRequests")) },
			`command "myRequests": want 1-32`},
		{"a name in a language without texts", func(r *engine.Registry) { r.Command(namedCommand("hilfe2", "fr", "aide")) },
			`command "hilfe2": a name in "fr"`},
		{"screen twice", func(r *engine.Registry) { r.Screen("list", nopScreen); r.Screen("list", nopScreen) }, `screen "list" registered twice`},
		{"a screen of the engine again", func(r *engine.Registry) { r.Screen(engine.ScreenMenu, nopScreen) }, `screen "menu" registered twice`},
		{"screen with a dot", func(r *engine.Registry) { r.Screen("my.list", nopScreen) }, `screen "my.list"`},
		{"screen name too long", func(r *engine.Registry) { r.Screen(strings.Repeat("s", 17), nopScreen) }, "at most 16"},
		{"durable twice", func(r *engine.Registry) {
			r.Durable("review", "approve", func(*engine.Turn, int64) {})
			r.Durable("review", "approve", func(*engine.Turn, int64) {})
		}, `durable "review:approve" registered twice`},
		{"durable with a colon", func(r *engine.Registry) { r.Durable("re:view", "ok", func(*engine.Turn, int64) {}) }, `durable "re:view:ok"`},
		{"flow twice", func(r *engine.Registry) { r.Flow(nopFlow("f")); r.Flow(nopFlow("f")) }, `flow "f" registered twice`},
		{"flow without steps", func(r *engine.Registry) { r.Flow(&engine.Flow{Name: "f", Finish: func(*engine.Turn) {}}) }, "needs a name, steps and a finish"},
		{"step named summary", func(r *engine.Registry) {
			f := nopFlow("f")
			f.Steps[0].Name = "summary"
			r.Flow(f)
		}, `step "summary"`},
		{"job twice", func(r *engine.Registry) { r.Job(nopJob("j")); r.Job(nopJob("j")) }, `job "j" registered twice`},
		{"job without spec", func(r *engine.Registry) { r.Job(engine.Job{Name: "j", Run: nopJob("j").Run}) }, `job "j"`},
		{"menu entry without screen", func(r *engine.Registry) {
			r.Menu(engine.MenuEntry{Row: 1, Label: "btn.menu", Screen: "nowhere"})
		}, `menu entry "btn.menu": no screen "nowhere"`},
		{"menu entry without text", func(r *engine.Registry) {
			r.Screen("list", nopScreen)
			r.Menu(engine.MenuEntry{Row: 1, Label: "btn.nothing", Screen: "list"})
		}, `menu entry "btn.nothing": no text`},
		{"a text key of two bundles", func(r *engine.Registry) {
			r.Texts(fstest.MapFS{"locales/de.toml": {Data: []byte("[btn]\nback = \"Zurück\"\n")}})
		}, `"btn.back" is defined by bundles`},
		{"a text key of two features", func(r *engine.Registry) {
			r.Texts(fstest.MapFS{"locales/de.toml": {Data: []byte("[x]\na = \"A\"\n")}})
			r.Texts(fstest.MapFS{"locales/de.toml": {Data: []byte("[x]\na = \"B\"\n")}})
		}, `"x.a" is defined by bundles 1 and 2`},
		{"gate twice", func(r *engine.Registry) { r.Gate(nopGate()); r.Gate(nopGate()) }, "gate registered twice"},
		{"gate without a version", func(r *engine.Registry) {
			g := nopGate()
			g.Version = 0
			r.Gate(g)
		}, `gate "privacy": needs`},
		{"gate without its text", func(r *engine.Registry) {
			g := nopGate()
			g.TextKey = "x.privacy_v9"
			r.Gate(g)
		}, `gate "privacy": no text "x.privacy_v9"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := engine.NewRegistry()
			c.register(r)
			_, err := engine.New(engine.Config{Actors: nopActors{}, Messenger: nopMessenger{}}, r)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("New: %v; want an error with %s", err, c.want)
			}
		})
	}
}

func TestRegistryReportsEveryMistake(t *testing.T) {
	r := engine.NewRegistry()
	r.Command(nopCommand("Bad"))
	r.Screen("list", nopScreen)
	r.Screen("list", nopScreen)
	_, err := engine.New(engine.Config{Actors: nopActors{}, Messenger: nopMessenger{}}, r)
	if err == nil || !strings.Contains(err.Error(), `command "Bad"`) || !strings.Contains(err.Error(), `screen "list"`) {
		t.Errorf("New: %v; want both mistakes", err)
	}
}

func TestRegisteredFeaturesAreWellFormed(t *testing.T) {
	h := flowstest.New(t, testFeature)
	var names []string
	for _, c := range h.Engine.Commands() {
		names = append(names, c.Name)
		if !h.Texts.Has(c.Desc) {
			t.Errorf("command %s: no text %q", c.Name, c.Desc)
		}
	}
	// Every feature's commands, in menu order, the test feature's last.
	for _, want := range []string{"start", "menu", "help", "language", "cancel", "privacy", "datetest", "listtest"} {
		if !slices.Contains(names, want) {
			t.Errorf("commands %v lack %s", names, want)
		}
	}
	if names[0] != "start" || names[len(names)-1] != "listtest" {
		t.Errorf("commands not in order: %v", names)
	}
	// The composition root refuses what a feature registers wrong.
	_, err := flows.New(flows.Config{Stores: h.Store, Messenger: h.Msgr,
		Extra: []func(*engine.Registry){func(r *engine.Registry) { r.Command(nopCommand("start")) }}})
	if err == nil || !strings.Contains(err.Error(), `command "start" registered twice`) {
		t.Errorf("flows.New with /start twice: %v", err)
	}
}
