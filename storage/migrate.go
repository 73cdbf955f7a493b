package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	tern "github.com/jackc/tern/v2/migrate"

	"github.com/miglobe/miglobe-bot/storage/migrations"
)

// versionTable records the applied migration version.
const versionTable = "public.schema_version"

// migrate applies the pending migrations on a connection of its own.
//
// Concurrency: tern (v2.3) takes the session-level advisory lock
// pg_advisory_lock(9628173550095224) around creating its version table and
// around MigrateTo, and reads the current version only after it holds the
// lock, so two processes starting at once apply each migration exactly once
// (the second waits, then finds nothing to do). Advisory locks are per
// database. Because the lock belongs to the session, the connection is
// closed afterwards instead of being returned to a pool: a failed unlock
// (cancelled ctx) can never leave the lock held by a pooled connection.
func migrate(ctx context.Context, cfg *pgx.ConnConfig) error {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("storage: connect for migrations: %w", err)
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = conn.Close(closeCtx)
	}()

	m, err := tern.NewMigrator(ctx, conn, versionTable)
	if err != nil {
		return fmt.Errorf("storage: prepare migrations: %w", err)
	}
	if err := m.LoadMigrations(migrations.FS); err != nil {
		return fmt.Errorf("storage: load migrations: %w", err)
	}
	if err := m.Migrate(ctx); err != nil {
		return fmt.Errorf("storage: migrate: %w", err)
	}
	return nil
}
