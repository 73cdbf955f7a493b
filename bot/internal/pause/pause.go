// Package pause waits for a while unless a context ends first: the one
// wait the bot's loops and the outbox sender share.
package pause

import (
	"context"
	"time"
)

// For waits d; it reports false when ctx ended first.
func For(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
