package flowstest

import (
	"context"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// DrainOutbox claims every queued notification, marks it sent and returns
// them all, oldest first per chat.
func (h *H) DrainOutbox() []domain.Outgoing {
	h.T.Helper()
	ctx := context.Background()
	var all []domain.Outgoing
	for range 20 {
		out, err := h.DB.ClaimOutbox(ctx, 100, time.Minute)
		if err != nil {
			h.T.Fatal(err)
		}
		if len(out) == 0 {
			return all
		}
		for _, m := range out {
			if err := h.DB.MarkOutboxSent(ctx, m, 0, 0); err != nil {
				h.T.Fatal(err)
			}
		}
		all = append(all, out...)
	}
	h.T.Fatal("outbox does not drain")
	return nil
}

// Deliver drains the outbox into the chats (through the Recorder, which
// checks each message as Telegram would) and returns how many each chat got.
func (h *H) Deliver() map[int64]int {
	h.T.Helper()
	got := map[int64]int{}
	for _, m := range h.DrainOutbox() {
		if _, err := h.Msgr.Send(context.Background(), m.ChatID, m.Message); err != nil {
			h.T.Fatalf("deliver to %d: %v", m.ChatID, err)
		}
		got[m.ChatID]++
	}
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
