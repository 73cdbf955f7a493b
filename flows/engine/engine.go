package engine

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

//go:embed locales/*.toml
var locales embed.FS

// Config is what the Engine needs besides the registry.
type Config struct {
	Actors       domain.ActorStore // reads the acting user; required
	Messenger    Messenger         // required
	DefaultLang  string            // language before the user chose one; "": German
	Clock        domain.Clock      // nil: time.Now
	Coordinators map[int64]bool    // Telegram ids that are coordinators from their first contact
	IdleTimeout  time.Duration     // a conversation idle this long is dropped with a notice; 0: 24h
	Location     *time.Location    // dates are shown in it; nil: Europe/Berlin
	Log          *slog.Logger      // nil: slog.Default()
	Office       domain.Office     // how to reach the programme office (texts' {{.Office}}); zero: not configured
	// Shown records which prompt shows a record (Screen.About), so that a
	// restyle finds it; nil: none is recorded.
	Shown domain.ShownStore
	// Activity records that registered users get in touch, at most once a
	// day per conversation (see Turn.touchActivity); nil: not recorded.
	Activity domain.ActivityStore
}

// Engine runs the conversations: it turns one Update and the Session of its
// conversation into answers (sent through the Messenger) and the next
// Session, dispatching to what the features registered.
type Engine struct {
	cfg     Config
	reg     *Registry
	texts   *Texts
	notes   *Notifier
	version string // of the command menus (menuVersion)
}

// New checks cfg, fills its defaults, loads the texts of the engine and of
// every registered feature and adds the engine's own commands and screens
// (/menu, /help, /cancel). It returns an error when Actors or Messenger is
// missing, when the texts do not load, when the default language has no
// translation, when Location is nil and Europe/Berlin cannot be loaded, or
// when something was registered wrong.
func New(cfg Config, r *Registry) (*Engine, error) {
	switch {
	case cfg.Actors == nil:
		return nil, errors.New("engine: new: no ActorStore")
	case cfg.Messenger == nil:
		return nil, errors.New("engine: new: no Messenger")
	}
	if cfg.DefaultLang == "" {
		cfg.DefaultLang = BaseLang
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 24 * time.Hour
	}
	if cfg.Location == nil {
		loc, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			return nil, fmt.Errorf("engine: new: %w", err)
		}
		cfg.Location = loc
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	registerCore(r)
	texts, err := r.LoadTexts(cfg.DefaultLang)
	if err != nil {
		return nil, err
	}
	if err := r.check(texts); err != nil {
		return nil, err
	}
	texts.setOffice(cfg.Office)
	slices.SortStableFunc(r.commands, func(a, b Command) int { return a.Order - b.Order })
	r.byName = map[string]int{}
	for i, c := range r.commands {
		for _, n := range c.names() {
			r.byName[n] = i
		}
	}
	slices.SortStableFunc(r.menu, func(a, b MenuEntry) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.Col - b.Col
	})
	e := &Engine{cfg: cfg, reg: r, texts: texts}
	e.notes = &Notifier{texts: texts, log: cfg.Log}
	e.version = e.menuVersion()
	return e, nil
}

// Texts returns the translations the engine speaks with.
func (e *Engine) Texts() *Texts { return e.texts }

// Commands returns the registered commands in menu order.
func (e *Engine) Commands() []Command { return slices.Clone(e.reg.commands) }

// ScheduledJob is a registered job bound to the engine's clock and texts,
// for the scheduler.
type ScheduledJob struct {
	Name, Spec string
	Run        func(ctx context.Context) error
}

// Jobs returns the registered jobs, each bound to the engine.
func (e *Engine) Jobs() []ScheduledJob {
	out := make([]ScheduledJob, 0, len(e.reg.jobs))
	for _, j := range e.reg.jobs {
		out = append(out, ScheduledJob{Name: j.Name, Spec: j.Spec, Run: func(ctx context.Context) error {
			return j.Run(ctx, JobEnv{Now: e.cfg.Clock(), Texts: e.texts, Notes: e.notes, Log: e.cfg.Log,
				Location: e.cfg.Location})
		}})
	}
	return out
}

// Handle answers u and changes *sess in place; the caller stores *sess
// afterwards. For a pressed button it answers the callback query
// (u.QueryID) before it sends anything else, and returns the toast it
// answered with ("" for none); last, it publishes the chat's command menu
// when it no longer fits (see syncCommands). When a store fails, the user is told about a technical problem,
// *sess is left as it was before u (so that the draft survives and a retry
// needs no retyping) and the wrapped error is returned. When the Messenger
// fails, *sess holds what was reached (a store change is done) and the
// error is returned. A panic leaves *sess as it was before u and goes on to
// the caller, which logs it and apologises.
func (e *Engine) Handle(ctx context.Context, u Update, sess *domain.Session) (string, error) {
	before := sess.Clone()
	defer func() {
		if r := recover(); r != nil {
			*sess = before
			panic(r)
		}
	}()
	t := &Turn{e: e, ctx: ctx, u: u, sess: sess, now: e.cfg.Clock()}
	t.run()
	if t.err != nil {
		*sess = before
		serr := fmt.Errorf("engine: handle update %d: %w", u.ID, t.err)
		failed := &Turn{e: e, ctx: ctx, u: u, sess: sess, now: t.now}
		failed.Note(keyTechnical, nil)
		if err := failed.flush(); err != nil {
			return "", errors.Join(serr, err)
		}
		return "", serr
	}
	if t.stale { // nothing changed but what the identity check filled in
		t.answerFirst()
		return t.toast, nil
	}
	sess.Touched = t.now
	t.markGate()
	t.touchActivity() // not for a refused press: forged and replayed presses change nothing
	if err := t.flush(); err != nil {
		return t.toast, fmt.Errorf("engine: handle update %d: %w", u.ID, err)
	}
	t.syncCommands()
	return t.toast, nil
}
