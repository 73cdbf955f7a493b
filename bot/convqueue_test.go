package bot

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// claimGate is Redis whose next claim round trip, once armed, runs in
// Redis and then waits for the test before it returns: the test decides
// what happens between a claim loading a session and the poller queueing
// the update.
type claimGate struct {
	*storage.Redis
	armed   atomic.Bool
	claimed chan struct{} // the armed claims ran in Redis
	release chan struct{} // closed by the test: they may return
}

func (g *claimGate) SettleThenBegin(ctx context.Context, items []domain.Settle, claims []domain.Claim) ([]error, []domain.Claimed) {
	errs, out := g.Redis.SettleThenBegin(ctx, items, claims)
	if len(claims) > 0 && g.armed.CompareAndSwap(true, false) {
		close(g.claimed)
		<-g.release
	}
	return errs, out
}

// polledText is a private text message of u as getUpdates returns it.
func polledText(id, u int64, text string) update {
	return update{ID: id, Message: &tgMessage{ID: int(id), From: &tgUser{ID: u, FirstName: "Nutzer"},
		Chat: tgChat{ID: u, Type: chatPrivate}, Text: text}}
}

// An update whose claim loaded its conversation while the run before it
// was being saved goes on the session that run saved, also when the run's
// queue ran dry before the update was queued. It used to start a new queue
// on the session its claim loaded, so its write met the newer version and
// failed, and it was handled (and answered) a second time: the rare
// "handled 2 times" of TestShutdownDuringBurst, on a busy machine. The test
// plays poller and worker itself, in the order that failed.
func TestClaimDuringTheLastRunsWrite(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	gate := &claimGate{Redis: p.conv, claimed: make(chan struct{}), release: make(chan struct{})}
	p.wrap = func(*storage.Redis) ConvStore { return gate }
	p.restart()
	const chat = 3401
	p.fake.AddUser(user(chat))
	in := newIntake(p.bot)
	defer in.settler.stop()
	in.settler.leaveFor = time.Millisecond // the poller is busy claiming: the settler sends alone
	ctx := context.Background()

	in.take(ctx, []update{polledText(1, chat, "eins")})
	first := <-in.ready
	gate.armed.Store(true)
	took := make(chan struct{})
	go func() {
		defer close(took)
		in.take(ctx, []update{polledText(2, chat, "zwei")})
	}()
	<-gate.claimed      // "zwei" loaded the session before "eins" was saved
	in.runConv(first)   // "eins" is handled and saved; its queue runs dry
	close(gate.release) // only now is "zwei" queued
	<-took
	in.runConv(<-in.ready)

	for range 2 {
		for _, r := range <-in.results {
			if r.retry {
				t.Errorf("update %d must be handled again: its write failed", r.id)
			}
		}
	}
	for id := range int64(2) {
		if n := p.rec.timesHandled(id + 1); n != 1 {
			t.Errorf("update %d handled %d times, want once", id+1, n)
		}
	}
	if got := sessionLog(t, p.conv, chat, 1<<40); got != "eins,zwei," {
		t.Errorf("conversation log %q, want %q", got, "eins,zwei,")
	}
}
