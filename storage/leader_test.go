package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// One instance at a time leads; giving up, or losing the connection (as a
// killed process does), lets the other take over at its next try, and the
// one that lost it knows.
func TestLeaderOneAtATime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	a, b := e.st.Leader("scheduler"), e.st.Leader("scheduler")
	t.Cleanup(a.Resign)
	t.Cleanup(b.Resign)
	lead := func(name string, l interface {
		Lead(context.Context) (bool, error)
	}, want bool) {
		t.Helper()
		got, err := l.Lead(ctx)
		if got != want {
			t.Fatalf("%s leads: %v (err %v), want %v", name, got, err, want)
		}
	}
	lead("a", a, true)
	lead("b", b, false)
	lead("a again", a, true) // holding, not stacking: one Resign frees it
	lead("b again", b, false)
	// Another role is another lock. The check of a held lock reads its key
	// back from pg_locks in two halves: try keys of either sign.
	for i := range 16 {
		other := e.st.Leader(fmt.Sprintf("role %d", i))
		lead("another role", other, true)
		lead("another role, checked", other, true)
		other.Resign()
	}

	a.Resign()
	lead("b after a resigned", b, true)
	lead("a while b leads", a, false)

	// b's connection ends as when its process is killed: Postgres frees the lock.
	if n := e.count(t, `SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l
		WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		  AND l.pid <> pg_backend_pid()`); n != 1 {
		t.Fatalf("terminated %d sessions holding advisory locks, want b's one", n)
	}
	deadline := time.Now().Add(10 * time.Second)
	for ok, _ := a.Lead(ctx); !ok; ok, _ = a.Lead(ctx) {
		if time.Now().After(deadline) {
			t.Fatal("a did not take over within 10s of b's connection ending")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if ok, err := b.Lead(ctx); ok || err == nil {
		t.Fatalf("b, whose connection ended, leads: %v, err %v; want false and the error", ok, err)
	}
	lead("b once a holds it", b, false)
}

// A job's slot is claimed once; its end is recorded; old runs are deleted.
func TestJobRunClaimedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	slot := time.Date(2026, 11, 24, 17, 1, 0, 0, time.UTC)
	for i, want := range []bool{true, false} {
		ok, err := e.st.ClaimJobRun(ctx, "offers", slot, "host-a:1")
		if err != nil || ok != want {
			t.Fatalf("claim %d: %v, %v; want %v", i, ok, err, want)
		}
	}
	if ok, err := e.st.ClaimJobRun(ctx, "offers", slot.Add(time.Minute), "host-b:2"); !ok || err != nil {
		t.Fatalf("the next slot: %v, %v", ok, err)
	}
	if ok, _ := e.st.ClaimJobRun(ctx, "reports", slot, "host-b:2"); !ok {
		t.Fatal("another job's run in the same slot was refused")
	}
	if err := e.st.FinishJobRun(ctx, "offers", slot, true); err != nil {
		t.Fatal(err)
	}
	if n := e.count(t, `SELECT count(*) FROM job_runs WHERE job = 'offers' AND slot = $1 AND instance = 'host-a:1'
		AND finished_at = $2 AND failed`, slot, e.clock.Now()); n != 1 {
		t.Fatalf("the finished run is not recorded as such (%d rows)", n)
	}
	if n, err := e.st.DeleteJobRuns(ctx, slot.Add(time.Minute)); n != 2 || err != nil {
		t.Fatalf("deleted %d, %v; want the 2 runs of the first slot", n, err)
	}
}
