package flows

import "log/slog"

// langOf is the language to write to u in: theirs when we speak it, else
// the default.
func (t *turn) langOf(u User) string {
	if t.e.cfg.Texts.Supports(u.Lang) {
		return u.Lang
	}
	return t.e.cfg.DefaultLang
}

// notification is the text key, filled with data, for u in u's language,
// with rows of durable buttons (built for that language by the caller).
func (t *turn) notification(u User, key string, data map[string]any, rows [][]button) Notification {
	msg := Message{Text: t.e.cfg.Texts.T(t.langOf(u), key, data)}
	if len(rows) > 0 {
		// Only durable buttons can sit under a notification: no session
		// knows its message.
		var err error
		if msg.Buttons, err = buttonRows("", rows); err != nil {
			t.e.cfg.Log.Error("notification buttons", slog.String("key", key), slog.Any("err", err))
			msg.Buttons = nil
		}
	}
	return Notification{ChatID: u.ChatID, Message: msg}
}
