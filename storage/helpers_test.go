package storage_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// clock is a test clock that only moves when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock {
	return &clock{now: time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is a Store on its own database plus a raw pool to look at the rows.
type env struct {
	st    *storage.Store
	db    *pgxpool.Pool
	clock *clock
}

func newEnv(t *testing.T) env {
	t.Helper()
	url := storagetest.DatabaseURL(t)
	c := newClock()
	st, err := storage.Open(context.Background(), url, storage.WithClock(c.Now))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(st.Close)
	db, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatalf("raw pool: %v", err)
	}
	t.Cleanup(db.Close)
	return env{st: st, db: db, clock: c}
}

// count returns the result of a SELECT count(*) query.
func (e env) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := e.db.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// atOnce runs run eight times at once, on the stores in turn (two
// instances of the store, say), and returns what the runs returned.
func atOnce(stores []*storage.Store, run func(*storage.Store) []string) []string {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		all []string
	)
	for i := range 8 {
		st := stores[i%len(stores)]
		wg.Go(func() {
			got := run(st)
			mu.Lock()
			all = append(all, got...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return all
}
