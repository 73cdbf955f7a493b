package flows

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// turn is one update being handled: the session it changes and what it will
// answer. Nothing is sent before the turn ends (see flush), so that a Store
// error can still be answered with a clean "technical problem" and nothing
// else.
type turn struct {
	e    *Engine
	ctx  context.Context
	u    Update
	sess *Session
	now  time.Time

	notes  []string // translated texts shown before out (or alone)
	out    *screen  // a new message
	editID int      // the pressed message, replaced by edit
	edit   *screen
	toast  string
	// clearPressed removes the buttons of the pressed message once out is
	// sent below it (a decision taken on a notification).
	clearPressed bool
	stale        bool  // the press was not for the current prompt: change nothing
	err          error // a Store error: roll back and apologise
}

// screen is a message before its buttons have callback data.
type screen struct {
	text string
	rows [][]button
}

// button is an inline button: what it says, and the action and argument its
// callback data carries (after the session's nonce, or after durableMark
// for a durable button, see review.go).
type button struct {
	label, action, arg string
	durable            bool
}

// find returns the label of the button with action and arg.
func (s screen) find(action, arg string) (string, bool) {
	for _, row := range s.rows {
		for _, b := range row {
			if b.action == action && b.arg == arg {
				return b.label, true
			}
		}
	}
	return "", false
}

// lang is the language to answer in: the chosen one, else the user's app
// language when we speak it, else the default.
func (t *turn) lang() string {
	if t.sess.Lang != "" {
		return t.sess.Lang
	}
	hint, _, _ := strings.Cut(strings.ToLower(t.u.LangHint), "-")
	if hint != "" && t.e.cfg.Texts.Supports(hint) {
		return hint
	}
	return t.e.cfg.DefaultLang
}

// tr translates key into the turn's language.
func (t *turn) tr(key string, data map[string]any) string {
	return t.e.cfg.Texts.T(t.lang(), key, data)
}

// note adds the text key to what the turn says before its screen.
func (t *turn) note(key string) { t.notes = append(t.notes, t.tr(key, nil)) }

// show makes s the new message of this turn.
func (t *turn) show(s screen) { t.out = &s }

// present shows s in the pressed message when inPlace, else as a new one.
func (t *turn) present(s screen, inPlace bool) {
	if inPlace {
		t.replace(s)
	} else {
		t.show(s)
	}
}

// hasRole reports whether the session holds role r.
func (t *turn) hasRole(r Role) bool { return slices.Contains(t.sess.Roles, r) }

// replace makes s the new content of the pressed message.
func (t *turn) replace(s screen) {
	t.editID = t.u.MessageID
	t.edit = &s
}

// fail records a Store error; the turn is rolled back.
func (t *turn) fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

// registered reports whether the user has a record.
func (t *turn) registered() bool { return t.sess.UserID != 0 }

// coordinator reports whether the user is a coordinator by configuration.
func (t *turn) coordinator() bool { return t.e.cfg.Coordinators[t.u.UserID] }

// flush sends what the turn says. A screen with buttons gets a fresh nonce
// and becomes the session's current prompt.
func (t *turn) flush() error {
	if t.out != nil && len(t.out.rows) > 0 || t.edit != nil && len(t.edit.rows) > 0 {
		t.sess.Nonce = newNonce(t.sess.Nonce)
	}
	m := t.e.cfg.Messenger
	if t.edit != nil {
		msg, err := t.message(*t.edit)
		if err != nil {
			return err
		}
		if err := m.Edit(t.ctx, t.u.ChatID, t.editID, msg); err != nil {
			// The message may be gone or too old: the screen then comes as
			// a new message, and an old prompt merely keeps stale buttons.
			t.e.cfg.Log.Warn("edit message", slog.Int64("chat_id", t.u.ChatID), slog.String("err", err.Error()))
			if len(t.edit.rows) > 0 && t.out == nil {
				t.out = t.edit
			}
		} else if len(t.edit.rows) > 0 {
			t.sess.Prompt = t.editID
		}
	}
	parts := t.notes
	if t.out != nil {
		parts = append(parts, t.out.text)
	}
	if len(parts) == 0 {
		return nil
	}
	s := screen{text: strings.Join(parts, "\n\n")}
	if t.out != nil {
		s.rows = t.out.rows
	}
	msg, err := t.message(s)
	if err != nil {
		return err
	}
	old := t.sess.Prompt
	id, err := m.Send(t.ctx, t.u.ChatID, msg)
	if err != nil {
		return fmt.Errorf("send message: %w", err)
	}
	if t.out != nil {
		t.sess.Prompt = 0
		if len(s.rows) > 0 {
			t.sess.Prompt = id
		}
		// A typed answer moves on below the old prompt: its buttons would
		// only answer "no longer current", so they go.
		var clear []int
		if t.edit == nil && old != 0 && old != id {
			clear = append(clear, old)
		}
		if t.clearPressed && t.edit == nil && t.u.MessageID != 0 && t.u.MessageID != old {
			clear = append(clear, t.u.MessageID)
		}
		for _, msgID := range clear {
			if err := m.ClearButtons(t.ctx, t.u.ChatID, msgID); err != nil {
				t.e.cfg.Log.Warn("clear old buttons", slog.Int64("chat_id", t.u.ChatID), slog.String("err", err.Error()))
			}
		}
	}
	return nil
}

// message builds the callback data of s's buttons with the session's nonce.
func (t *turn) message(s screen) (Message, error) {
	msg := Message{Text: s.text}
	rows, err := buttonRows(strconv.FormatUint(uint64(t.sess.Nonce), 36), s.rows)
	msg.Buttons = rows
	return msg, err
}

// buttonRows builds the callback data of rows: nonce, action and argument,
// or durableMark, action and argument for a durable button.
func buttonRows(nonce string, rows [][]button) ([][]Button, error) {
	var out [][]Button
	for _, row := range rows {
		var r []Button
		for _, b := range row {
			first := nonce
			if b.durable {
				first = durableMark
			} else if nonce == "" {
				return nil, errors.New("flows: button rows: a session button without a nonce")
			}
			parts := []string{first, b.action}
			if b.arg != "" {
				parts = append(parts, b.arg)
			}
			data, err := CallbackData(parts...)
			if err != nil {
				return nil, err
			}
			r = append(r, Button{Label: b.label, Data: data})
		}
		out = append(out, r)
	}
	return out, nil
}

// newNonce returns a random nonce that is neither 0 (no prompt) nor old.
func newNonce(old uint32) uint32 {
	for {
		if n := rand.Uint32(); n != 0 && n != old {
			return n
		}
	}
}
