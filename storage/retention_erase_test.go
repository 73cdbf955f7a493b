package storage_test

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// An inactive user's erasure that fails leaves the two warnings in place,
// so that the next run tries again instead of warning afresh (a month
// more); once it works, the user is erased. A user who got in touch after
// the second warning is skipped.
func TestFailedInactiveErasureKeepsTheWarnings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	gone := registerUser(t, e, 1, "Aylin Demir", domain.RoleMunicipal, "Hattingen")
	back := registerUser(t, e, 2, "Bora Yilmaz", domain.RoleMunicipal, "Hattingen")
	now := e.clock.Now()
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := e.db.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	exec(`UPDATE users SET erase_warnings = 2, erase_after = $1 WHERE id IN ($2, $3)`, now.AddDate(0, 0, -1), gone.ID, back.ID)
	if err := e.st.TouchUser(ctx, back.ID, now); err != nil {
		t.Fatal(err)
	}
	// The erasure's write fails (as a lost connection would).
	exec(`CREATE FUNCTION no_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'erasure refused by the test'; END $$`)
	exec(`CREATE TRIGGER no_erasure BEFORE UPDATE OF deleted_at ON users FOR EACH ROW EXECUTE FUNCTION no_erasure()`)
	if _, err := e.st.EraseInactive(ctx, now); err == nil {
		t.Fatal("the erasure failed, but EraseInactive reported no error")
	}
	if n := e.count(t, `SELECT count(*) FROM users WHERE id = $1 AND erase_warnings = 2 AND deleted_at IS NULL`, gone.ID); n != 1 {
		t.Fatal("a failed erasure took the warnings off: the next run would warn afresh")
	}
	exec(`DROP TRIGGER no_erasure ON users`)
	n, err := e.st.EraseInactive(ctx, now)
	if err != nil || n != 1 {
		t.Fatalf("second run: %d erased, %v; want 1", n, err)
	}
	if n := e.count(t, `SELECT count(*) FROM users WHERE id = $1 AND deleted_at IS NOT NULL AND name = ''`, gone.ID); n != 1 {
		t.Error("the due user was not erased")
	}
	if n := e.count(t, `SELECT count(*) FROM users WHERE id = $1 AND deleted_at IS NULL`, back.ID); n != 1 {
		t.Error("the user who got in touch was erased")
	}
}
