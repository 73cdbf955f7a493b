package storagetest_test

import (
	"context"
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
	if _, err := a.Register(ctx, reg); err != nil {
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
