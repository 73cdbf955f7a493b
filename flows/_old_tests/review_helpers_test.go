package flows_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows"
)

// What the review tests share: a submitted request, the outbox delivered
// as the sender would, presses on durable buttons.

// reviewSetup registers municipal contact id (German), submits the
// standard request and delivers the coordinators' notifications.
func reviewSetup(t *testing.T, id int64) (*harness, person, flows.Request) {
	t.Helper()
	h, _ := newRequestHarness(t)
	p := person{ID: id, LangHint: "de"}
	registerMunicipal(h, p, "de")
	r := submitRequest(t, h, p, "de")
	deliver(t, h)
	return h, p, r
}

// deliver hands every queued notification to its chat, as the bot's outbox
// sender does, and returns how many each chat got.
func deliver(t *testing.T, h *harness) map[int64]int {
	t.Helper()
	got := map[int64]int{}
	for _, m := range drainOutbox(t, h) {
		if _, err := h.msgr.Send(context.Background(), m.ChatID, m.Message); err != nil {
			t.Fatalf("deliver to %d: %v", m.ChatID, err)
		}
		got[m.ChatID]++
	}
	return got
}

// expectDelivered delivers the outbox and fails unless exactly the chats in
// want got exactly that many notifications.
func expectDelivered(t *testing.T, h *harness, want map[int64]int) {
	t.Helper()
	got := deliver(t, h)
	if len(got) != len(want) {
		t.Fatalf("notifications per chat %v, want %v", got, want)
	}
	for chat, n := range want {
		if got[chat] != n {
			t.Fatalf("notifications per chat %v, want %v", got, want)
		}
	}
}

// pressBelow presses the button labelled label on the newest message that
// shows it, checks that the outcome came as a new message and the pressed
// one lost its buttons, and returns the toast and the new message.
func pressBelow(h *harness, p person, label string) (string, sent) {
	h.t.Helper()
	id, data := h.find(p, label)
	toast := h.pressData(p, id, data)
	if m := h.message(p, id); len(m.Buttons) != 0 {
		h.t.Errorf("the pressed message kept its buttons: %q", m.Buttons)
	}
	m := h.last(p)
	if m.ID == id {
		h.t.Fatalf("no new message after pressing %q", label)
	}
	return toast, m
}

// message returns message id of p's chat as it is now.
func (h *harness) message(p person, id int) sent {
	h.t.Helper()
	for _, m := range h.msgr.messages(p.ID) {
		if m.ID == id {
			return m
		}
	}
	h.t.Fatalf("no message %d in chat %d", id, p.ID)
	return sent{}
}

// durable presses a durable button that acts on request id, as a forged
// or replayed callback would, on the newest message, and returns the toast.
func durable(h *harness, p person, act string, id int64) string {
	h.t.Helper()
	data, err := flows.CallbackData("*", act, strconv.FormatInt(id, 10))
	if err != nil {
		h.t.Fatal(err)
	}
	return h.pressData(p, h.last(p).ID, data)
}

// firstLine is the first line of a text.
func firstLine(s string) string { return strings.Split(s, "\n")[0] }

// approvedLine is the first line of the approval the requester of r gets.
func approvedLine(h *harness, lang string, r flows.Request) string {
	return firstLine(h.tr(lang, "review.notify_approved", map[string]any{"Ref": r.Ref,
		"Topic": flows.HTML(h.tr(lang, "topic.other_topic", nil) + ": Mehrsprachige Bürgerberatung")}))
}

// wantIn fails unless message m contains every text.
func wantIn(t *testing.T, m sent, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(m.Text, s) {
			t.Fatalf("message lacks %q:\n%s", s, m.Text)
		}
	}
}
