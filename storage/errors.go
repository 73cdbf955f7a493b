package storage

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Postgres error codes that map to flows sentinels.
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
)

// mapErr wraps err with the operation name, turning pgx.ErrNoRows and a
// foreign key violation (a referenced record is missing) into
// domain.ErrNotFound and a unique violation into domain.ErrConflict. It
// returns nil for a nil err.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("storage: %s: %w", op, domain.ErrNotFound)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case pgUniqueViolation:
			return fmt.Errorf("storage: %s: %w (%s)", op, domain.ErrConflict, pgErr.ConstraintName)
		case pgForeignKeyViolation:
			return fmt.Errorf("storage: %s: %w (%s)", op, domain.ErrNotFound, pgErr.ConstraintName)
		}
	}
	return fmt.Errorf("storage: %s: %w", op, err)
}

// opErr wraps a sentinel or a plain error with the operation name.
func opErr(op string, err error) error {
	return fmt.Errorf("storage: %s: %w", op, err)
}
