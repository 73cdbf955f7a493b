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
	r.mu.Lock()
	r.locks[chatID] = heldLock{key: key, token: tok, ttl: ttl}
	r.mu.Unlock()
	var once sync.Once
	return func(ctx context.Context) error {
		var uerr error
		once.Do(func() {
			r.mu.Lock()
			if r.locks[chatID].token == tok {
				delete(r.locks, chatID)
			}
			r.mu.Unlock()
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

// heldLock is a chat lock this process holds: its key, token and lifetime.
type heldLock struct {
	key, token string
	ttl        time.Duration
}

// KeepAlive renews, in one round trip, the lock of chatID (for its ttl)
// and the leases of updateIDs (for the lease length), as far as this
// process still holds them: a process handling an update keeps them alive,
// so that they can be short and a dead process's run out soon. It returns
// Redis's error; what this process no longer holds is left alone.
func (r *Redis) KeepAlive(ctx context.Context, chatID int64, updateIDs []int64) error {
	r.mu.Lock()
	lock := r.locks[chatID]
	keys := []string{lock.key}
	args := []any{lock.token, lock.ttl.Milliseconds(), r.opt.Lease.Milliseconds()}
	for _, id := range updateIDs {
		if c, ok := r.claims[id]; ok {
			keys = append(keys, r.updKey(id))
			args = append(args, "L:"+c.token)
			c.until = time.Now().Add(r.opt.Lease)
			r.claims[id] = c
		}
	}
	r.mu.Unlock()
	if lock.key == "" {
		keys[0], args[0] = r.opt.Prefix+"chat:none", "-"
	}
	cmds, err := r.runScripts(ctx, []scriptCall{{renewScript, keys, args}})
	if err == nil {
		err = cmds[0].Err()
	}
	if err != nil {
		return fmt.Errorf("storage: keep alive chat %d: %w", chatID, err)
	}
	return nil
}
