package scheduler_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
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
	case <-time.After(15 * time.Second):
		t.Fatal("the job did not fire on its schedule (every second) within 15s")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

// noMessenger is a Messenger for an engine that only runs jobs.
type noMessenger struct{}

func (noMessenger) Send(context.Context, int64, domain.Message) (int, error) { return 0, nil }
func (noMessenger) Edit(context.Context, int64, int, domain.Message) error   { return nil }
func (noMessenger) ClearButtons(context.Context, int64, int) error           { return nil }
func (noMessenger) Answer(context.Context, string, string) error             { return nil }
func (noMessenger) SetChatCommands(context.Context, int64, []engine.BotCommand) error {
	return nil
}

// The engine's jobs run under the scheduler as main adds them: each is
// accepted with its spec and runs by name, under its lock, on the engine's
// clock. (What a job does is tested with its feature, e.g. the invite
// clean-up in flows/onboarding.)
func TestEngineJobsRunUnderTheScheduler(t *testing.T) {
	store := storagetest.Store(t)
	now := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	stamps := make(chan time.Time, 10)
	stamp := func(r *engine.Registry) {
		r.Job(engine.Job{Name: "test.stamp", Spec: "@every 1h", Run: func(_ context.Context, env engine.JobEnv) error {
			stamps <- env.Now
			return nil
		}})
	}
	eng, err := flows.New(flows.Config{Stores: store, Messenger: noMessenger{}, Clock: func() time.Time { return now },
		Log: quiet, Extra: []func(*engine.Registry){stamp}})
	if err != nil {
		t.Fatal(err)
	}
	s := scheduler.New(time.UTC, store, quiet)
	var names []string
	for _, j := range eng.Jobs() {
		if err := s.Add(scheduler.Job{Name: j.Name, Spec: j.Spec, Run: j.Run}); err != nil {
			t.Fatal(err)
		}
		names = append(names, j.Name)
	}
	if len(names) < 2 || !slices.Contains(names, "test.stamp") {
		t.Fatalf("jobs %v, want the standard ones and test.stamp", names)
	}
	ctx := context.Background()
	for _, name := range names {
		if ran, err := s.RunNow(ctx, name); !ran || err != nil {
			t.Errorf("job %s: ran=%v err=%v", name, ran, err)
		}
	}
	select {
	case got := <-stamps:
		if !got.Equal(now) {
			t.Errorf("the job ran at %v, want the engine's clock %v", got, now)
		}
	default:
		t.Fatal("RunNow did not run test.stamp")
	}
}
