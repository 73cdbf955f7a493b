package storage

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Leader is this instance's claim on a role only one instance of the bot
// may have at a time (the scheduler's: running the jobs). The claim is a
// session-level Postgres advisory lock held on a connection of its own,
// outside the pool: Postgres frees it when that connection ends, so an
// instance that dies (even by kill -9) loses the role at once, and another
// takes it at its next try. Use one Leader from one goroutine at a time.
type Leader struct {
	cfg  *pgx.ConnConfig
	name string

	mu   sync.Mutex
	conn *pgx.Conn // nil: not connected
	held bool      // conn holds the lock
}

// Leader returns the claim called name (for example "scheduler"). It
// connects only when Lead is called.
func (s *Store) Leader(name string) *Leader {
	cfg := s.pool.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = "miglobe-bot leader"
	// A peer that vanished without closing its connection (a cut cable, a
	// frozen VM) keeps the lock until Postgres notices: let it notice within
	// about a minute instead of the system's default of hours.
	cfg.RuntimeParams["tcp_keepalives_idle"] = "15"
	cfg.RuntimeParams["tcp_keepalives_interval"] = "5"
	cfg.RuntimeParams["tcp_keepalives_count"] = "3"
	cfg.RuntimeParams["tcp_user_timeout"] = "30000"
	return &Leader{cfg: cfg, name: name}
}

// Lead reports whether this instance has the role now. Without it, it
// tries to take it (connecting first when needed); with it, it checks
// that its connection still holds the lock. An error (Postgres
// unreachable, the connection lost) means it has not: the connection is
// closed, so a lock it held is gone, and the next call starts afresh.
func (l *Leader) Lead(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		conn, err := pgx.ConnectConfig(ctx, l.cfg)
		if err != nil {
			return false, fmt.Errorf("storage: leader %q: connect: %w", l.name, err)
		}
		l.conn, l.held = conn, false
	}
	var ok bool
	var err error
	if l.held {
		// pg_locks shows a bigint key as its high (classid) and low (objid) halves.
		err = l.conn.QueryRow(ctx, `
			SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
			    AND pid = pg_backend_pid() AND objsubid = 1
			    AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0))`, l.key()).Scan(&ok)
	} else {
		err = l.conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(hashtextextended($1, 0))`, l.key()).Scan(&ok)
	}
	if err != nil || (l.held && !ok) {
		l.closeLocked()
		if err == nil {
			err = fmt.Errorf("the session no longer holds the lock")
		}
		return false, fmt.Errorf("storage: leader %q: %w", l.name, err)
	}
	l.held = ok
	return ok, nil
}

// Resign gives the role up (at shutdown): it unlocks, so that another
// instance may take the role at its next try, and closes the connection
// (which frees the lock too, only not at once). Calling it again, or
// without the role, is safe.
func (l *Leader) Resign() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil && l.held {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_, _ = l.conn.Exec(ctx, `SELECT pg_advisory_unlock_all()`)
	}
	l.closeLocked()
}

func (l *Leader) closeLocked() {
	if l.conn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = l.conn.Close(ctx)
	l.conn, l.held = nil, false
}

// key is the lock's name as TryLock spells its names, under a prefix of
// its own so that a job called like the role never shares its lock.
func (l *Leader) key() string { return "miglobe:leader:" + l.name }
