package engine

import (
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Notifier builds notifications: texts in the recipient's language, with
// durable buttons only (no session knows an outbox message).
type Notifier struct {
	texts *Texts
	log   *slog.Logger
}

// LangOf is the language to write to u in: theirs when we speak it, else
// the default.
func (n *Notifier) LangOf(u domain.User) string {
	if n.texts.Supports(u.Lang) {
		return u.Lang
	}
	return n.texts.Default()
}

// Notification is the text key, filled with data, for u in u's language
// (its Lang), with rows of durable buttons (labelled in that language by
// the caller); Regarding marks what it is about.
// A button that cannot be built (not durable, too long) is logged and the
// notification goes without buttons.
func (n *Notifier) Notification(u domain.User, key string, data map[string]any, rows [][]Button) domain.Notification {
	msg := domain.Message{Text: n.texts.T(n.LangOf(u), key, data)}
	if len(rows) > 0 {
		var err error
		if msg.Buttons, err = buttonRows("", rows); err != nil {
			n.log.Error("notification buttons", slog.String("key", key), slog.Any("err", err))
			msg.Buttons = nil
		}
	}
	return domain.Notification{ChatID: u.ChatID, Message: msg, Lang: n.LangOf(u)}
}
