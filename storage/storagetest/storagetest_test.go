package storagetest_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

func TestStoreIsMigratedAndIsolated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := storagetest.Store(t), storagetest.Store(t)
	reg := domain.Registration{TelegramID: 7, ChatID: 7, Name: "A", Lang: "de", ConsentAt: time.Now(), Role: domain.RoleAdvisor}
	if _, err := a.Register(ctx, reg, nil); err != nil {
		t.Fatalf("register in a: %v", err)
	}
	if _, err := b.UserByTelegramID(ctx, 7); err == nil {
		t.Fatal("user registered in store a is visible in store b")
	}
}

func TestDatabaseURLIsDroppedAfterTest(t *testing.T) {
	t.Parallel()
	var url string
	t.Run("inner", func(t *testing.T) {
		url = storagetest.DatabaseURL(t)
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Fatalf("connect: %v", err)
		}
		// Left open on purpose: the cleanup must drop the database anyway.
		var n int
		if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM users`).Scan(&n); err != nil {
			t.Fatalf("users table missing: %v", err)
		}
	})
	if _, err := pgx.Connect(context.Background(), url); err == nil {
		t.Fatal("database still exists after its test ended")
	}
}

func TestEmptyDatabaseHasNoSchema(t *testing.T) {
	t.Parallel()
	conn, err := pgx.Connect(context.Background(), storagetest.EmptyDatabaseURL(t))
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	var n int
	err = conn.QueryRow(context.Background(),
		`SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("public tables = %d, %v; want 0", n, err)
	}
}

func TestRedisPrefixIsOwnAndCleaned(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var prefix string
	var client *storage.Redis
	t.Run("inner", func(t *testing.T) {
		client = storagetest.Redis(t, storage.RedisOptions{Prefix: "x:"})
		prefix = client.Options().Prefix
		if len(prefix) < len("t::x:")+8 {
			t.Fatalf("prefix %q has no unique part", prefix)
		}
		if _, err := client.Commit(ctx, 1, domain.ConvKey{ChatID: 1, UserID: 1}, domain.Session{}); err != nil {
			t.Fatalf("commit: %v", err)
		}
	})
	other := storagetest.Redis(t, storage.RedisOptions{})
	keys, err := other.Client().Keys(ctx, prefix+"*").Result()
	if err != nil || len(keys) != 0 {
		t.Fatalf("keys left after cleanup: %v, %v", keys, err)
	}
}

// A peer is another client, as another instance has it, on the same key
// space: it sees the first client's keys and finds the chat lock the first
// holds busy.
func TestRedisPeerSharesTheKeySpace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{Lease: time.Minute})
	p := storagetest.RedisPeer(t, r)
	if p == r || p.Client() == r.Client() || !reflect.DeepEqual(p.Options(), r.Options()) {
		t.Fatalf("peer %p (options %+v) of %p (options %+v): want another client with the same options", p, p.Options(), r, r.Options())
	}
	if err := r.Client().Set(ctx, r.Options().Prefix+"k", "v", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	if v, err := p.Client().Get(ctx, p.Options().Prefix+"k").Result(); v != "v" || err != nil {
		t.Fatalf("the peer reads %q, %v", v, err)
	}
	unlock, err := r.LockChat(ctx, 1, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.LockChat(ctx, 1, time.Minute); !errors.Is(err, domain.ErrBusy) {
		t.Fatalf("the peer locked a chat the first client holds: %v", err)
	}
	if err := unlock(ctx); err != nil {
		t.Fatal(err)
	}
}
