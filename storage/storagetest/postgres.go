package storagetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/migrations"
)

// templateLock is the advisory lock (on the server's maintenance database)
// that serialises building the template across test binaries.
const templateLock = int64(0x6d69676c6f6265) // "miglobe"

// timeout bounds every administrative step.
const timeout = 60 * time.Second

var tmpl struct {
	sync.Mutex
	name string // set once the template exists
}

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
// dropped when the test ends (with every connection still open to it).
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

// templateName builds the migrated template once per test binary and
// returns its name. The name carries a hash of the migration files, so a
// changed migration gets a new template; the template is built under a
// temporary name and renamed when complete, so a crash never leaves a
// half-migrated template behind.
func templateName(t testing.TB) string {
	t.Helper()
	tmpl.Lock()
	defer tmpl.Unlock()
	if tmpl.name != "" {
		return tmpl.name
	}
	admin := adminURL(t)
	name := "miglobe_tmpl_" + migrationsHash(t)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	conn := connect(ctx, t, admin)
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", templateLock); err != nil {
		t.Fatalf("storagetest: lock template: %v", err)
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", templateLock) //nolint:errcheck // the connection closes anyway

	var exists bool
	err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists)
	if err != nil {
		t.Fatalf("storagetest: look for template: %v", err)
	}
	if !exists {
		building := name + "_new"
		for _, q := range []string{
			"DROP DATABASE IF EXISTS " + ident(building) + " WITH (FORCE)",
			"CREATE DATABASE " + ident(building) + " TEMPLATE template0",
		} {
			if _, err := conn.Exec(ctx, q); err != nil {
				t.Fatalf("storagetest: prepare template: %v", err)
			}
		}
		s, err := storage.Open(ctx, withDatabase(t, admin, building))
		if err != nil {
			t.Fatalf("storagetest: migrate template: %v", err)
		}
		s.Close()
		if _, err := conn.Exec(ctx, "ALTER DATABASE "+ident(building)+" RENAME TO "+ident(name)); err != nil {
			t.Fatalf("storagetest: finish template: %v", err)
		}
	}
	tmpl.name = name
	return name
}

func migrationsHash(t testing.TB) string {
	t.Helper()
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, p)
		h.Write([]byte(p + "\x00"))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatalf("storagetest: read migrations: %v", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
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
