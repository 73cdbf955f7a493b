package flowstest

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Exec runs sql with args on the test's database, for a state the bot
// cannot make itself (a contact of two municipalities).
func (h *H) Exec(sql string, args ...any) {
	h.T.Helper()
	h.onDB(func(ctx context.Context, conn *pgx.Conn) error {
		if _, err := conn.Exec(ctx, sql, args...); err != nil {
			return fmt.Errorf("exec %q: %w", sql, err)
		}
		return nil
	})
}
