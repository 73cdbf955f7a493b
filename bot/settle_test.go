package bot

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// sessionLog reads chat's conversation log as Redis has it now.
func sessionLog(t *testing.T, conv *storage.Redis, chat int64, probe int64) string {
	t.Helper()
	ctx := context.Background()
	key := domain.ConvKey{ChatID: chat, UserID: chat}
	sess, err := conv.Begin(ctx, probe, key)
	if err != nil {
		t.Fatal(err)
	}
	if err := conv.Abort(ctx, probe); err != nil {
		t.Fatal(err)
	}
	return sess.Data["log"]
}

// waitConfirmed waits until the fake saw every update of ids confirmed.
func waitConfirmed(t *testing.T, p *pipeline, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for len(p.fake.ConfirmedIDs()) < n {
		if time.Now().After(deadline) {
			t.Fatalf("confirmed %v, want %d updates", p.fake.ConfirmedIDs(), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A handler slower than the turn's budget does not cost the other
// conversations of its batch their writes: they are saved with their own
// deadline, and nothing is confirmed unsaved.
func TestSlowHandlerDoesNotLoseTheBatchsWrites(t *testing.T) {
	p := newPipeline(t, "polling", time.Minute)
	p.bot.handleTimeout = 300 * time.Millisecond
	p.rec.hook = func(u engine.Update) {
		if u.Text == "slow" {
			time.Sleep(time.Second) // ignores its context, as a stuck call would
		}
	}
	chats := []int64{3101, 3102, 3103}
	for i, id := range chats {
		p.fake.AddUser(user(id))
		text := "fast"
		if i == 0 {
			text = "slow"
		}
		p.fake.SendText(user(id), text) // queued before the bot starts: one batch
	}
	p.start()
	for _, id := range chats[1:] {
		p.expectEcho(id, "fast")
	}
	// The slow one's answer missed its deadline; its turn still counts.
	waitConfirmed(t, p, len(chats))
	if err := p.stop(); err != nil {
		t.Fatal(err)
	}
	for i, id := range chats {
		want := map[bool]string{true: "slow,", false: "fast,"}[i == 0]
		if got := sessionLog(t, p.conv, id, 1<<40+int64(i)); got != want {
			t.Errorf("chat %d: conversation log %q, want %q: an answered update was confirmed unsaved", id, got, want)
		}
	}
}

// failingSettle is Redis whose next SettleAll fails as chosen: after a
// competing write (a compare-and-set conflict), or without reaching Redis.
type failingSettle struct {
	*storage.Redis
	peer     *storage.Redis
	conflict atomic.Bool // the next SettleAll meets a session written meanwhile
	down     atomic.Bool // the next SettleAll fails as if Redis were unreachable
}

func (f *failingSettle) SettleAll(ctx context.Context, items []domain.Settle) []error {
	if f.down.CompareAndSwap(true, false) {
		errs := make([]error, len(items))
		for i := range errs {
			errs[i] = errors.New("dial tcp 127.0.0.1:6379: connection refused")
		}
		return errs
	}
	if f.conflict.CompareAndSwap(true, false) {
		for _, it := range items {
			if it.Session == nil {
				continue
			}
			s, err := f.peer.Begin(ctx, it.UpdateID+1<<41, it.Key)
			if err == nil {
				s.Data = map[string]string{"log": "meanwhile,"}
				_, err = f.peer.Commit(ctx, it.UpdateID+1<<41, it.Key, s)
			}
			if err != nil {
				panic(err)
			}
		}
	}
	return f.Redis.SettleAll(ctx, items)
}

// SettleThenBegin fails its settles as SettleAll does; the claims go their
// own round trip (a test double may cost one more).
func (f *failingSettle) SettleThenBegin(ctx context.Context, items []domain.Settle, claims []domain.Claim) ([]error, []domain.Claimed) {
	var errs []error
	if len(items) > 0 {
		errs = f.SettleAll(ctx, items)
	}
	return errs, f.Redis.BeginAll(ctx, claims)
}

// A conversation write that fails is not confirmed: the update is handled
// again, on the session as it now is, and confirmed only then.
func TestFailedWriteIsHandledAgain(t *testing.T) {
	for _, failure := range []string{"conflict", "redis down"} {
		t.Run(failure, func(t *testing.T) {
			p := newPipeline(t, "polling", time.Second)
			peer, err := storage.OpenRedis(context.Background(), storagetest.RedisURL(t), p.conv.Options())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = peer.Close() })
			fs := &failingSettle{Redis: p.conv, peer: peer}
			if failure == "conflict" {
				fs.conflict.Store(true)
			} else {
				fs.down.Store(true)
			}
			p.wrap = func(*storage.Redis) ConvStore { return fs }
			p.restart()
			u := user(3201)
			p.fake.AddUser(u)
			p.fake.SendText(u, "eins")
			p.start()
			p.expectEcho(u.ID, "eins")
			p.expectEcho(u.ID, "eins") // handled again: the user sees the answer twice
			waitConfirmed(t, p, 1)
			if err := p.stop(); err != nil {
				t.Fatal(err)
			}
			id := p.fake.ConfirmedIDs()[0]
			if n := p.rec.timesHandled(id); n != 2 {
				t.Errorf("update handled %d times, want 2", n)
			}
			want := "eins,"
			if failure == "conflict" {
				want = "meanwhile,eins," // on the session as it was after the competing write
			}
			if got := sessionLog(t, p.conv, u.ID, 1<<40); got != want {
				t.Errorf("conversation log %q, want %q", got, want)
			}
			if c := p.fake.ConfirmedIDs(); !slices.Equal(c, []int64{id}) {
				t.Errorf("confirmed %v, want the one update once", c)
			}
		})
	}
}
