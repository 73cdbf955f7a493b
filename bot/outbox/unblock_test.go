package outbox

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A chat that blocked the bot gets its messages once it is unblocked
// (storage.Store.UnblockChat, which the intake calls when an update comes
// from the chat): the one Telegram refused with 403, the one pending then
// and the one enqueued while the chat was blocked, in their order. A message
// given up for another reason stays given up.
func TestOutboxUnblockedChatGetsItsMessages(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramLimits)
	ctx := context.Background()
	r.users(95, 1)
	bad := [][]domain.Button{{{Label: "kaputt", Data: strings.Repeat("x", 65)}}}
	if err := r.store.Notify(ctx, []domain.Notification{{ChatID: 95, Message: domain.Message{Text: "nie", Buttons: bad}}}); err != nil {
		t.Fatal(err)
	}
	r.fake.Block(95)
	r.notify([]int64{95}, "a", "b")
	s := r.sender(nil, 30, 1)
	r.run(s)
	waitUntil(t, 15*time.Second, "one message refused, the chat given up as blocked", func() bool {
		return counterValue(t, s.metrics.failed.WithLabelValues("refused")) == 1 &&
			counterValue(t, s.metrics.failed.WithLabelValues("blocked")) == 1
	})
	r.notify([]int64{95}, "c") // given up at once: the chat is blocked
	if n, err := r.store.PendingOutbox(ctx); err != nil || n != 0 {
		t.Fatalf("pending = %d, %v while the chat is blocked; want 0", n, err)
	}
	r.fake.Unblock(95)
	if ok, err := r.store.UnblockChat(ctx, 95); !ok || err != nil {
		t.Fatalf("unblock: %v, %v; want true, nil", ok, err)
	}
	r.waitSent(3, 15*time.Second)
	waitUntil(t, 15*time.Second, "every message recorded", func() bool {
		n, err := r.store.PendingOutbox(ctx)
		return err == nil && n == 0 && counterValue(t, s.metrics.sent) == 3
	})
	if got := r.texts(95); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("the chat got %q after the unblock, want [a b c]", got)
	}
	if n := len(r.sends(200)); n != 3 {
		t.Fatalf("%d messages sent, want 3 (the refused one stays given up)", n)
	}
}
