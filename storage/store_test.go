package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

func TestConcurrentOpenOnFreshDatabase(t *testing.T) {
	t.Parallel()
	url := storagetest.EmptyDatabaseURL(t)
	const n = 4
	stores := make([]*storage.Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			stores[i], errs[i] = storage.Open(context.Background(), url)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		t.Cleanup(stores[i].Close)
	}
	ctx := context.Background()
	for i, st := range stores {
		if err := st.Ping(ctx); err != nil {
			t.Errorf("ping %d: %v", i, err)
		}
	}
	// Every instance works on the one schema, migrated exactly once.
	reg := domain.Registration{TelegramID: 1, ChatID: 1, Name: "X", Lang: "de", ConsentAt: newClock().Now(), Role: domain.RoleAdvisor}
	if _, err := stores[0].Register(ctx, reg, nil); err != nil {
		t.Fatalf("register: %v", err)
	}
	if _, err := stores[n-1].UserByTelegramID(ctx, 1); err != nil {
		t.Fatalf("user via another instance: %v", err)
	}
}

func TestOpenTwiceIsNoop(t *testing.T) {
	t.Parallel()
	url := storagetest.DatabaseURL(t)
	for range 2 {
		st, err := storage.Open(context.Background(), url)
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		st.Close()
	}
}

func TestOpenFails(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, url := range []string{"::not a url", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2"} {
		if st, err := storage.Open(ctx, url); err == nil {
			st.Close()
			t.Errorf("Open(%q) succeeded", url)
		}
	}
}

func TestNotFoundMapping(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	tests := []struct {
		name string
		call func() error
	}{
		{"UserByTelegramID", func() error { _, err := e.st.UserByTelegramID(ctx, 404); return err }},
		{"SetLanguage", func() error { return e.st.SetLanguage(ctx, 404, "en") }},
		{"GrantRole", func() error { return e.st.GrantRole(ctx, 404, domain.RoleAdvisor) }},
		{"InviteByCode", func() error { _, err := e.st.InviteByCode(ctx, "nope"); return err }},
		{"DeleteUser", func() error { return e.st.DeleteUser(ctx, 404) }},
		{"CreateInvite by unknown user", func() error {
			return e.st.CreateInvite(ctx, "c1", domain.RoleAdvisor, 404, e.clock.Now())
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if !errors.Is(err, domain.ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
		})
	}
}
