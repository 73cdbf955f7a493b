package bot

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// While one conversation's handling is held (until the test lets it go),
// the others are answered as usual: all 60 of their answers arrive while
// it is still held, so none waited for it (no bound on how fast: a loaded
// machine may be slow, but not blocked). No update at or after the held
// one is confirmed before the held one was handled.
func TestOneSlowChatDoesNotHoldTheOthers(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	held := user(4000)
	p.fake.AddUser(held)
	release, inHand := make(chan struct{}), make(chan int64, 1)
	var once sync.Once
	let := func() { once.Do(func() { close(release) }) }
	t.Cleanup(let) // a failing test must not leave the handler held
	p.rec.hook = func(u engine.Update) {
		if u.ChatID == held.ID {
			inHand <- u.ID
			<-release
		}
	}
	p.start()
	p.fake.SendText(held, "warte")
	var heldID int64
	select {
	case heldID = <-inHand:
	case <-time.After(10 * time.Second):
		t.Fatal("the held update never reached the engine")
	}
	var slowest time.Duration
	for round := range 3 {
		for id := int64(4001); id <= 4020; id++ {
			u := user(id)
			if round == 0 {
				p.fake.AddUser(u)
			}
			start := time.Now()
			p.fake.SendText(u, "hallo")
			p.expectEcho(id, "hallo")
			slowest = max(slowest, time.Since(start))
		}
	}
	if _, err := p.fake.Next(held.ID, 0); err == nil {
		t.Fatal("the held chat was answered before it was let go")
	}
	for _, id := range p.fake.ConfirmedIDs() {
		if id >= heldID {
			t.Errorf("update %d was confirmed while update %d was still being handled", id, heldID)
		}
	}
	let()
	p.expectEcho(held.ID, "warte")
	waitConfirmed(t, p, 61)
	if got := p.fake.ConfirmedIDs(); !slices.Contains(got, heldID) {
		t.Errorf("the held update was never confirmed: %v", got)
	}
	t.Logf("slowest answer while one chat was held: %v", slowest)
}

// A 429 answered to one conversation's reply is waited out in that
// conversation only: the others are answered meanwhile.
func TestTooManyRequestsHoldsOnlyItsChat(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	waiting := user(4100)
	p.fake.AddUser(waiting)
	for id := int64(4101); id <= 4110; id++ {
		p.fake.AddUser(user(id))
	}
	p.start()
	p.fake.FailNext(1, 3) // the next send, this chat's reply, must wait 3 s
	sent := time.Now()
	p.fake.SendText(waiting, "bitte")
	deadline := time.Now().Add(10 * time.Second)
	for len(p.fake.Calls()) == 0 || p.fake.Calls()[len(p.fake.Calls())-1].Code != 429 {
		if time.Now().After(deadline) {
			t.Fatal("the reply was never answered 429")
		}
		time.Sleep(5 * time.Millisecond)
	}
	for id := int64(4101); id <= 4110; id++ {
		p.fake.SendText(user(id), "hallo")
		p.expectEcho(id, "hallo")
	}
	if _, err := p.fake.Next(waiting.ID, 0); err == nil {
		t.Fatal("the other chats were answered only after the 429's wait was over and the waiting reply went out")
	}
	p.expectEcho(waiting.ID, "bitte")
	if waited := time.Since(sent); waited < 3*time.Second {
		t.Errorf("the reply went out %v after its message, before retry_after", waited)
	}
}
