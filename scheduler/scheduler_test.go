package scheduler_test

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/scheduler"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

var quiet = slog.New(slog.DiscardHandler)

func TestOneInstanceAtATime(t *testing.T) {
	store := storagetest.Store(t)
	started, release := make(chan struct{}), make(chan struct{})
	var runs atomic.Int32
	job := scheduler.Job{Name: "slow", Spec: "@every 1h", Run: func(ctx context.Context) error {
		if runs.Add(1) == 1 {
			close(started)
			<-release
		}
		return nil
	}}
	a := scheduler.New(time.UTC, store, quiet)
	b := scheduler.New(time.UTC, store, quiet)
	for _, s := range []*scheduler.Scheduler{a, b} {
		if err := s.Add(job); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan bool)
	go func() {
		ran, _ := a.RunNow(context.Background(), "slow")
		done <- ran
	}()
	<-started
	if ran, err := b.RunNow(context.Background(), "slow"); ran || err != nil {
		t.Fatalf("second instance ran=%v err=%v while the first held the lock", ran, err)
	}
	close(release)
	if !<-done {
		t.Fatal("first instance did not run")
	}
	if ran, err := b.RunNow(context.Background(), "slow"); !ran || err != nil {
		t.Fatalf("after the first finished: ran=%v err=%v", ran, err)
	}
}

func TestPanicIsContainedAndLockReleased(t *testing.T) {
	s := scheduler.New(time.UTC, storagetest.Store(t), quiet)
	var calls atomic.Int32
	if err := s.Add(scheduler.Job{Name: "buggy", Spec: "@daily", Run: func(context.Context) error {
		if calls.Add(1) == 1 {
			panic("bug")
		}
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RunNow(context.Background(), "buggy"); err == nil {
		t.Fatal("a panicking job reported no error")
	}
	if ran, err := s.RunNow(context.Background(), "buggy"); !ran || err != nil {
		t.Fatalf("the lock stayed taken after a panic: ran=%v err=%v", ran, err)
	}
}

func TestAddRefusesBadJobs(t *testing.T) {
	s := scheduler.New(time.UTC, storagetest.Store(t), quiet)
	ok := scheduler.Job{Name: "a", Spec: "@hourly", Run: func(context.Context) error { return nil }}
	if err := s.Add(ok); err != nil {
		t.Fatal(err)
	}
	for name, j := range map[string]scheduler.Job{
		"bad spec":  {Name: "b", Spec: "every tuesday", Run: ok.Run},
		"duplicate": ok,
		"no run":    {Name: "c", Spec: "@hourly"},
	} {
		if err := s.Add(j); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := s.RunNow(context.Background(), "nope"); !errors.Is(err, scheduler.ErrUnknownJob) {
		t.Fatalf("RunNow of an unknown job: %v", err)
	}
}

func TestScheduleFiresAndStopWaits(t *testing.T) {
	s := scheduler.New(time.UTC, storagetest.Store(t), quiet)
	fired := make(chan struct{}, 10)
	if err := s.Add(scheduler.Job{Name: "tick", Spec: "@every 1s", Run: func(context.Context) error {
		fired <- struct{}{}
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	select {
	case <-fired:
	case <-time.After(5 * time.Second):
		t.Fatal("the job did not fire on its schedule")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestInvitePurgeKeepsRecentInvites(t *testing.T) {
	store := storagetest.Store(t)
	ctx := context.Background()
	now := time.Now()
	invites := map[string]time.Time{
		"old-unused":    now.Add(-flows.InviteRetention - time.Hour),
		"recent-unused": now.Add(-time.Hour),
		"valid":         now.Add(time.Hour),
	}
	for code, exp := range invites {
		if err := store.CreateInvite(ctx, code, flows.RoleAdvisor, 0, exp); err != nil {
			t.Fatal(err)
		}
	}
	s := scheduler.New(time.UTC, store, quiet)
	for _, j := range scheduler.Standard(store, func() time.Time { return now }, quiet) {
		if err := s.Add(j); err != nil {
			t.Fatal(err)
		}
	}
	if ran, err := s.RunNow(ctx, "invites.purge"); !ran || err != nil {
		t.Fatalf("ran=%v err=%v", ran, err)
	}
	for code := range invites {
		_, err := store.InviteByCode(ctx, code)
		gone := errors.Is(err, flows.ErrNotFound)
		if gone != (code == "old-unused") {
			t.Errorf("invite %s: gone=%v (err %v)", code, gone, err)
		}
	}
}
