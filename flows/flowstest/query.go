package flowstest

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// onDB runs f on a connection of its own to the test's database and fails
// the test with f's error.
func (h *H) onDB(f func(ctx context.Context, conn *pgx.Conn) error) {
	h.T.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, h.dbURL)
	if err != nil {
		h.T.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if err := f(ctx, conn); err != nil {
		h.T.Fatal(err)
	}
}

// QueryInt runs sql with args on the test's database and returns the
// integer of its one row and column (a count, an id of INSERT ...
// RETURNING), for checks the stores have no method for.
func (h *H) QueryInt(sql string, args ...any) int64 {
	h.T.Helper()
	var n int64
	h.onDB(func(ctx context.Context, conn *pgx.Conn) error {
		if err := conn.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
			return fmt.Errorf("query %q: %w", sql, err)
		}
		return nil
	})
	return n
}
