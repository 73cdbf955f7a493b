package storage_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// Twenty workers on two instances each increment one session's counter
// once, retrying on conflict (Abort, then Begin again). No write is lost.
func TestConcurrentIncrementsLoseNoWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := storagetest.Redis(t, storage.RedisOptions{})
	instances := []*storage.Redis{a, peer(t, a)}
	const workers = 20
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for i := range workers {
		r := instances[i%2]
		upd := int64(1000 + i)
		wg.Go(func() {
			for attempt := 0; ; attempt++ {
				if attempt > 1000 {
					errs <- errors.New("no progress after 1000 attempts")
					return
				}
				sess, err := r.Begin(ctx, upd, key)
				if err != nil {
					errs <- err
					return
				}
				n, _ := strconv.Atoi(sess.Data["n"])
				sess.Data = map[string]string{"n": strconv.Itoa(n + 1)}
				_, err = r.Commit(ctx, upd, key, sess)
				if err == nil {
					return
				}
				if !errors.Is(err, domain.ErrConflict) {
					errs <- err
					return
				}
				if err := r.Abort(ctx, upd); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	sess, err := a.Begin(ctx, 1, key)
	if err != nil {
		t.Fatal(err)
	}
	if sess.Data["n"] != strconv.Itoa(workers) || sess.Version != workers {
		t.Errorf("counter = %s at version %d, want %d at %d", sess.Data["n"], sess.Version, workers, workers)
	}
}
