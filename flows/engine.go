package flows

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"
)

// EngineConfig is what the Engine needs.
type EngineConfig struct {
	Store        Store
	Requests     RequestStore // counseling requests; nil: the request flow is not offered
	Messenger    Messenger
	Texts        *Texts
	Clock        Clock          // nil: time.Now
	Coordinators map[int64]bool // Telegram ids that are coordinators from their first contact
	IdleTimeout  time.Duration  // a conversation idle this long is dropped with a notice; 0: 24h
	DefaultLang  string         // language before the user chose one; "": Texts' first language
	Location     *time.Location // dates are shown in it; nil: Europe/Berlin
	Log          *slog.Logger   // nil: slog.Default()
}

// Engine runs the conversations: it turns one Update and the Session of its
// conversation into answers (sent through the Messenger) and the next
// Session.
type Engine struct {
	cfg   EngineConfig
	flows map[string]*flow
}

// NewEngine checks cfg, fills its defaults and declares the flows. It returns
// an error when Store, Messenger or Texts is missing, when DefaultLang has
// no translation, or when Location is nil and Europe/Berlin cannot be loaded.
func NewEngine(cfg EngineConfig) (*Engine, error) {
	switch {
	case cfg.Store == nil:
		return nil, errors.New("flows: new engine: no Store")
	case cfg.Messenger == nil:
		return nil, errors.New("flows: new engine: no Messenger")
	case cfg.Texts == nil:
		return nil, errors.New("flows: new engine: no Texts")
	}
	if cfg.DefaultLang == "" {
		cfg.DefaultLang = cfg.Texts.Langs()[0]
	}
	if !cfg.Texts.Supports(cfg.DefaultLang) {
		return nil, fmt.Errorf("flows: new engine: no translation for default language %q", cfg.DefaultLang)
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
			return nil, fmt.Errorf("flows: new engine: %w", err)
		}
		cfg.Location = loc
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	e := &Engine{cfg: cfg, flows: map[string]*flow{}}
	for _, f := range append([]*flow{onboardingFlow(), languageFlow(), deleteFlow(), requestFlow()}, reviewFlows()...) {
		e.flows[f.name] = f
	}
	return e, nil
}

// Texts returns the translations the engine speaks with.
func (e *Engine) Texts() *Texts { return e.cfg.Texts }

// Handle answers u and changes *sess in place; the caller stores *sess
// afterwards. It returns the text for the callback query's answer ("" for
// none). When the Store fails, the user is told about a technical problem,
// *sess is left as it was before u (so that the draft survives and a retry
// needs no retyping) and the wrapped Store error is returned. When the
// Messenger fails, *sess holds what was reached (a Store change is done)
// and the error is returned.
func (e *Engine) Handle(ctx context.Context, u Update, sess *Session) (string, error) {
	before := *sess
	before.Data = maps.Clone(sess.Data)
	before.Roles = slices.Clone(sess.Roles)
	t := &turn{e: e, ctx: ctx, u: u, sess: sess, now: e.cfg.Clock()}
	t.run()
	if t.err != nil {
		*sess = before
		serr := fmt.Errorf("flows: handle update %d: %w", u.ID, t.err)
		failed := &turn{e: e, ctx: ctx, u: u, sess: sess, now: t.now}
		failed.note(keyTechnical)
		if err := failed.flush(); err != nil {
			return "", errors.Join(serr, err)
		}
		return "", serr
	}
	if t.stale { // nothing changed but what loadIdentity filled in
		return t.toast, nil
	}
	sess.Touched = t.now
	if err := t.flush(); err != nil {
		return t.toast, fmt.Errorf("flows: handle update %d: %w", u.ID, err)
	}
	return t.toast, nil
}
