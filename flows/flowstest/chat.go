package flowstest

import (
	"context"
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// What a person does in the chat, and what the test looks at afterwards.

// Send sends text, or a command when it starts with "/".
func (h *H) Send(p Person, text string) {
	h.T.Helper()
	u := h.Update(p, engine.KindText)
	if name, ok := strings.CutPrefix(text, "/"); ok {
		u.Kind = engine.KindCommand
		u.Command, u.Args, _ = strings.Cut(name, " ")
	} else {
		u.Text = text
	}
	h.Handle(u)
	h.NoError()
}

// Sticker sends a message without text.
func (h *H) Sticker(p Person) {
	h.T.Helper()
	h.Handle(h.Update(p, engine.KindOther))
	h.NoError()
}

// Press presses the button labelled label on the newest message that shows
// it and returns the toast. Handle's error fails the test, unless inside
// ErrorsAllowed.
func (h *H) Press(p Person, label string) string {
	h.T.Helper()
	id, data := h.Find(p, label)
	toast := h.PressData(p, id, data)
	h.NoError()
	return toast
}

// Change presses "✏️ Ändern" on the summary (in lang) and then, in the
// list of the fields it shows, the field labelled label.
func (h *H) Change(p Person, lang, label string) {
	h.T.Helper()
	h.Press(p, h.Plain(lang, "btn.edit", nil))
	h.Press(p, label)
}

// Find returns the id and callback data of the button labelled label on
// the newest message of p's chat that shows it.
func (h *H) Find(p Person, label string) (int, string) {
	h.T.Helper()
	msgs := h.Msgr.Messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Label == label {
					return msgs[i].ID, b.Data
				}
			}
		}
	}
	h.T.Fatalf("no message shows a button %q; last message:\n%s", label, h.Last(p).Text)
	return 0, ""
}

// PressData presses a button with data on message id (maybe forged);
// Handle's error is left in h.Err.
func (h *H) PressData(p Person, id int, data string) string {
	h.T.Helper()
	u := h.Update(p, engine.KindButton)
	u.Data, u.MessageID = data, id
	return h.Handle(u)
}

func (h *H) NoError() {
	h.T.Helper()
	if h.Err != nil && !h.allowErr {
		h.T.Fatalf("Handle: %v", h.Err)
	}
}

// Last returns the newest message of p's chat.
func (h *H) Last(p Person) Sent {
	h.T.Helper()
	msgs := h.Msgr.Messages(p.ID)
	if len(msgs) == 0 {
		h.T.Fatalf("no message in chat %d", p.ID)
	}
	return msgs[len(msgs)-1]
}

// Expect fails unless the newest message contains every text.
func (h *H) Expect(p Person, texts ...string) Sent {
	h.T.Helper()
	m := h.Last(p)
	for _, s := range texts {
		if !strings.Contains(m.Text, s) {
			h.T.Fatalf("newest message lacks %q:\n%s", s, m.Text)
		}
	}
	return m
}

// Tr translates key like the bot does (Telegram HTML).
func (h *H) Tr(lang, key string, data map[string]any) string {
	return h.Texts.T(lang, key, data)
}

// Session returns p's stored session.
func (h *H) Session(p Person) domain.Session {
	h.T.Helper()
	ctx := context.Background()
	h.upd++
	sess, err := h.Redis.Begin(ctx, h.upd, domain.ConvKey{ChatID: p.ID, UserID: p.ID})
	if err != nil {
		h.T.Fatalf("Begin: %v", err)
	}
	if err := h.Redis.Abort(ctx, h.upd); err != nil {
		h.T.Fatalf("Abort: %v", err)
	}
	return sess
}

// User returns p's record in Postgres.
func (h *H) User(p Person) (domain.User, error) {
	return h.DB.UserByTelegramID(context.Background(), p.ID)
}

// Plain translates key as button labels and toasts show it.
func (h *H) Plain(lang, key string, data map[string]any) string {
	return h.Texts.Plain(lang, key, data)
}

// Message returns message id of p's chat as it shows now.
func (h *H) Message(p Person, id int) Sent {
	h.T.Helper()
	for _, m := range h.Msgr.Messages(p.ID) {
		if m.ID == id {
			return m
		}
	}
	h.T.Fatalf("chat %d has no message %d", p.ID, id)
	return Sent{}
}

// Buttons returns the labels of the newest message's buttons.
func (h *H) Buttons(p Person) []string {
	var out []string
	for _, row := range h.Last(p).Buttons {
		for _, b := range row {
			out = append(out, b.Label)
		}
	}
	return out
}

// ExpectButtons fails unless the newest message shows every label.
func (h *H) ExpectButtons(p Person, labels ...string) {
	h.T.Helper()
	have := h.Buttons(p)
	for _, l := range labels {
		if !slices.Contains(have, l) {
			h.T.Fatalf("newest message lacks button %q; it has %q", l, have)
		}
	}
}

// LoseSessions makes every stored session vanish (as if Redis expired them),
// by switching to a fresh key prefix.
func (h *H) LoseSessions() {
	h.T.Helper()
	h.Redis = storagetest.Redis(h.T, storage.RedisOptions{})
}

// ErrorsAllowed runs f, in which Handle may return errors (kept in h.Err).
func (h *H) ErrorsAllowed(f func()) {
	h.T.Helper()
	h.allowErr = true
	defer func() { h.allowErr = false }()
	f()
}
