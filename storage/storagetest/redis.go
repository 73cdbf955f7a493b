package storagetest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/storage"
)

// RedisURL returns REDIS_URL or fails the test.
func RedisURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("REDIS_URL")
	if u == "" {
		t.Fatal("set REDIS_URL (make test starts a Redis)")
	}
	return u
}

// Redis returns a *storage.Redis whose keys live under a prefix of their
// own ("t:<random>:" put before opt.Prefix); the keys are deleted and the
// client closed when the test ends.
func Redis(t testing.TB, opt storage.RedisOptions) *storage.Redis {
	t.Helper()
	u := RedisURL(t)
	opt.Prefix = "t:" + randomHex(t, 8) + ":" + opt.Prefix
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	r, err := storage.OpenRedis(ctx, u, opt)
	if err != nil {
		t.Fatalf("storagetest: open redis: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		c := r.Client()
		iter := c.Scan(ctx, 0, globEscape(opt.Prefix)+"*", 500).Iterator()
		var keys []string
		for iter.Next(ctx) {
			keys = append(keys, iter.Val())
		}
		if err := iter.Err(); err != nil {
			t.Errorf("storagetest: scan redis keys: %v", err)
		}
		if len(keys) > 0 {
			if err := c.Del(ctx, keys...).Err(); err != nil {
				t.Errorf("storagetest: delete redis keys: %v", err)
			}
		}
		if err := r.Close(); err != nil {
			t.Errorf("storagetest: %v", err)
		}
	})
	return r
}

// RedisPeer opens another client on r's key space, as a second instance of
// the bot (another process) has it: the same URL, prefix and options, but
// its own connections and its own instance id, so that its claim and lock
// tokens are its own. It is closed when the test ends; r's clean-up deletes
// the keys.
func RedisPeer(t testing.TB, r *storage.Redis) *storage.Redis {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	p, err := storage.OpenRedis(ctx, RedisURL(t), r.Options())
	if err != nil {
		t.Fatalf("storagetest: open redis peer: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("storagetest: %v", err)
		}
	})
	return p
}

// globEscape quotes the characters SCAN patterns treat specially.
func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`, "]", `\]`).Replace(s)
}
