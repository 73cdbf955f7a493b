package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

func TestLockChatExclusive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := storagetest.Redis(t, storage.RedisOptions{})
	b := peer(t, a)
	unlock, err := a.LockChat(ctx, 42, time.Minute)
	if err != nil {
		t.Fatalf("lock: %v", err)
	}
	for name, r := range map[string]*storage.Redis{"same instance": a, "other instance": b} {
		if _, err := r.LockChat(ctx, 42, time.Minute); !errors.Is(err, domain.ErrBusy) {
			t.Errorf("%s: err = %v, want ErrBusy", name, err)
		}
	}
	other, err := b.LockChat(ctx, 43, time.Minute)
	if err != nil {
		t.Fatalf("another chat is not locked: %v", err)
	}
	t.Cleanup(func() { _ = other(ctx) })
	if err := unlock(ctx); err != nil {
		t.Fatalf("unlock: %v", err)
	}
	if err := unlock(ctx); err != nil {
		t.Errorf("second unlock: %v", err)
	}
	unlockB, err := b.LockChat(ctx, 42, time.Minute)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	if err := unlockB(ctx); err != nil {
		t.Errorf("unlock b: %v", err)
	}
}

func TestLockChatRanOut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := storagetest.Redis(t, storage.RedisOptions{})
	b := peer(t, a)
	unlockA, err := a.LockChat(ctx, 42, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if d := pttl(t, a, "chat:42"); d <= 0 || d > time.Minute {
		t.Errorf("lock ttl = %v", d)
	}
	expire(t, a, "chat:42")
	unlockB, err := b.LockChat(ctx, 42, time.Minute)
	if err != nil {
		t.Fatalf("lock after it ran out: %v", err)
	}
	if err := unlockA(ctx); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("late unlock: err = %v, want ErrConflict", err)
	}
	if _, err := a.LockChat(ctx, 42, time.Minute); !errors.Is(err, domain.ErrBusy) {
		t.Errorf("late unlock released b's lock: err = %v", err)
	}
	if err := unlockB(ctx); err != nil {
		t.Errorf("unlock b: %v", err)
	}
	if _, err := a.LockChat(ctx, 42, 0); err == nil {
		t.Error("zero ttl accepted")
	}
}
