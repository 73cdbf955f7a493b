package storage

import (
	"context"
	"fmt"
	"time"
)

// TryLock takes the Postgres advisory lock called name on a connection of
// its own, so that one instance of the bot at a time runs a scheduled job.
// ok is false when another session holds the lock. release unlocks and
// returns the connection; it is safe to call once.
func (s *Store) TryLock(ctx context.Context, name string) (release func(), ok bool, err error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("storage: lock %q: %w", name, err)
	}
	key := "miglobe:" + name
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(hashtextextended($1, 0))`, key).Scan(&ok); err != nil {
		conn.Release()
		return nil, false, fmt.Errorf("storage: lock %q: %w", name, err)
	}
	if !ok {
		conn.Release()
		return nil, false, nil
	}
	return func() {
		// A failed unlock would leave the lock on a pooled connection: drop that connection instead.
		if _, err := conn.Exec(context.Background(), `SELECT pg_advisory_unlock(hashtextextended($1, 0))`, key); err != nil {
			_ = conn.Conn().Close(context.Background())
		}
		conn.Release()
	}, true, nil
}

// DeleteExpiredInvites removes invites that expired unused before before and
// returns how many went.
func (s *Store) DeleteExpiredInvites(ctx context.Context, before time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM invites WHERE used_at IS NULL AND expires_at < $1`, before)
	if err != nil {
		return 0, mapErr("delete expired invites", err)
	}
	return tag.RowsAffected(), nil
}
