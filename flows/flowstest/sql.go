package flowstest

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Exec runs sql with args on the test's database, for a state the bot
// cannot make itself (a contact of two municipalities).
func (h *H) Exec(sql string, args ...any) {
	h.T.Helper()
	ctx := context.Background()
	conn := h.connect()
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		h.T.Fatalf("exec %q: %v", sql, err)
	}
}

// connect opens a connection to the test's database; the caller closes it.
func (h *H) connect() *pgx.Conn {
	h.T.Helper()
	conn, err := pgx.Connect(context.Background(), h.dbURL)
	if err != nil {
		h.T.Fatalf("connect: %v", err)
	}
	return conn
}
