package scheduler_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/miglobe/miglobe-bot/scheduler"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// instance is one bot process's scheduler on the shared database.
type instance struct {
	*scheduler.Scheduler
	reg *prometheus.Registry
}

func newInstance(t *testing.T, store *storage.Store, name string, jobs ...scheduler.Job) instance {
	t.Helper()
	reg := prometheus.NewRegistry()
	s := scheduler.New(time.UTC, store, quiet, scheduler.Options{Leader: store.Leader("scheduler"),
		Retry: 50 * time.Millisecond, Runs: store, Instance: name, Metrics: reg})
	for _, j := range jobs {
		if err := s.Add(j); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { _ = s.Stop(context.Background()) })
	return instance{s, reg}
}

// waitFor polls cond (the leader loop runs on real time) for up to 10s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("not within 10s: %s", what)
		}
	}
}

// gauge returns miglobe_leader as /metrics shows it.
func (i instance) gauge(t *testing.T) string {
	t.Helper()
	families, err := i.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "miglobe_leader" && len(f.GetMetric()) == 1 {
			return fmt.Sprintf("miglobe_leader %g", f.GetMetric()[0].GetGauge().GetValue())
		}
	}
	t.Fatalf("no miglobe_leader among %d families", len(families))
	return ""
}

// Only the leader runs jobs, each slot once; when it stops, the other
// takes over and does not run the slot the first ran again.
func TestOnlyTheLeaderRunsEachSlotOnce(t *testing.T) {
	store := storagetest.Store(t)
	var runs atomic.Int32
	job := scheduler.Job{Name: "count", Spec: "@every 1m", Run: func(context.Context) error {
		runs.Add(1)
		return nil
	}}
	a, b := newInstance(t, store, "a", job), newInstance(t, store, "b", job)
	a.Start()
	waitFor(t, "a leads", a.Leading)
	b.Start()
	ctx := context.Background()
	slot := time.Date(2026, 11, 24, 17, 1, 0, 0, time.UTC)
	if ran, err := b.RunSlot(ctx, "count", slot); ran || err != nil {
		t.Fatalf("the follower ran the job: %v, %v", ran, err)
	}
	if got := b.gauge(t); got != "miglobe_leader 0" {
		t.Errorf("follower: %s", got)
	}
	if got := a.gauge(t); got != "miglobe_leader 1" {
		t.Errorf("leader: %s", got)
	}
	for i, want := range []bool{true, false} {
		if ran, err := a.RunSlot(ctx, "count", slot); ran != want || err != nil {
			t.Fatalf("leader, run %d of the slot: %v, %v; want %v", i, ran, err, want)
		}
	}
	if err := a.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if a.Leading() {
		t.Fatal("a stopped but still leads")
	}
	waitFor(t, "b takes over once a stopped", b.Leading)
	if ran, _ := b.RunSlot(ctx, "count", slot); ran {
		t.Fatal("the new leader ran the slot the old one had run")
	}
	if ran, err := b.RunSlot(ctx, "count", slot.Add(time.Minute)); !ran || err != nil {
		t.Fatalf("the new leader, next slot: %v, %v", ran, err)
	}
	if n := runs.Load(); n != 2 {
		t.Fatalf("the job ran %d times, want 2 (one per slot)", n)
	}
}

// A leader whose connection ends (as when Postgres restarts, or drops it)
// knows at its next check: its running job is cancelled, it runs nothing
// more, and the other instance takes over.
func TestLostConnectionLosesLeadership(t *testing.T) {
	url := storagetest.DatabaseURL(t)
	ctx := context.Background()
	store, err := storage.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	started := make(chan struct{}, 1)
	hold := scheduler.Job{Name: "hold", Spec: "@every 1m", Run: func(ctx context.Context) error {
		started <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	}}
	a := newInstance(t, store, "a", hold)
	a.Start()
	waitFor(t, "a leads", a.Leading)
	b := newInstance(t, store, "b", hold)
	b.Start()

	slot := time.Date(2026, 11, 24, 17, 1, 0, 0, time.UTC)
	done := make(chan error, 1)
	go func() {
		_, err := a.RunSlot(ctx, "hold", slot)
		done <- err
	}()
	<-started

	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(pg_terminate_backend(a.pid)) FROM pg_stat_activity a
		WHERE a.datname = current_database() AND a.application_name = 'miglobe-bot leader'
		  AND a.pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("terminated %d leader connections (%v), want a's one", n, err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("the cancelled job reported no error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the former leader's job still runs 10s after it lost the connection")
	}
	waitFor(t, "b takes over", b.Leading)
	if a.Leading() {
		t.Fatal("a leads together with b")
	}
	if ran, _ := a.RunSlot(ctx, "hold", slot.Add(time.Minute)); ran {
		t.Fatal("the former leader ran a job")
	}
}
