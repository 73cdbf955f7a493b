package storage_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	tern "github.com/jackc/tern/v2/migrate"

	"github.com/miglobe/miglobe-bot/storage/migrations"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// migratedTo connects to an empty database of the test's own and migrates
// it to version n, for a test of the next migration on rows of the old
// schema; the connection is closed at the test's end.
func migratedTo(t *testing.T, n int32) (*pgx.Conn, *tern.Migrator) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, storagetest.EmptyDatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	m, err := tern.NewMigrator(ctx, conn, "public.schema_version")
	if err == nil {
		err = m.LoadMigrations(migrations.FS)
	}
	if err == nil {
		err = m.MigrateTo(ctx, n)
	}
	if err != nil {
		t.Fatal(err)
	}
	return conn, m
}
