package flowstest

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// QueryInt runs sql with args on the test's database and returns the
// integer of its one row and column (a count, an id of INSERT ...
// RETURNING), for checks the stores have no method for.
func (h *H) QueryInt(sql string, args ...any) int64 {
	h.T.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, h.dbURL)
	if err != nil {
		h.T.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	var n int64
	if err := conn.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		h.T.Fatalf("query %q: %v", sql, err)
	}
	return n
}
