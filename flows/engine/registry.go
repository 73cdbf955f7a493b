package engine

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Registry collects what the features offer: commands, menu entries,
// screens, durable actions, flows, typed-text handlers, scheduled jobs and
// their texts. Each feature adds its own in its Register function; the
// engine dispatches by what was registered, so no central switch lists the
// features. A mistake (a name taken twice, a command Telegram would
// refuse) is kept and reported by New.
type Registry struct {
	commands []Command
	byName   map[string]int // index of commands by every name, from New on
	menu     []MenuEntry
	screens  map[string]func(t *Turn, param string)
	durables map[string]func(t *Turn, id int64) // "<feature>:<action>"
	flows    map[string]*Flow
	texts    []TextHandler
	jobs     []Job
	gate     *Gate
	bundles  []fs.FS
	errs     []error
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{
		screens:  map[string]func(*Turn, string){},
		durables: map[string]func(*Turn, int64){},
		flows:    map[string]*Flow{},
	}
}

// Command is a /command. It answers to its Name and to each of its Names,
// typed by anyone; the command menu and /help show the name of the user's
// language.
type Command struct {
	Name string // without the slash: 1-32 of a-z 0-9 _; shown in every language Names lacks
	// Names are its names in other languages, by language code, e.g.
	// {"en": "request"} beside Name "beratung"; nil: Name everywhere.
	Names map[string]string
	Desc  string        // key of its description (command menu, /help)
	Roles []domain.Role // who it is for (command menu, /help); nil: everyone
	Order int           // place in the command menu and /help, ascending
	Run   func(t *Turn) // the handler; it runs in or outside a flow
	// Ungated lets the command run while the Gate holds the user back (the
	// rights to one's data); a flow it starts should be Ungated too.
	Ungated bool
}

// MenuEntry is a button of the main menu.
type MenuEntry struct {
	Row, Col int           // place: rows ascending, then columns within a row
	Label    string        // key of the label
	Screen   string        // the registered screen it opens
	Roles    []domain.Role // shown to users holding one of them; nil: every registered user
	// Waiting, when set, counts what waits for the user behind the entry
	// (open requests for the office); the menu then says so with the text
	// WaitingText ({{.N}}), and the label shows the count. A store error
	// leaves the count out: the menu must always show.
	Waiting     func(t *Turn) (int, error)
	WaitingText string
}

// TextHandler answers text typed outside a flow by a registered user; it
// reports false when the text is not for it.
type TextHandler func(t *Turn, text string) bool

// Job is a scheduled use case. Run must be idempotent: the scheduler runs
// a job on one instance at a time, but may run it twice.
type Job struct {
	Name string // for logs and the lock
	Spec string // cron spec in the engine's time zone, e.g. "17 3 * * *" or "@every 1m"
	Run  func(ctx context.Context, env JobEnv) error
}

// JobEnv is what a job run gets from the engine.
type JobEnv struct {
	Now   time.Time
	Texts *Texts
	Notes *Notifier    // builds notifications in each recipient's language
	Log   *slog.Logger // ids and counts, never names or free text
	// Location is the bot's time zone, in which times are shown.
	Location *time.Location
}

var (
	commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	partName    = regexp.MustCompile(`^[a-z][a-z0-9_]{0,15}$`)
)

func (r *Registry) fail(format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf("engine: registry: "+format, args...))
}

// Command adds a command. Its names must be ones Telegram accepts, and
// none may be a name of another command, in any language.
func (r *Registry) Command(c Command) {
	names := c.names()
	for _, n := range names {
		if !commandName.MatchString(n) {
			r.fail("command %q: want 1-32 of a-z 0-9 _", n)
			return
		}
	}
	if c.Run == nil {
		r.fail("command %q: no handler", c.Name)
		return
	}
	for _, n := range names {
		if r.command(n) != nil {
			r.fail("command %q registered twice", n)
			return
		}
	}
	r.commands = append(r.commands, c)
}

// command returns the command that answers to name, nil if none does.
func (r *Registry) command(name string) *Command {
	if r.byName != nil {
		if i, ok := r.byName[name]; ok {
			return &r.commands[i]
		}
		return nil
	}
	for i := range r.commands {
		if slices.Contains(r.commands[i].names(), name) {
			return &r.commands[i]
		}
	}
	return nil
}

// Menu adds a main menu entry; its screen must be registered.
func (r *Registry) Menu(e MenuEntry) { r.menu = append(r.menu, e) }

// Screen registers the screen name (a-z, digits, _; at most 16): a screen
// button (ScreenButton) runs h with its parameter in the pressed message's
// turn.
func (r *Registry) Screen(name string, h func(t *Turn, param string)) {
	switch {
	case !partName.MatchString(name):
		r.fail("screen %q: want a-z 0-9 _, at most 16", name)
	case r.screens[name] != nil:
		r.fail("screen %q registered twice", name)
	default:
		r.screens[name] = h
	}
}

// Durable registers the durable action of feature (each a-z, digits, _; at
// most 16): a press on DurableButton(label, feature, action, id) runs h
// with the id, for a registered user (the engine refuses anyone else).
func (r *Registry) Durable(feature, action string, h func(t *Turn, id int64)) {
	key := feature + callbackSep + action
	switch {
	case !partName.MatchString(feature) || !partName.MatchString(action):
		r.fail("durable %q: want a-z 0-9 _, at most 16 each", key)
	case r.durables[key] != nil:
		r.fail("durable %q registered twice", key)
	default:
		r.durables[key] = h
	}
}

// Flow registers a conversation. Its name is stored in sessions: keep it
// when the flow changes.
func (r *Registry) Flow(f *Flow) {
	switch {
	case f == nil || f.Name == "" || len(f.Steps) == 0 || f.Finish == nil:
		r.fail("flow %v: needs a name, steps and a finish", f)
	case r.flows[f.Name] != nil:
		r.fail("flow %q registered twice", f.Name)
	default:
		for _, st := range f.Steps {
			if st.Name == "" || st.Name == summaryStep || st.Prompt == nil || st.Handle == nil {
				r.fail("flow %q: step %q needs a name other than %q, a prompt and a handler", f.Name, st.Name, summaryStep)
			}
		}
		r.flows[f.Name] = f
	}
}

// Text adds a handler of text typed outside a flow; handlers are asked in
// the order they were added.
func (r *Registry) Text(h TextHandler) { r.texts = append(r.texts, h) }

// Job adds a scheduled job; names are unique.
func (r *Registry) Job(j Job) {
	switch {
	case j.Name == "" || j.Spec == "" || j.Run == nil:
		r.fail("job %q: needs a name, a spec and a run", j.Name)
	case slices.ContainsFunc(r.jobs, func(x Job) bool { return x.Name == j.Name }):
		r.fail("job %q registered twice", j.Name)
	default:
		r.jobs = append(r.jobs, j)
	}
}

// Texts adds a feature's texts: fsys holds locales/<lang>.toml. A key may
// be defined by one bundle only.
func (r *Registry) Texts(fsys fs.FS) { r.bundles = append(r.bundles, fsys) }

// check reports what was registered wrong, also a menu entry whose screen
// or a label whose text does not exist.
func (r *Registry) check(texts *Texts) error {
	for _, e := range r.menu {
		if r.screens[e.Screen] == nil {
			r.fail("menu entry %q: no screen %q", e.Label, e.Screen)
		}
		if e.Waiting != nil && !texts.Has(e.WaitingText) {
			r.fail("menu entry %q: no waiting text", e.Label)
		}
		if !texts.Has(e.Label) {
			r.fail("menu entry %q: no text", e.Label)
		}
	}
	for _, c := range r.commands {
		if !texts.Has(c.Desc) {
			r.fail("command %q: no text %q", c.Name, c.Desc)
		}
		for lang := range c.Names {
			if !texts.Supports(lang) {
				r.fail("command %q: a name in %q, a language without texts", c.Name, lang)
			}
		}
	}
	if r.gate != nil && !texts.Has(r.gate.TextKey) {
		r.fail("gate %q: no text %q", r.gate.Purpose, r.gate.TextKey)
	}
	if len(r.errs) == 0 {
		return nil
	}
	msgs := make([]string, len(r.errs))
	for i, err := range r.errs {
		msgs[i] = err.Error()
	}
	return fmt.Errorf("%s", strings.Join(msgs, "; "))
}

// LoadTexts loads the engine's texts and those every registered feature
// added (see LoadTexts); for New, and for tools that speak the bot's
// language.
func (r *Registry) LoadTexts(defaultLang string) (*Texts, error) {
	return LoadTexts(defaultLang, append([]fs.FS{locales}, r.bundles...)...)
}
