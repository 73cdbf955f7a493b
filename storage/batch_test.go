package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

func TestBatchCallsAreOneRoundTripEach(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	a, b := domain.ConvKey{ChatID: 1, UserID: 1}, domain.ConvKey{ChatID: 2, UserID: 2}
	if _, err := r.Begin(ctx, 7, a); err != nil { // 7 is done before the batch
		t.Fatal(err)
	}
	if err := r.Done(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Begin(ctx, 8, a); err != nil { // 8 is leased by someone
		t.Fatal(err)
	}
	before := r.RoundTrips()
	got := r.BeginAll(ctx, []domain.Claim{{UpdateID: 10, Key: a}, {UpdateID: 7, Key: a}, {UpdateID: 8, Key: a},
		{UpdateID: 11, Key: b}, {UpdateID: 12, Key: a}})
	if n := r.RoundTrips() - before; n != 1 {
		t.Fatalf("BeginAll took %d round trips", n)
	}
	for i, want := range []error{nil, domain.ErrDuplicate, domain.ErrBusy, nil, nil} {
		if (want == nil) != (got[i].Err == nil) || want != nil && !errors.Is(got[i].Err, want) {
			t.Errorf("claim %d: err %v, want %v", i, got[i].Err, want)
		}
	}
	sa := got[0].Session
	sa.Flow = "a"
	sb := got[3].Session
	sb.Flow = "b"
	before = r.RoundTrips()
	errs := r.SettleAll(ctx, []domain.Settle{{UpdateID: 10, Key: a}, {UpdateID: 12, Key: a, Session: &sa},
		{UpdateID: 11, Key: b, Session: &sb}, {UpdateID: 99, Abort: true}})
	if n := r.RoundTrips() - before; n != 1 {
		t.Fatalf("SettleAll took %d round trips", n)
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("settle %d: %v", i, err)
		}
	}
	for id, k := range map[int64]domain.ConvKey{10: a, 11: b, 12: a} {
		if _, err := r.Begin(ctx, id, k); !errors.Is(err, domain.ErrDuplicate) {
			t.Errorf("update %d after settling: %v, want duplicate", id, err)
		}
	}
	for k, flow := range map[domain.ConvKey]string{a: "a", b: "b"} {
		s, err := r.Begin(ctx, 1000+k.ChatID, k)
		if err != nil || s.Flow != flow || s.Version != 1 {
			t.Errorf("session %v = %+v, %v", k, s, err)
		}
	}
}

// Not parallel: the flush empties the script cache of the whole Redis, and
// the round-trip counts of parallel tests would see the reload.
func TestBatchSurvivesALostScriptCache(t *testing.T) {
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	k := domain.ConvKey{ChatID: 3, UserID: 3}
	if err := r.Client().ScriptFlush(ctx).Err(); err != nil { // as after a Redis restart
		t.Fatal(err)
	}
	got := r.BeginAll(ctx, []domain.Claim{{UpdateID: 1, Key: k}, {UpdateID: 2, Key: k}})
	if got[0].Err != nil || got[1].Err != nil {
		t.Fatalf("after a script flush: %v, %v", got[0].Err, got[1].Err)
	}
	if err := r.Client().ScriptFlush(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	s := got[0].Session
	if _, err := r.Commit(ctx, 1, k, s); err != nil {
		t.Fatalf("commit after a script flush: %v", err)
	}
}

// Script caches flushed again and again while conversations go on (another
// instance's tests, a Redis failing over): no call fails with NOSCRIPT. CI
// once failed when a flush landed between the reload and the retry.
func TestBatchSurvivesRepeatedFlushes(t *testing.T) {
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				_ = r.Client().ScriptFlush(ctx).Err()
				time.Sleep(200 * time.Microsecond)
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	k := domain.ConvKey{ChatID: 5, UserID: 5}
	sess := domain.Session{}
	for id := int64(1); id <= 300; id++ {
		got := r.BeginAll(ctx, []domain.Claim{{UpdateID: id, Key: k}})
		if got[0].Err != nil {
			t.Fatalf("begin %d: %v", id, got[0].Err)
		}
		if got[0].Session.Version != sess.Version {
			t.Fatalf("begin %d: version %d, want %d", id, got[0].Session.Version, sess.Version)
		}
		var err error
		if sess, err = r.Commit(ctx, id, k, got[0].Session); err != nil {
			t.Fatalf("commit %d: %v", id, err)
		}
	}
}
