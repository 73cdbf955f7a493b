package storage_test

import (
	"context"
	"errors"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

func TestLeaseHeldIsBusy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := storagetest.Redis(t, storage.RedisOptions{})
	b := peer(t, a)
	if _, err := a.Begin(ctx, 1, key); err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*storage.Redis{"same instance": a, "other instance": b} {
		if _, err := r.Begin(ctx, 1, key); !errors.Is(err, domain.ErrBusy) {
			t.Errorf("%s: err = %v, want ErrBusy", name, err)
		}
	}
}

func TestLeaseRanOut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// The default lease: expire makes a's run out, and b's must last
	// through the test even on a loaded machine.
	a := storagetest.Redis(t, storage.RedisOptions{})
	b := peer(t, a)
	if _, err := a.Begin(ctx, 1, key); err != nil {
		t.Fatal(err)
	}
	expire(t, a, "upd:1")
	if _, err := b.Begin(ctx, 1, key); err != nil {
		t.Fatalf("claim after lease ran out: %v", err)
	}
	// a's late Commit must not clobber b's claim, and writes nothing.
	if _, err := a.Commit(ctx, 1, key, domain.Session{Flow: "late"}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("late Commit: err = %v, want ErrConflict", err)
	}
	if err := a.Done(ctx, 1); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("late Done: err = %v, want ErrConflict", err)
	}
	if err := a.Abort(ctx, 1); err != nil {
		t.Errorf("late Abort: %v", err)
	}
	if _, err := a.Begin(ctx, 1, key); !errors.Is(err, domain.ErrBusy) {
		t.Errorf("b's claim was dropped: err = %v, want ErrBusy", err)
	}
	saved, err := b.Commit(ctx, 1, key, domain.Session{Flow: "b"})
	if err != nil || saved.Version != 1 || saved.Flow != "b" {
		t.Fatalf("b's Commit = %+v, %v", saved, err)
	}
}

func TestCommitAfterLeaseRanOutUnclaimed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	if _, err := r.Begin(ctx, 1, key); err != nil {
		t.Fatal(err)
	}
	expire(t, r, "upd:1")
	if _, err := r.Commit(ctx, 1, key, domain.Session{Flow: "x"}); err != nil {
		t.Fatalf("commit with lapsed, unclaimed lease: %v", err)
	}
	if _, err := r.Begin(ctx, 1, key); !errors.Is(err, domain.ErrDuplicate) {
		t.Errorf("err = %v, want ErrDuplicate", err)
	}
}

func TestAbortAllowsClaimAgain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := storagetest.Redis(t, storage.RedisOptions{})
	b := peer(t, a)
	if _, err := a.Begin(ctx, 1, key); err != nil {
		t.Fatal(err)
	}
	if err := b.Abort(ctx, 1); err != nil { // not b's claim: nothing happens
		t.Fatalf("foreign abort: %v", err)
	}
	if _, err := b.Begin(ctx, 1, key); !errors.Is(err, domain.ErrBusy) {
		t.Fatalf("foreign Abort dropped the claim: err = %v", err)
	}
	if err := a.Abort(ctx, 1); err != nil {
		t.Fatalf("abort: %v", err)
	}
	if _, err := b.Begin(ctx, 1, key); err != nil {
		t.Fatalf("claim after Abort: %v", err)
	}
}
