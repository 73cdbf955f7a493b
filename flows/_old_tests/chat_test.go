package flows_test

import (
	"context"
	"slices"
	"strings"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// What a person does in the chat, and what the test looks at afterwards.

// send sends text, or a command when it starts with "/".
func (h *harness) send(p person, text string) {
	h.t.Helper()
	u := h.update(p, flows.KindText)
	if name, ok := strings.CutPrefix(text, "/"); ok {
		u.Kind = flows.KindCommand
		u.Command, u.Args, _ = strings.Cut(name, " ")
	} else {
		u.Text = text
	}
	h.handle(u)
	h.noError()
}

// sticker sends a message without text.
func (h *harness) sticker(p person) {
	h.t.Helper()
	h.handle(h.update(p, flows.KindOther))
	h.noError()
}

// press presses the button labelled label on the newest message that shows
// it and returns the toast.
func (h *harness) press(p person, label string) string {
	h.t.Helper()
	id, data := h.find(p, label)
	return h.pressData(p, id, data)
}

// find returns the id and callback data of the button labelled label on
// the newest message of p's chat that shows it.
func (h *harness) find(p person, label string) (int, string) {
	h.t.Helper()
	msgs := h.msgr.messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Label == label {
					return msgs[i].ID, b.Data
				}
			}
		}
	}
	h.t.Fatalf("no message shows a button %q; last message:\n%s", label, h.last(p).Text)
	return 0, ""
}

// pressData presses a button with data on message id (maybe forged).
func (h *harness) pressData(p person, id int, data string) string {
	h.t.Helper()
	u := h.update(p, flows.KindButton)
	u.Data, u.MessageID = data, id
	return h.handle(u)
}

func (h *harness) noError() {
	h.t.Helper()
	if h.err != nil && !h.allowErr {
		h.t.Fatalf("Handle: %v", h.err)
	}
}

// last returns the newest message of p's chat.
func (h *harness) last(p person) sent {
	h.t.Helper()
	msgs := h.msgr.messages(p.ID)
	if len(msgs) == 0 {
		h.t.Fatalf("no message in chat %d", p.ID)
	}
	return msgs[len(msgs)-1]
}

// expect fails unless the newest message contains every text.
func (h *harness) expect(p person, texts ...string) sent {
	h.t.Helper()
	m := h.last(p)
	for _, s := range texts {
		if !strings.Contains(m.Text, s) {
			h.t.Fatalf("newest message lacks %q:\n%s", s, m.Text)
		}
	}
	return m
}

// tr translates key like the bot does.
func (h *harness) tr(lang, key string, data map[string]any) string {
	return h.texts.T(lang, key, data)
}

// session returns p's stored session.
func (h *harness) session(p person) flows.Session {
	h.t.Helper()
	ctx := context.Background()
	h.upd++
	sess, err := h.redis.Begin(ctx, h.upd, flows.ConvKey{ChatID: p.ID, UserID: p.ID})
	if err != nil {
		h.t.Fatalf("Begin: %v", err)
	}
	if err := h.redis.Abort(ctx, h.upd); err != nil {
		h.t.Fatalf("Abort: %v", err)
	}
	return sess
}

// user returns p's record in Postgres.
func (h *harness) user(p person) (flows.User, error) {
	return h.db.UserByTelegramID(context.Background(), p.ID)
}

// buttons returns the labels of the newest message's buttons.
func (h *harness) buttons(p person) []string {
	var out []string
	for _, row := range h.last(p).Buttons {
		for _, b := range row {
			out = append(out, b.Label)
		}
	}
	return out
}

// expectButtons fails unless the newest message shows every label.
func (h *harness) expectButtons(p person, labels ...string) {
	h.t.Helper()
	have := h.buttons(p)
	for _, l := range labels {
		if !slices.Contains(have, l) {
			h.t.Fatalf("newest message lacks button %q; it has %q", l, have)
		}
	}
}

// loseSessions makes every stored session vanish (as if Redis expired them),
// by switching to a fresh key prefix.
func (h *harness) loseSessions() {
	h.t.Helper()
	h.redis = storagetest.Redis(h.t, storage.RedisOptions{})
}

// errorsAllowed runs f, in which Handle may return errors (kept in h.err).
func (h *harness) errorsAllowed(f func()) {
	h.t.Helper()
	h.allowErr = true
	defer func() { h.allowErr = false }()
	f()
}
