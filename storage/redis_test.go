package storage_test

import (
	"context"
	"errors"
	"net"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

func TestOpenRedisDefaults(t *testing.T) {
	t.Parallel()
	r := storagetest.Redis(t, storage.RedisOptions{})
	want := storage.RedisOptions{Prefix: r.Options().Prefix, Lease: 3 * time.Second,
		DoneTTL: 24 * time.Hour, SessionTTL: 8 * 24 * time.Hour}
	got := r.Options()
	got.Log = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options = %+v, want %+v", got, want)
	}
	if err := r.Ping(context.Background()); err != nil {
		t.Errorf("ping: %v", err)
	}
}

// A Dial in the options opens the connections to Redis.
func TestOpenRedisDialsWithTheGivenDial(t *testing.T) {
	t.Parallel()
	var dials atomic.Int32
	var d net.Dialer
	r := storagetest.Redis(t, storage.RedisOptions{Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return d.DialContext(ctx, network, addr)
	}})
	if err := r.Ping(context.Background()); err != nil {
		t.Fatalf("ping: %v", err)
	}
	if dials.Load() == 0 {
		t.Fatal("Redis was reached without the given Dial")
	}
}

func TestOpenRedisFails(t *testing.T) {
	t.Parallel()
	for _, url := range []string{"not a url", "redis://127.0.0.1:1/0?dial_timeout=1s"} {
		if r, err := storage.OpenRedis(context.Background(), url, storage.RedisOptions{}); err == nil {
			_ = r.Close()
			t.Errorf("OpenRedis(%q) succeeded", url)
		}
	}
}

func TestRoundTrips(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	// Warm connections: go-redis dials and initialises a connection (HELLO,
	// CLIENT SETINFO) for the first command and again for the first pipeline;
	// those round trips count too, but only once.
	if err := r.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Client().Pipelined(ctx, func(p redis.Pipeliner) error { p.Ping(ctx); return nil }); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		call func() error
	}{
		{"Begin", func() error { _, err := r.Begin(ctx, 1, key); return err }},
		{"Commit", func() error { _, err := r.Commit(ctx, 1, key, domain.Session{Flow: "x"}); return err }},
		{"Begin with session", func() error { _, err := r.Begin(ctx, 2, key); return err }},
		{"Abort", func() error { return r.Abort(ctx, 2) }},
		{"Begin again", func() error { _, err := r.Begin(ctx, 2, key); return err }},
		{"Done", func() error { return r.Done(ctx, 2) }},
		{"Begin duplicate", func() error {
			if _, err := r.Begin(ctx, 2, key); !errors.Is(err, domain.ErrDuplicate) {
				return errors.New("want ErrDuplicate")
			}
			return nil
		}},
		{"pipeline", func() error {
			_, err := r.Client().Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Get(ctx, "x")
				p.Get(ctx, "y")
				return nil
			})
			if errors.Is(err, redis.Nil) {
				return nil
			}
			return err
		}},
	}
	for _, s := range steps {
		before := r.RoundTrips()
		if err := s.call(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := r.RoundTrips() - before; got != 1 {
			t.Errorf("%s: %d round trips, want 1", s.name, got)
		}
	}
}
