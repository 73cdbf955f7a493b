package storagetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/storage"
)

// timeout bounds every administrative step.
const timeout = 60 * time.Second

// Store returns a Store on a fresh, migrated database of its own, closed and
// dropped when the test ends. opts go to storage.Open (e.g. WithClock).
func Store(t testing.TB, opts ...storage.Option) *storage.Store {
	t.Helper()
	u := DatabaseURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	s, err := storage.Open(ctx, u, opts...)
	if err != nil {
		t.Fatalf("storagetest: open store: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// DatabaseURL returns the URL of a fresh, migrated database of its own,
// without opening a Store (e.g. for tests that start the bot binary). The
// database is dropped when the test ends, even if connections to it are
// still open (DROP DATABASE ... WITH (FORCE)).
func DatabaseURL(t testing.TB) string {
	t.Helper()
	return cloneDatabase(t, templateName(t))
}

// EmptyDatabaseURL returns the URL of a fresh database without any schema,
// dropped when the test ends; for tests of migrations themselves.
func EmptyDatabaseURL(t testing.TB) string {
	t.Helper()
	return cloneDatabase(t, "template0")
}

// adminURL returns DATABASE_URL or fails the test.
func adminURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("DATABASE_URL")
	if u == "" {
		t.Fatal("set DATABASE_URL (make test starts a Postgres)")
	}
	return u
}

// cloneDatabase creates a database from template src and drops it in
// t.Cleanup.
func cloneDatabase(t testing.TB, src string) string {
	t.Helper()
	admin := adminURL(t)
	name := "miglobe_t_" + randomHex(t, 8)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	conn := connect(ctx, t, admin)
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident(name)+" TEMPLATE "+ident(src)); err != nil {
		t.Fatalf("storagetest: create database from %s: %v", src, err)
	}
	t.Cleanup(func() { dropDatabase(t, admin, name) })
	return withDatabase(t, admin, name)
}

func dropDatabase(t testing.TB, admin, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	conn := connect(ctx, t, admin)
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(name)+" WITH (FORCE)"); err != nil {
		t.Errorf("storagetest: drop database: %v", err)
	}
}

func connect(ctx context.Context, t testing.TB, u string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("storagetest: connect to DATABASE_URL: %v", err)
	}
	return conn
}

// withDatabase returns admin with its database replaced by name.
func withDatabase(t testing.TB, admin, name string) string {
	t.Helper()
	if strings.HasPrefix(admin, "postgres://") || strings.HasPrefix(admin, "postgresql://") {
		u, err := url.Parse(admin)
		if err != nil {
			t.Fatalf("storagetest: parse DATABASE_URL: %v", err)
		}
		u.Path = "/" + name
		u.RawPath = ""
		return u.String()
	}
	return admin + " dbname=" + name // key=value form: the last setting wins
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }

func randomHex(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("storagetest: random: %v", err)
	}
	return hex.EncodeToString(b)
}
