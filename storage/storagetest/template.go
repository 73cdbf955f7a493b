package storagetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"sync"
	"testing"

	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/migrations"
)

// templateLock is the advisory lock (on the server's maintenance database)
// that serialises building the template across test binaries.
const templateLock = int64(0x6d69676c6f6265) // "miglobe"

var tmpl struct {
	sync.Mutex
	name string // set once the template exists
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
	// Closing the connection (deferred above) releases the lock.

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
