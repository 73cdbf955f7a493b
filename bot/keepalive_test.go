package bot

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// An instance that handles an update for longer than the chat lock's and
// the lease's lifetime keeps them alive: another instance, given the
// chat's next update meanwhile, is still refused and waits.
func TestLongHandlingKeepsTheChatLock(t *testing.T) {
	t.Parallel()
	a := newPipeline(t, "webhook", 0) // the default, short lease
	peer := &lockWatch{Redis: storagetest.RedisPeer(t, a.conv), refused: make(chan int64, 1)}
	b2, err := New(a.bot.cfg, a.bot.store, peer, func(engine.Messenger) (Engine, error) { return a.rec, nil })
	if err != nil {
		t.Fatal(err)
	}
	a.fake.AddUser(user(6101))
	started, release := make(chan int64, 4), make(chan struct{})
	a.rec.hook = func(u engine.Update) {
		started <- u.ID
		if u.ID == 800 {
			<-release
		}
	}
	var wg sync.WaitGroup
	codes := make(chan int, 2)
	wg.Go(func() { codes <- post(t, a.bot.WebhookHandler(), "s3cret-for-tests", textUpdate(800, 6101, "lang")) })
	if id := <-started; id != 800 {
		t.Fatalf("update %d started first", id)
	}
	time.Sleep(lockTTL + keepAliveEvery) // past the lifetime the lock was taken with
	wg.Go(func() { codes <- post(t, b2.WebhookHandler(), "s3cret-for-tests", textUpdate(801, 6101, "danach")) })
	select {
	case id := <-started:
		t.Fatalf("update %d started on the second instance while the first still held the chat", id)
	case <-peer.refused:
	case <-time.After(20 * time.Second):
		t.Fatal("the second instance was neither refused the chat lock nor started the update")
	}
	close(release)
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Errorf("a delivery was answered HTTP %d", code)
		}
	}
	if got := a.rec.seen(6101); len(got) != 2 || got[0] != "lang" || got[1] != "danach" {
		t.Errorf("handled %v, want [lang danach]", got)
	}
}
