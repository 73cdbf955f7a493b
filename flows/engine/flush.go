package engine

import (
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// flush sends what the turn says. A screen with session buttons gets a
// fresh nonce and becomes the session's current prompt; what screens About
// a record were shown is recorded (track).
func (t *Turn) flush() error {
	oldPrompt, oldAbout := t.sess.Prompt, t.sess.About
	var shown []shownScreen
	err := t.flushScreens(&shown)
	if err == nil {
		err = t.flushDocuments()
	}
	if t.sess.Prompt == 0 {
		t.sess.About = domain.About{}
	}
	if len(shown) > 0 || !oldAbout.IsZero() {
		t.track(oldPrompt, oldAbout, shown)
	}
	return err
}

// flushScreens sends and edits the turn's screens and adds those About a
// record to *shown.
func (t *Turn) flushScreens(shown *[]shownScreen) error {
	t.answerFirst()
	if t.out != nil && len(t.out.Rows) > 0 || t.edit != nil && len(t.edit.Rows) > 0 {
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
			if len(t.edit.Rows) > 0 && t.out == nil {
				t.out = t.edit
			}
		} else {
			if !t.edit.About.IsZero() {
				*shown = append(*shown, shownScreen{id: t.editID, about: t.edit.About})
			}
			if len(t.edit.Rows) > 0 {
				t.sess.Prompt, t.sess.About = t.editID, t.edit.About
			} else if t.sess.Prompt == t.editID {
				t.sess.Prompt = 0 // the prompt lost its buttons: nothing to clear later
			}
		}
	}
	parts := t.notes
	if t.out != nil {
		parts = append(parts, t.out.Text)
	}
	if len(parts) == 0 {
		return nil
	}
	s := Screen{Text: strings.Join(parts, "\n\n")}
	if t.out != nil {
		s.Rows = t.out.Rows
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
		if !t.out.About.IsZero() {
			*shown = append(*shown, shownScreen{id: id, about: t.out.About})
		}
		t.sess.Prompt = 0
		if len(s.Rows) > 0 {
			t.sess.Prompt, t.sess.About = id, t.out.About
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
func (t *Turn) message(s Screen) (domain.Message, error) {
	rows, err := buttonRows(strconv.FormatUint(uint64(t.sess.Nonce), 36), s.Rows)
	return domain.Message{Text: s.Text, Buttons: rows}, err
}

// buttonRows builds the callback data of rows: nonce, action and argument
// for a session button, durableMark, feature, action and id for a durable
// one; a link button keeps its URL. nonce "" allows durable and link
// buttons only.
func buttonRows(nonce string, rows [][]Button) ([][]domain.Button, error) {
	var out [][]domain.Button
	for _, row := range rows {
		var r []domain.Button
		for _, b := range row {
			var parts []string
			switch {
			case b.url != "":
				r = append(r, domain.Button{Label: b.Label, URL: b.url})
				continue
			case b.Durable():
				parts = []string{durableMark, b.feature, b.action, b.arg}
			case nonce == "":
				return nil, errors.New("engine: button rows: a session button without a nonce")
			default:
				parts = []string{nonce, b.action}
				if b.arg != "" {
					parts = append(parts, b.arg)
				}
			}
			data, err := CallbackData(parts...)
			if err != nil {
				return nil, err
			}
			r = append(r, domain.Button{Label: b.Label, Data: data})
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
