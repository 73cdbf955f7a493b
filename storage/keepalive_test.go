package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// KeepAlive renews the chat lock and the update leases this process holds,
// and leaves alone what it does not hold (any more).
func TestKeepAliveRenewsWhatThisProcessHolds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{Lease: 5 * time.Second})
	other := peer(t, r)
	if _, err := r.Begin(ctx, 1, key); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Begin(ctx, 2, key); err != nil {
		t.Fatal(err)
	}
	unlock, err := r.LockChat(ctx, key.ChatID, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Client()
	p := r.Options().Prefix
	for _, k := range []string{"upd:1", "upd:2", "chat:42"} {
		if err := c.PExpire(ctx, p+k, 100*time.Millisecond).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.KeepAlive(ctx, key.ChatID, []int64{1, 2}); err != nil {
		t.Fatal(err)
	}
	ttl := func(k string) time.Duration {
		d, err := c.PTTL(ctx, p+k).Result()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if d := ttl("upd:1"); d < 4*time.Second {
		t.Errorf("this process's lease has %v left, want it renewed to about 5s", d)
	}
	if d := ttl("chat:42"); d < 4*time.Second {
		t.Errorf("this process's chat lock has %v left, want it renewed to about 5s", d)
	}
	if d := ttl("upd:2"); d > time.Second {
		t.Errorf("another process's lease was renewed: %v left", d)
	}
	if err := unlock(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.KeepAlive(ctx, key.ChatID, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := c.Exists(ctx, p+"chat:42").Result(); n != 0 {
		t.Error("a released chat lock came back")
	}
}
