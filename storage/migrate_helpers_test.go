package storage_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	tern "github.com/jackc/tern/v2/migrate"

	"github.com/miglobe/miglobe-bot/storage/migrations"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// migration is an empty database of the test's own taken to a migration
// version, for a test of what a later migration makes of the data.
type migration struct {
	t    *testing.T
	conn *pgx.Conn
	m    *tern.Migrator
}

// migratedTo returns a database migrated to version; it is closed when
// the test ends.
func migratedTo(t *testing.T, version int32) *migration {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, storagetest.EmptyDatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	m, err := tern.NewMigrator(ctx, conn, "public.schema_version")
	if err == nil {
		err = m.LoadMigrations(migrations.FS)
	}
	if err == nil {
		err = m.MigrateTo(ctx, version)
	}
	if err != nil {
		t.Fatal(err)
	}
	return &migration{t: t, conn: conn, m: m}
}

// exec runs sql with args and fails the test on its error.
func (d *migration) exec(sql string, args ...any) {
	d.t.Helper()
	if _, err := d.conn.Exec(context.Background(), sql, args...); err != nil {
		d.t.Fatalf("%s: %v", sql, err)
	}
}

// to applies the migrations up to version.
func (d *migration) to(version int32) {
	d.t.Helper()
	if err := d.m.MigrateTo(context.Background(), version); err != nil {
		d.t.Fatal(err)
	}
}
