package bot

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

var _ ChatUnblocker = (*storage.Store)(nil)

// notify writes one notification to chat through the outbox.
func notifyChat(t *testing.T, p *pipeline, chat int64, text string) {
	t.Helper()
	if err := p.store.Notify(context.Background(), []domain.Notification{{ChatID: chat, Message: messageText(text)}}); err != nil {
		t.Fatal(err)
	}
}

// waitGivenUp waits until the outbox has nothing pending.
func waitGivenUp(t *testing.T, p *pipeline) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := p.store.PendingOutbox(context.Background())
		if err == nil && n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox still holds %d messages (%v)", n, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitTexts waits until chat has received every one of want (in any order).
func waitTexts(t *testing.T, p *pipeline, chat int64, want ...string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var got []string
		for _, m := range p.fake.Messages(chat) {
			got = append(got, m.Text)
		}
		missing := slices.DeleteFunc(slices.Clone(want), func(w string) bool { return slices.Contains(got, w) })
		if len(missing) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("chat %d received %q, lacks %q", chat, got, missing)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A chat that blocked the bot is unblocked by its next update, and the
// messages the block gave up go out: blocked by this instance's sender,
// and blocked by another instance before this one started.
func TestUpdateUnblocksTheChat(t *testing.T) {
	t.Run("this instance's sender", func(t *testing.T) {
		p := newPipeline(t, "polling", time.Minute)
		u := user(3301)
		p.fake.AddUser(u)
		p.fake.Block(u.ID)
		p.start()
		notifyChat(t, p, u.ID, "erste")
		waitGivenUp(t, p) // refused with 403: the chat is recorded as blocked
		notifyChat(t, p, u.ID, "zweite")
		waitGivenUp(t, p) // given up as it is enqueued
		if n := len(p.fake.Messages(u.ID)); n != 0 {
			t.Fatalf("a blocked chat received %d messages", n)
		}
		p.fake.Unblock(u.ID)
		p.fake.SendText(u, "hallo")
		waitTexts(t, p, u.ID, "echo hallo", "erste", "zweite")
	})
	t.Run("another instance", func(t *testing.T) {
		p := newPipeline(t, "polling", time.Minute)
		u := user(3302)
		p.fake.AddUser(u)
		ctx := context.Background()
		notifyChat(t, p, u.ID, "dritte")
		claimed, err := p.store.ClaimOutbox(ctx, 10, time.Minute)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %v, %v", claimed, err)
		}
		if err := p.store.FailOutbox(ctx, claimed[0], "Forbidden: bot was blocked by the user", true); err != nil {
			t.Fatal(err)
		}
		p.start()
		p.fake.SendText(u, "hallo")
		waitTexts(t, p, u.ID, "echo hallo", "dritte")
	})
}

// A block this instance learns of while the set is read again stays known.
func TestBlockedChatsReplaceKeepsNewerBlocks(t *testing.T) {
	var b blockedChats
	b.add(1)
	asked := time.Now()
	time.Sleep(time.Millisecond) // the clock must move past asked
	b.add(2)                     // learnt while the read was under way
	b.replace([]int64{3}, asked)
	for chat, want := range map[int64]bool{1: false, 2: true, 3: true} {
		if got := b.has(chat); got != want {
			t.Errorf("chat %d known blocked = %v, want %v", chat, got, want)
		}
	}
	b.remove(3)
	if b.has(3) {
		t.Error("chat 3 still known blocked after remove")
	}
}
