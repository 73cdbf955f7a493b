package flowstest

import (
	"context"
	"reflect"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// DrainOutbox claims every queued notification, marks it sent (as a message
// whose id is not known, so none goes on record as shown) and returns the
// new messages, oldest first per chat; edits of shown messages are drained
// without being applied.
func (h *H) DrainOutbox() []domain.Outgoing {
	h.T.Helper()
	var all []domain.Outgoing
	h.drain(func(m domain.Outgoing) int {
		if m.EditID == 0 {
			all = append(all, m)
		}
		return 0
	})
	return all
}

// drain claims every queued outbox row, hands it to deliver and marks it
// sent as the message id deliver returns, until nothing is due.
func (h *H) drain(deliver func(m domain.Outgoing) int) {
	h.T.Helper()
	ctx := context.Background()
	for range 20 {
		out, err := h.DB.ClaimOutbox(ctx, 100, time.Minute)
		if err != nil {
			h.T.Fatal(err)
		}
		if len(out) == 0 {
			return
		}
		for _, m := range out {
			id := deliver(m)
			if err := h.DB.MarkOutboxSent(ctx, m, id, 0); err != nil {
				h.T.Fatal(err)
			}
		}
	}
	h.T.Fatal("outbox does not drain")
}

// Deliver drains the outbox into the chats as the sender does (through the
// Recorder, which checks each message as Telegram would): new messages are
// sent and recorded with their ids, edits of shown messages replace their
// buttons, and their text when they carry one (an edit Telegram finds
// needless counts as done). It returns how many new messages each chat got.
func (h *H) Deliver() map[int64]int {
	h.T.Helper()
	got := map[int64]int{}
	h.drain(func(m domain.Outgoing) int {
		if m.EditID != 0 {
			if err := h.Msgr.EditOutbox(m); err != nil && !Needless(err) {
				h.T.Fatalf("edit of message %d in %d: %v", m.EditID, m.ChatID, err)
			}
			return 0
		}
		id, err := h.Msgr.Send(context.Background(), m.ChatID, m.Message)
		if err != nil {
			h.T.Fatalf("deliver to %d: %v", m.ChatID, err)
		}
		got[m.ChatID]++
		return id
	})
	return got
}

// ExpectDelivered delivers the outbox and fails unless exactly the chats in
// want got exactly that many notifications.
func (h *H) ExpectDelivered(want map[int64]int) {
	h.T.Helper()
	got := h.Deliver()
	if len(got) != len(want) {
		h.T.Fatalf("notifications per chat %v, want %v", got, want)
	}
	for chat, n := range want {
		if got[chat] != n {
			h.T.Fatalf("notifications per chat %v, want %v", got, want)
		}
	}
}

// EditOutbox applies the outbox's edit row m to its message as the sender
// does: its text and buttons when it carries a text (m.EditsText, sent as
// editMessageText), else its buttons (editMessageReplyMarkup). It returns
// Telegram's error for an edit that changes nothing or a message that does
// not exist (see Needless) without failing the test: the sender counts
// them done.
func (r *Recorder) EditOutbox(m domain.Outgoing) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.seq++
	check := domain.Message{Text: "x", Buttons: m.Message.Buttons}
	if m.EditsText() {
		check.Text = m.Message.Text
	}
	if err := CheckMessage(check); err != nil {
		r.tb.Errorf("the edit of message %d would fail: %v", m.EditID, err)
		return err
	}
	for _, s := range r.chats[m.ChatID] {
		if s.ID != m.EditID {
			continue
		}
		sameButtons := len(s.Buttons) == 0 && len(m.Message.Buttons) == 0 || reflect.DeepEqual(s.Buttons, m.Message.Buttons)
		if sameButtons && (!m.EditsText() || s.Text == m.Message.Text) {
			return errNotModified
		}
		if m.EditsText() {
			s.Text = m.Message.Text
		}
		s.Buttons = m.Message.Buttons
		s.Edits++
		return nil
	}
	return errEditGone
}
