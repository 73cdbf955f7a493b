package storage

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// ListenOutbox wakes the caller whenever a transaction that enqueued outbox
// messages commits: it keeps a connection of its own that LISTENs on the
// outbox channel and sends on the returned channel (buffered; wakes that
// come while one is pending merge into it). After (re)connecting it wakes
// the caller once, since notifications may have been missed meanwhile; a
// lost connection is retried with backoff, so callers should also poll. The
// channel is closed when ctx ends.
func (s *Store) ListenOutbox(ctx context.Context) <-chan struct{} {
	wake := make(chan struct{}, 1)
	go func() {
		defer close(wake)
		backoff := 250 * time.Millisecond
		for ctx.Err() == nil {
			err := s.listen(ctx, wake)
			if ctx.Err() != nil {
				return
			}
			slog.Warn("outbox listener lost its connection", slog.String("err", err.Error()),
				slog.Duration("retry_in", backoff))
			t := time.NewTimer(backoff)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
			backoff = min(backoff*2, 30*time.Second)
		}
	}()
	return wake
}

// listen holds one LISTEN connection until it fails or ctx ends.
func (s *Store) listen(ctx context.Context, wake chan<- struct{}) error {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return opErr("listen outbox", err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+outboxChannel); err != nil {
		return opErr("listen outbox", err)
	}
	for {
		select {
		case wake <- struct{}{}:
		default:
		}
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return opErr("listen outbox", err)
		}
	}
}
