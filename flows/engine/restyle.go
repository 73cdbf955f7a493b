package engine

import (
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Old messages do not lie: when a record changes, the messages that show it
// with buttons for its old state get the buttons of the new one. A feature
// marks what a message is about (Screen.About, Notification.Regarding) and
// adds a restyle to the notifications of every change (Turn.Restyle, or
// Turn.RestyleWith to replace the text too; a job has Notifier.Restyle and
// Notifier.RestyleWith); the store applies it in the change's transaction
// to the outbox's messages and, through edits, to those shown (see
// storage/outbox_restyle.go).
//
// The engine records the prompts About a record: after the turn that shows
// one, and it forgets one when the prompt moves on or shows something else.
// That is one write, in those turns only; the others do not touch the store
// for it (the session knows what its prompt is about).

// shownScreen is a message this turn showed, and what it is about.
type shownScreen struct {
	id    int
	about domain.About
}

// Restyle returns the restyle of every message About about (an instruction
// for the store among a change's notifications, see domain.Notification):
// rows(lang) becomes their buttons, for each language the texts speak;
// rows must hold durable buttons only (no restyled message has a session).
// The pressed message is spared: the turn answers it itself.
func (t *Turn) Restyle(about domain.About, rows func(lang string) [][]Button) domain.Notification {
	return t.RestyleWith(about, nil, rows)
}

// RestyleWith is Restyle with a new text: text(lang) becomes the text of
// the messages About about in lang, with rows(lang) as their buttons (nil
// rows: none), for each language the texts speak; nil text changes the
// buttons alone, as Restyle. A text is Telegram HTML with user text
// escaped (t.Texts().T(lang, key, data)) and must fit one message
// (domain.MaxTextLength): the store refuses a change with a longer one
// (domain.ErrInvalid). The pressed message is spared: the turn answers it
// itself.
func (t *Turn) RestyleWith(about domain.About, text func(lang string) string, rows func(lang string) [][]Button) domain.Notification {
	n := t.e.notes.RestyleWith(about, text, rows)
	n.ChatID = t.u.ChatID
	if t.u.Kind == KindButton && t.u.MessageID != 0 {
		n.Spare = []int{t.u.MessageID}
	}
	return n
}

// Restyle is Turn.Restyle for code without a turn (a scheduled job): the
// restyle of every message About about to rows(lang), sparing none.
func (n *Notifier) Restyle(about domain.About, rows func(lang string) [][]Button) domain.Notification {
	return n.RestyleWith(about, nil, rows)
}

// RestyleWith is Turn.RestyleWith for code without a turn (a scheduled
// job): every message About about gets text(lang) (nil: its text stays)
// and rows(lang) (nil rows: no buttons) in its language lang, sparing none.
// A button that cannot be built (not durable, too long) is logged and that
// language's messages get no buttons.
func (n *Notifier) RestyleWith(about domain.About, text func(lang string) string, rows func(lang string) [][]Button) domain.Notification {
	out := domain.Notification{About: about, Restyle: make(map[string][][]domain.Button, len(n.texts.langs))}
	if text != nil {
		out.RestyleText = make(map[string]string, len(n.texts.langs))
	}
	for _, lang := range n.texts.langs {
		if text != nil {
			out.RestyleText[lang] = text(lang)
		}
		if rows == nil {
			out.Restyle[lang] = nil
			continue
		}
		b, err := buttonRows("", rows(lang))
		if err != nil {
			n.log.Error("restyle buttons", slog.String("subject", about.Subject), slog.Any("err", err))
			b = nil
		}
		out.Restyle[lang] = b
	}
	return out
}

// track records the screens About a record that the turn showed, and
// forgets the prompt before the turn (oldPrompt, about oldAbout) when it no
// longer is the prompt about that. A failure is logged: what was sent stays.
func (t *Turn) track(oldPrompt int, oldAbout domain.About, shown []shownScreen) {
	store := t.e.cfg.Shown
	if store == nil {
		return
	}
	kept := oldPrompt != 0 && t.sess.Prompt == oldPrompt && t.sess.About == oldAbout
	forget := 0
	if oldPrompt != 0 && !oldAbout.IsZero() && !kept {
		forget = oldPrompt
	}
	for _, s := range shown {
		if kept && s.id == oldPrompt && s.about == oldAbout {
			continue // on record already
		}
		if err := store.RecordShown(t.ctx, t.u.ChatID, s.id, s.about, t.Lang(), forget); err != nil {
			t.e.cfg.Log.Warn("record shown message", slog.Int64("chat_id", t.u.ChatID), slog.String("err", err.Error()))
		}
		forget = 0
	}
	if forget != 0 {
		if err := store.ForgetShown(t.ctx, t.u.ChatID, forget); err != nil {
			t.e.cfg.Log.Warn("forget shown message", slog.Int64("chat_id", t.u.ChatID), slog.String("err", err.Error()))
		}
	}
}
