package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// LockChat takes the lock of chatID for at most ttl (SET NX PX with a fresh
// token), so that several instances keep per-chat order. It returns
// domain.ErrBusy while another holder has it. The returned unlock deletes the
// lock only if it still holds this token; it returns domain.ErrConflict when
// the lock ran out meanwhile (and maybe went to someone else), and nil when
// called again after the first call.
func (r *Redis) LockChat(ctx context.Context, chatID int64, ttl time.Duration) (unlock func(context.Context) error, err error) {
	if ttl <= 0 {
		return nil, errors.New("storage: lock chat: ttl must be positive")
	}
	key := r.opt.Prefix + "chat:" + strconv.FormatInt(chatID, 10)
	tok := r.token()
	ok, err := r.client.SetNX(ctx, key, tok, ttl).Result()
	if err != nil {
		return nil, fmt.Errorf("storage: lock chat %d: %w", chatID, err)
	}
	if !ok {
		return nil, fmt.Errorf("storage: lock chat %d: %w", chatID, domain.ErrBusy)
	}
	var once sync.Once
	return func(ctx context.Context) error {
		var uerr error
		once.Do(func() {
			n, err := releaseScript.Run(ctx, r.client, []string{key}, tok).Int64()
			switch {
			case err != nil:
				uerr = fmt.Errorf("storage: unlock chat %d: %w", chatID, err)
			case n == 0:
				uerr = fmt.Errorf("storage: unlock chat %d: lock ran out: %w", chatID, domain.ErrConflict)
			}
		})
		return uerr
	}, nil
}
