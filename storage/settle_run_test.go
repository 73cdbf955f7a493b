package storage_test

import (
	"context"
	"errors"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// A conversation's run of updates is settled with its session, all or
// nothing: when the session write fails, none of the earlier updates is
// marked done, so that every one of them is handled again.
func TestRunCommitsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	claimed := r.BeginAll(ctx, []domain.Claim{{UpdateID: 1, Key: key}, {UpdateID: 2, Key: key}, {UpdateID: 3, Key: key}})
	for i, c := range claimed {
		if c.Err != nil {
			t.Fatalf("claim %d: %v", i, c.Err)
		}
	}
	// Someone else wrote the session meanwhile: the run's write is stale.
	other := peer(t, r)
	if _, err := other.Begin(ctx, 9, key); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Commit(ctx, 9, key, domain.Session{Flow: "other"}); err != nil {
		t.Fatal(err)
	}
	sess := claimed[0].Session
	sess.Flow = "run"
	errs := r.SettleAll(ctx, []domain.Settle{{UpdateID: 3, Key: key, Session: &sess, Also: []int64{1, 2}}})
	if !errors.Is(errs[0], domain.ErrConflict) {
		t.Fatalf("stale run: err = %v, want ErrConflict", errs[0])
	}
	for _, id := range []int64{1, 2, 3} {
		if _, err := other.Begin(ctx, id, key); !errors.Is(err, domain.ErrBusy) {
			t.Errorf("update %d after the failed write: err = %v, want still claimed (ErrBusy)", id, err)
		}
	}
	// The redelivery in this process takes the claims again and settles
	// them on the current session.
	again := r.BeginAll(ctx, []domain.Claim{{UpdateID: 1, Key: key}, {UpdateID: 2, Key: key}, {UpdateID: 3, Key: key}})
	for i, c := range again {
		if c.Err != nil || c.Session.Flow != "other" {
			t.Fatalf("claim %d again: %+v, %v", i, c.Session, c.Err)
		}
	}
	sess = again[0].Session
	sess.Flow = "run"
	if errs := r.SettleAll(ctx, []domain.Settle{{UpdateID: 3, Key: key, Session: &sess, Also: []int64{1, 2}}}); errs[0] != nil {
		t.Fatalf("run: %v", errs[0])
	}
	for _, id := range []int64{1, 2, 3} {
		if _, err := other.Begin(ctx, id, key); !errors.Is(err, domain.ErrDuplicate) {
			t.Errorf("update %d after the write: err = %v, want done", id, err)
		}
	}
}

// While an update is being handled, a second claim of it in the same
// process is busy (a redelivery must not run beside the first handling);
// only after a failed write may the process take it again.
func TestFailedWriteIsTakenAgain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	if _, err := r.Begin(ctx, 1, key); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Begin(ctx, 1, key); !errors.Is(err, domain.ErrBusy) {
		t.Fatalf("second claim while handling: err = %v, want ErrBusy", err)
	}
	// The session was written meanwhile by another worker: this write fails.
	other := peer(t, r)
	if _, err := other.Begin(ctx, 2, key); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Commit(ctx, 2, key, domain.Session{Flow: "other"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Commit(ctx, 1, key, domain.Session{Flow: "stale"}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("stale commit: err = %v", err)
	}
	if _, err := other.Begin(ctx, 1, key); !errors.Is(err, domain.ErrBusy) {
		t.Errorf("another instance took the claim: err = %v", err)
	}
	got, err := r.Begin(ctx, 1, key)
	if err != nil || got.Flow != "other" {
		t.Fatalf("taking the failed write again: %+v, %v", got, err)
	}
	if _, err := r.Begin(ctx, 1, key); !errors.Is(err, domain.ErrBusy) {
		t.Errorf("the claim taken again is not busy while handled: err = %v", err)
	}
}

// A takeover claims an update another process holds (its lease is a dead
// predecessor's), but never one that is done.
func TestTakeoverClaimsADeadProcesssLease(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dead := storagetest.Redis(t, storage.RedisOptions{})
	if _, err := dead.Begin(ctx, 1, key); err != nil {
		t.Fatal(err)
	}
	if _, err := dead.Begin(ctx, 2, key); err != nil {
		t.Fatal(err)
	}
	if err := dead.Done(ctx, 2); err != nil {
		t.Fatal(err)
	}
	next := peer(t, dead)
	if _, err := next.Begin(ctx, 1, key); !errors.Is(err, domain.ErrBusy) {
		t.Fatalf("plain claim of a held update: err = %v, want ErrBusy", err)
	}
	got := next.BeginAll(ctx, []domain.Claim{{UpdateID: 1, Key: key, Takeover: true}, {UpdateID: 2, Key: key, Takeover: true}})
	if got[0].Err != nil {
		t.Errorf("takeover of a held update: %v", got[0].Err)
	}
	if !errors.Is(got[1].Err, domain.ErrDuplicate) {
		t.Errorf("takeover of a done update: err = %v, want ErrDuplicate", got[1].Err)
	}
	// The predecessor's late write finds the claim taken and writes nothing.
	if _, err := dead.Commit(ctx, 1, key, domain.Session{Flow: "late"}); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("the predecessor's commit: err = %v, want ErrConflict", err)
	}
	if _, err := next.Commit(ctx, 1, key, domain.Session{Flow: "next"}); err != nil {
		t.Errorf("the successor's commit: %v", err)
	}
}

// SettleThenBegin saves one update's conversation and claims the next in a
// single round trip, settles first: the claim loads what the settle wrote.
func TestSettleThenBeginIsOneRoundTripSettlesFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	sess, err := r.Begin(ctx, 1, key)
	if err != nil {
		t.Fatal(err)
	}
	sess.Flow = "after-1"
	before := r.RoundTrips()
	errs, claimed := r.SettleThenBegin(ctx, []domain.Settle{{UpdateID: 1, Key: key, Session: &sess}},
		[]domain.Claim{{UpdateID: 2, Key: key}})
	if n := r.RoundTrips() - before; n != 1 {
		t.Errorf("%d round trips, want 1", n)
	}
	if errs[0] != nil || claimed[0].Err != nil {
		t.Fatalf("settle %v, claim %v", errs[0], claimed[0].Err)
	}
	if got := claimed[0].Session; got.Flow != "after-1" || got.Version != 1 {
		t.Fatalf("the claim loaded %+v, want the session the settle wrote (version 1)", got)
	}
	if _, err := r.Begin(ctx, 1, key); !errors.Is(err, domain.ErrDuplicate) {
		t.Errorf("update 1 after the settle: %v, want done", err)
	}
}
