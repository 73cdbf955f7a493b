// Package scheduler runs the time-based use cases of flows on robfig/cron.
// A job runs on one instance at a time: each run first takes the job's named
// lock (a Postgres advisory lock) and is skipped when another instance holds
// it, so jobs must be idempotent, and they are written so.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Locker hands out named locks shared by every instance.
type Locker interface {
	// TryLock takes the lock called name. ok is false (and release nil) when
	// another holder has it. release gives it back.
	TryLock(ctx context.Context, name string) (release func(), ok bool, err error)
}

// Job is one scheduled use case.
type Job struct {
	Name    string                          // for logs and the lock
	Spec    string                          // cron spec in BOT_TIMEZONE, e.g. "17 3 * * *" or "@every 1h"
	Timeout time.Duration                   // how long one run may take; default 5 minutes
	Run     func(ctx context.Context) error // the use case
}

// ErrUnknownJob is returned by RunNow for a name that was never added.
var ErrUnknownJob = errors.New("scheduler: unknown job")

// Scheduler runs jobs on their schedules.
type Scheduler struct {
	cron   *cron.Cron
	locker Locker
	log    *slog.Logger
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	jobs   map[string]Job
}

// New makes a scheduler whose specs are read in loc.
func New(loc *time.Location, locker Locker, log *slog.Logger) *Scheduler {
	ctx, cancel := context.WithCancel(context.Background())
	return &Scheduler{
		cron:   cron.New(cron.WithLocation(loc), cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger))),
		locker: locker, log: log, ctx: ctx, cancel: cancel, jobs: map[string]Job{},
	}
}

// Add schedules j. It returns an error for a malformed spec or a name in use.
func (s *Scheduler) Add(j Job) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.jobs[j.Name]; dup || j.Name == "" || j.Run == nil {
		return fmt.Errorf("scheduler: job %q: needs a unique name and a Run func", j.Name)
	}
	if j.Timeout <= 0 {
		j.Timeout = 5 * time.Minute
	}
	if _, err := s.cron.AddFunc(j.Spec, func() { _, _ = s.run(s.ctx, j) }); err != nil {
		return fmt.Errorf("scheduler: job %q: spec %q: %w", j.Name, j.Spec, err)
	}
	s.jobs[j.Name] = j
	return nil
}

// Start runs the schedules in the background.
func (s *Scheduler) Start() { s.cron.Start() }

// Stop stops scheduling and waits for running jobs until ctx ends; running
// jobs see their context cancelled when ctx ends first.
func (s *Scheduler) Stop(ctx context.Context) error {
	done := s.cron.Stop()
	select {
	case <-done.Done():
		s.cancel()
		return nil
	case <-ctx.Done():
		s.cancel()
		return fmt.Errorf("scheduler: stop: %w", ctx.Err())
	}
}

// RunNow runs the named job once, under its lock, as the schedule would. It
// reports whether it ran (false: another instance holds the lock).
func (s *Scheduler) RunNow(ctx context.Context, name string) (bool, error) {
	s.mu.Lock()
	j, ok := s.jobs[name]
	s.mu.Unlock()
	if !ok {
		return false, fmt.Errorf("%w: %q", ErrUnknownJob, name)
	}
	return s.run(ctx, j)
}

// run takes the job's lock and runs it, turning a panic into an error.
func (s *Scheduler) run(ctx context.Context, j Job) (ran bool, err error) {
	log := s.log.With(slog.String("job", j.Name))
	release, ok, err := s.locker.TryLock(ctx, "job:"+j.Name)
	if err != nil {
		log.Warn("job lock", slog.String("err", err.Error()))
		return false, fmt.Errorf("scheduler: lock %q: %w", j.Name, err)
	}
	if !ok {
		log.Debug("job runs elsewhere; skipped")
		return false, nil
	}
	defer release()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("scheduler: job %q panicked: %v", j.Name, r)
			log.Error("job panicked", slog.String("panic", fmt.Sprint(r)))
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, j.Timeout)
	defer cancel()
	start := time.Now()
	if err := j.Run(ctx); err != nil {
		log.Error("job failed", slog.String("err", err.Error()))
		return true, fmt.Errorf("scheduler: job %q: %w", j.Name, err)
	}
	log.Info("job done", slog.Duration("took", time.Since(start)))
	return true, nil
}
