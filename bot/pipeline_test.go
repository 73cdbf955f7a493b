package bot

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

func TestBurstInOneChatIsHandledInOrderWithoutLostWrites(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	u := user(1001)
	p.fake.AddUser(u)
	var sent []string
	send := func(n int) {
		for range n {
			text := fmt.Sprintf("m%02d", len(sent))
			sent = append(sent, text)
			p.fake.SendText(u, text)
		}
	}
	send(10) // queued before the bot starts: one batch
	p.start()
	send(10) // while it runs
	for _, text := range sent {
		p.expectEcho(u.ID, text)
	}
	if got := p.rec.seen(u.ID); !slices.Equal(got, sent) {
		t.Fatalf("handled in order %v, want %v", got, sent)
	}
	// The last commit may land just after the last echo: read until it has.
	want := joinLog(sent)
	var got string
	deadline := time.Now().Add(10 * time.Second)
	for probe := int64(1 << 40); ; probe++ {
		sess, err := p.conv.Begin(context.Background(), probe, domain.ConvKey{ChatID: u.ID, UserID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got = sess.Data["log"]; got == want {
			return
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("conversation log %q after 10s, want %q: a write was lost", got, want)
}

func TestChatsDoNotWaitOnEachOther(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	release := make(chan struct{})
	p.rec.hook = func(u engine.Update) {
		if u.ChatID == 2000 {
			<-release // the first chat is stuck
		}
	}
	for id := int64(2000); id < 2050; id++ {
		p.fake.AddUser(user(id))
		p.fake.SendText(user(id), "hallo")
	}
	p.start()
	for id := int64(2001); id < 2050; id++ {
		p.expectEcho(id, "hallo")
	}
	close(release)
	p.expectEcho(2000, "hallo")
}

func TestCallbackQueriesAreAnswered(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	u := user(3001)
	p.fake.AddUser(u)
	p.start()
	p.fake.SendText(u, "knopf")
	p.expectEcho(u.ID, "knopf")
	msgs := p.fake.Messages(u.ID)
	p.fake.PressData(u, msgs[len(msgs)-1].ID, "any:data")
	deadline := time.Now().Add(10 * time.Second)
	for len(p.fake.Answers()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the callback query was not answered")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if a := p.fake.Answers(); len(a) != 1 || a[0].Text != "ok" {
		t.Fatalf("answers %+v, want one with the handler's toast", a)
	}
}
