package engine

import (
	"log/slog"
	"strconv"
	"strings"
)

// run handles the turn's update: a durable press goes to its feature's
// action, a session press to the running flow or a screen, a command to
// its handler, typed text to the running flow or the text handlers.
func (t *Turn) run() {
	// A session never stored (new or expired) learns who the user is, also
	// for a stale press: stored without it, it would pass for an
	// unregistered user's.
	if t.sess.Version == 0 && !t.Registered() && !t.loadActor() || t.held() {
		return
	}
	if t.u.Kind == KindButton {
		if p, ok := parseDurable(t.u.Data); ok {
			t.tidyFlow()
			t.durable(p)
			return
		}
	}
	var action, arg string
	if t.u.Kind == KindButton {
		var ok bool
		if action, arg, ok = sessionPress(t.u.Data, t.sess.Nonce); !ok || t.u.MessageID != t.sess.Prompt {
			t.StaleButton()
			return
		}
	}
	if t.tidyFlow() && t.u.Kind == KindButton {
		// The press belonged to the dropped conversation.
		t.toast = t.Plain(keyFlowStale, nil)
		return
	}
	switch t.u.Kind {
	case KindCommand:
		t.command()
	case KindText:
		switch {
		case t.flowRuns():
			t.answer(Input{Text: t.u.Text})
		case t.Registered():
			t.textOutsideFlow(t.u.Text)
		default:
			t.Note(keyHintNotRegistered, nil)
		}
	case KindButton:
		switch {
		case t.flowRuns():
			t.flowButton(action, arg)
		case action == actScreen && t.Registered():
			t.screen(arg)
		case action == actNoop:
			t.Quiet() // a label: nothing happens
		default:
			t.StaleButton()
		}
	default: // inside a flow, the question stays above (see answer)
		t.Note(keyFlowNotText, nil)
	}
}

// command runs the registered command that answers to the name, in any
// language, or says that there is none.
func (t *Turn) command() {
	if c := t.e.reg.command(t.u.Command); c != nil {
		c.Run(t)
		return
	}
	t.Note(keyHintUnknownCommand, nil)
	t.Reprompt()
}

// screen opens the registered screen named in a screen button's argument.
func (t *Turn) screen(arg string) {
	name, param, _ := strings.Cut(arg, screenSep)
	h := t.e.reg.screens[name]
	if h == nil {
		t.StaleButton()
		return
	}
	h(t, param)
}

// durable runs the action of a durable press for a registered user. An
// unknown action, a malformed id and an unregistered user are refused
// alike, and nothing changes.
func (t *Turn) durable(p durablePress) {
	h := t.e.reg.durables[p.feature+callbackSep+p.action]
	if _, ok := t.Actor(); !ok || h == nil || p.id == 0 {
		if !t.Failed() {
			t.Refuse(keyForbidden)
		}
		return
	}
	h(t, p.id)
}

// textOutsideFlow offers typed text to the registered text handlers; when
// none takes it, the user is told that no question is open.
func (t *Turn) textOutsideFlow(text string) {
	for _, h := range t.e.reg.texts {
		if h(t, text) || t.Failed() {
			return
		}
	}
	t.Note(keyHintNoQuestion, nil)
}

// tidyFlow ends a running flow that this version does not know (written
// by a version with other flows) or that was left idle too long (and says
// so); it reports whether it dropped an idle one.
func (t *Turn) tidyFlow() bool {
	if t.sess.Flow != "" && !t.flowValid() {
		t.EndFlow()
	}
	return t.dropIfIdle()
}

// dropIfIdle ends a conversation whose last contact is older than the idle
// timeout and tells the user; it reports whether it did.
func (t *Turn) dropIfIdle() bool {
	if t.sess.Flow == "" || t.sess.Touched.IsZero() || t.now.Sub(t.sess.Touched) <= t.e.cfg.IdleTimeout {
		return false
	}
	t.e.cfg.Log.Info("conversation dropped after idle timeout",
		slog.Int64("chat_id", t.u.ChatID), slog.String("flow", t.sess.Flow))
	t.EndFlow()
	t.Note(keyFlowIdle, nil)
	return true
}

// ParseID reads a record id from a screen parameter; false for anything
// but a positive decimal.
func ParseID(param string) (int64, bool) {
	id, err := strconv.ParseInt(param, 10, 64)
	return id, err == nil && id > 0
}
