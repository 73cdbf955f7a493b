package storage_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

var key = domain.ConvKey{ChatID: 42, UserID: 4242}

// peer opens a second instance on the same key space as r.
func peer(t *testing.T, r *storage.Redis) *storage.Redis {
	t.Helper()
	p, err := storage.OpenRedis(context.Background(), storagetest.RedisURL(t), r.Options())
	if err != nil {
		t.Fatalf("open peer: %v", err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// expire makes key run out now, as if its PX had passed.
func expire(t *testing.T, r *storage.Redis, k string) {
	t.Helper()
	ctx := context.Background()
	if err := r.Client().Del(ctx, r.Options().Prefix+k).Err(); err != nil {
		t.Fatalf("expire %s: %v", k, err)
	}
}

func pttl(t *testing.T, r *storage.Redis, k string) time.Duration {
	t.Helper()
	d, err := r.Client().PTTL(context.Background(), r.Options().Prefix+k).Result()
	if err != nil {
		t.Fatalf("pttl %s: %v", k, err)
	}
	return d
}

func TestBeginCommitRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	sess, err := r.Begin(ctx, 1, key)
	if err != nil || !reflect.DeepEqual(sess, domain.Session{}) {
		t.Fatalf("first Begin = %+v, %v; want zero session", sess, err)
	}
	if d := pttl(t, r, "upd:1"); d <= 0 || d > storage.DefaultLease {
		t.Errorf("lease ttl = %v", d)
	}
	touched := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	sess = domain.Session{Lang: "de", UserID: 7, Roles: []domain.Role{domain.RoleAdvisor}, Flow: "onboarding",
		Step: "name", Nonce: 99, Prompt: 12, Data: map[string]string{"name": "Ayşe | <b>"}, Touched: touched}
	saved, err := r.Commit(ctx, 1, key, sess)
	if err != nil {
		t.Fatalf("commit: %v", err)
	}
	want := sess
	want.Version = 1
	if !reflect.DeepEqual(saved, want) {
		t.Errorf("Commit returned %+v, want %+v", saved, want)
	}
	if d := pttl(t, r, "upd:1"); d <= storage.DefaultLease || d > storage.DefaultDoneTTL {
		t.Errorf("done ttl = %v", d)
	}
	if d := pttl(t, r, "conv:42:4242"); d <= storage.DefaultDoneTTL || d > storage.DefaultSessionTTL {
		t.Errorf("session ttl = %v", d)
	}
	got, err := r.Begin(ctx, 2, key)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("next Begin = %+v, %v; want %+v", got, err, want)
	}
	if _, err := r.Begin(ctx, 1, key); !errors.Is(err, domain.ErrDuplicate) {
		t.Errorf("Begin after Commit: err = %v, want ErrDuplicate", err)
	}
}

func TestDone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{DoneTTL: time.Hour})
	if _, err := r.Begin(ctx, 1, key); err != nil {
		t.Fatal(err)
	}
	if err := r.Done(ctx, 1); err != nil {
		t.Fatalf("done: %v", err)
	}
	if d := pttl(t, r, "upd:1"); d <= 30*time.Second || d > time.Hour {
		t.Errorf("done ttl = %v, want up to 1h", d)
	}
	if _, err := r.Begin(ctx, 1, key); !errors.Is(err, domain.ErrDuplicate) {
		t.Errorf("Begin after Done: err = %v, want ErrDuplicate", err)
	}
	if n, _ := r.Client().Exists(ctx, r.Options().Prefix+"conv:42:4242").Result(); n != 0 {
		t.Errorf("Done wrote a session")
	}
}

func TestStaleCommitWritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	first, _ := r.Begin(ctx, 1, key)
	second, _ := r.Begin(ctx, 2, key)
	first.Flow = "first"
	if _, err := r.Commit(ctx, 1, key, first); err != nil {
		t.Fatal(err)
	}
	second.Flow = "second"
	if _, err := r.Commit(ctx, 2, key, second); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("stale commit: err = %v, want ErrConflict", err)
	}
	// The claim stays: another instance finds it busy (this process may take
	// it again for the redelivery, see TestFailedWriteIsTakenAgain).
	if _, err := peer(t, r).Begin(ctx, 2, key); !errors.Is(err, domain.ErrBusy) {
		t.Errorf("claim of update 2 did not stay: err = %v", err)
	}
	if err := r.Abort(ctx, 2); err != nil {
		t.Fatal(err)
	}
	got, err := r.Begin(ctx, 2, key)
	if err != nil || got.Flow != "first" || got.Version != 1 {
		t.Errorf("stored = %+v, %v; want first's session, version 1", got, err)
	}
	// A session that exists while Commit expects none is stale too.
	if _, err := r.Commit(ctx, 2, key, domain.Session{Flow: "new"}); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("version 0 over an existing session: err = %v, want ErrConflict", err)
	}
}

func TestCorruptSession(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	if err := r.Client().Set(ctx, r.Options().Prefix+"conv:42:4242", "garbage", 0).Err(); err != nil {
		t.Fatal(err)
	}
	sess, err := r.Begin(ctx, 1, key)
	if err != nil || !reflect.DeepEqual(sess, domain.Session{}) {
		t.Fatalf("Begin over garbage = %+v, %v; want the zero session", sess, err)
	}
	sess.Flow = "fresh"
	if _, err := r.Commit(ctx, 1, key, sess); err != nil {
		t.Fatalf("commit over garbage: %v", err)
	}
	if err := r.Client().Set(ctx, r.Options().Prefix+"conv:42:4242", `5|{"f":`, 0).Err(); err != nil {
		t.Fatal(err)
	}
	sess, err = r.Begin(ctx, 2, key)
	if err != nil || !reflect.DeepEqual(sess, domain.Session{Version: 5}) {
		t.Fatalf("Begin over broken JSON = %+v, %v; want version 5 only", sess, err)
	}
	if saved, err := r.Commit(ctx, 2, key, sess); err != nil || saved.Version != 6 {
		t.Fatalf("commit over broken JSON = %+v, %v", saved, err)
	}
}
