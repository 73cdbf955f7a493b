package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// A session reset after an erasure (Forget) is deleted by its commit once
// it is blank; one that holds anything (a language chosen in the same
// batch) is saved as always.
func TestForgottenSessionIsDeleted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	key := domain.ConvKey{ChatID: 42, UserID: 42}
	s, err := r.Begin(ctx, 1, key)
	if err != nil {
		t.Fatal(err)
	}
	s.Lang, s.UserID = "de", 7
	if s, err = r.Commit(ctx, 1, key, s); err != nil {
		t.Fatal(err)
	}
	if s, err = r.Begin(ctx, 2, key); err != nil || s.UserID != 7 {
		t.Fatalf("begin: %+v, %v", s, err)
	}
	kept := s
	kept.Forget, kept.UserID = true, 0 // not blank: the language stays
	if _, err := r.Commit(ctx, 2, key, kept); err != nil {
		t.Fatal(err)
	}
	if s, err = r.Begin(ctx, 3, key); err != nil || s.Lang != "de" {
		t.Fatalf("begin after a commit that is not blank: %+v, %v", s, err)
	}
	if _, err := r.Commit(ctx, 3, key, domain.Session{Version: s.Version, Forget: true}); err != nil {
		t.Fatal(err)
	}
	n, err := r.Client().Exists(ctx, r.Options().Prefix+"conv:42:42").Result()
	if err != nil || n != 0 {
		t.Errorf("the forgotten conversation is still stored (%d, %v)", n, err)
	}
	if _, err := r.Begin(ctx, 3, key); err == nil {
		t.Error("the update of the forgetting commit is not done")
	}
}

// ForgetChat deletes the user's conversations in other chats and the
// chat's send pacing, not the running conversation nor anyone else's.
func TestForgetChat(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := storagetest.Redis(t, storage.RedisOptions{})
	c, p := r.Client(), r.Options().Prefix
	for _, k := range []string{p + "conv:42:42", p + "conv:-100:42", p + "conv:43:43", "rate:" + p + "send:chat:42", "rate:" + p + "send:chat:43"} {
		if err := c.Set(ctx, k, "x", time.Minute).Err(); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { c.Del(context.Background(), "rate:"+p+"send:chat:42", "rate:"+p+"send:chat:43") })
	if err := r.ForgetChat(ctx, 42, 42); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]int64{p + "conv:42:42": 1, p + "conv:-100:42": 0, p + "conv:43:43": 1,
		"rate:" + p + "send:chat:42": 0, "rate:" + p + "send:chat:43": 1} {
		if n, err := c.Exists(ctx, k).Result(); err != nil || n != want {
			t.Errorf("%s exists %d (%v), want %d", k, n, err, want)
		}
	}
}
