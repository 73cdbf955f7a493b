package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/go-redis/redis_rate/v10"
)

// ReserveSend books a send under key, where booked sends are every apart
// (an evenly spaced rate), shared by every process on this Redis through
// github.com/go-redis/redis_rate. It books the next free slot when that slot
// is at most ahead-1 slots after now, and returns ok and how long until the
// slot (0: now); the caller sends then. Otherwise it books nothing and
// returns how long to wait before asking again. It returns the Redis error
// on failure.
func (r *Redis) ReserveSend(ctx context.Context, key string, every time.Duration, ahead int) (wait time.Duration, ok bool, err error) {
	if every <= 0 {
		return 0, true, nil
	}
	// GCRA with burst B admits a send when the key's next free slot lies at
	// most B-1 intervals ahead, and moves that slot one interval on.
	res, err := redis_rate.NewLimiter(r.client).Allow(ctx, r.opt.Prefix+"send:"+key,
		redis_rate.Limit{Rate: 1, Burst: max(ahead, 1), Period: every})
	if err != nil {
		return 0, false, fmt.Errorf("storage: reserve send %s: %w", key, err)
	}
	if res.Allowed == 0 {
		return max(res.RetryAfter, time.Millisecond), false, nil
	}
	return max(res.ResetAfter-every, 0), true, nil
}
