// Package scheduler runs the time-based use cases of flows on robfig/cron.
//
// Every instance of the bot runs a Scheduler, but only the leader runs jobs:
// leadership is a lock shared by the instances (a Postgres advisory lock,
// see Elector), tried again every few seconds by the others, so that when
// the leader dies another takes over. Each scheduled run first claims its
// slot (the job and the time its schedule gave, see RunStore), so a tick
// runs once even across a change of leader; and each run holds the job's
// named lock, so two runs of one job never overlap. Jobs are idempotent
// all the same, and written so.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
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
	loc    *time.Location
	locker Locker
	log    *slog.Logger
	ctx    context.Context // ends with Stop; the runs of jobs derive from it
	cancel context.CancelFunc
	mu     sync.Mutex
	jobs   map[string]Job

	opt     Options
	leading atomic.Bool
	term    *term // the current leadership; nil while following
	started atomic.Bool
	stopped chan struct{} // closed by Stop: the leader loop ends
	loopEnd chan struct{} // closed when the leader loop ended
}

// Options are how a Scheduler shares the work with other instances. The
// zero value is one instance alone: it always leads and claims no slots.
type Options struct {
	// Leader decides which instance runs the jobs; nil: this one, always.
	Leader Elector
	// Retry is how often a follower tries to lead, and the leader checks
	// that it still does; default 5s.
	Retry time.Duration
	// Runs records the slot of each scheduled run; nil: none are claimed.
	Runs RunStore
	// Instance names this process in Runs; default host:pid.
	Instance string
	// Every, when not 0, runs every job at this interval (at its
	// multiples, the same instants on every instance) instead of its
	// spec: for tests and trials (JOB_EVERY).
	Every time.Duration
	// Metrics, when not nil, gets the gauge miglobe_leader.
	Metrics prometheus.Registerer
}

// New makes a scheduler whose specs are read in loc; opt may be left out
// for one instance alone.
func New(loc *time.Location, locker Locker, log *slog.Logger, opt ...Options) *Scheduler {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Scheduler{
		cron: cron.New(cron.WithLocation(loc), cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger))),
		loc:  loc, locker: locker, log: log, ctx: ctx, cancel: cancel, jobs: map[string]Job{},
		stopped: make(chan struct{}), loopEnd: make(chan struct{}),
	}
	if len(opt) > 0 {
		s.opt = opt[0]
	}
	if s.opt.Retry <= 0 {
		s.opt.Retry = DefaultRetry
	}
	if s.opt.Instance == "" {
		host, _ := os.Hostname()
		s.opt.Instance = host + ":" + strconv.Itoa(os.Getpid())
	}
	if s.opt.Leader == nil {
		s.leading.Store(true)
	}
	if s.opt.Metrics != nil {
		s.opt.Metrics.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "miglobe_leader",
			Help: "1 while this instance is the leader, the one that runs the scheduled jobs; else 0.",
		}, func() float64 {
			if s.leading.Load() {
				return 1
			}
			return 0
		}))
	}
	return s
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
	sched, err := schedule(j.Spec, s.opt.Every)
	if err != nil {
		return fmt.Errorf("scheduler: job %q: spec %q: %w", j.Name, j.Spec, err)
	}
	s.cron.Schedule(sched, cron.FuncJob(func() { s.fire(j, sched) }))
	s.jobs[j.Name] = j
	return nil
}

// Start runs the schedules in the background and, with a Leader, tries to
// lead at once and every Retry.
func (s *Scheduler) Start() {
	if s.started.Swap(true) {
		return
	}
	if s.opt.Runs != nil {
		_ = s.Add(Job{Name: pruneJob, Spec: "@every 1h", Run: s.prune})
	}
	if s.opt.Leader != nil {
		go s.leadLoop()
	} else {
		close(s.loopEnd)
	}
	s.cron.Start()
}

// Stop stops scheduling and waits for running jobs until ctx ends; running
// jobs see their context cancelled when ctx ends first. Then it gives up
// the leadership, so another instance takes over at its next try. Calling
// it twice is safe.
func (s *Scheduler) Stop(ctx context.Context) error {
	done := s.cron.Stop()
	var err error
	select {
	case <-done.Done():
	case <-ctx.Done():
		err = fmt.Errorf("scheduler: stop: %w", ctx.Err())
	}
	s.cancel()
	s.mu.Lock()
	select {
	case <-s.stopped:
	default:
		close(s.stopped)
	}
	s.mu.Unlock()
	if s.started.Load() {
		<-s.loopEnd
	}
	return err
}

// RunNow runs the named job once, under its lock, at once: on any
// instance, leader or not, and claiming no slot (for tests and operators).
// It reports whether it ran (false: another instance holds the lock).
func (s *Scheduler) RunNow(ctx context.Context, name string) (bool, error) {
	j, err := s.job(name)
	if err != nil {
		return false, err
	}
	return s.run(ctx, j, time.Time{})
}

// RunSlot runs the named job as its schedule does at slot: only on the
// leader, only when the slot was not claimed before, and under its lock.
// It reports whether it ran.
// The run's context ends, too, when the leadership is lost.
func (s *Scheduler) RunSlot(ctx context.Context, name string, slot time.Time) (bool, error) {
	j, err := s.job(name)
	if err != nil {
		return false, err
	}
	lctx, ok := s.leaderCtx()
	if !ok {
		return false, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(lctx, cancel)()
	return s.run(ctx, j, slot)
}

// Leading reports whether this instance leads now.
func (s *Scheduler) Leading() bool { return s.leading.Load() }

func (s *Scheduler) job(name string) (Job, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, ok := s.jobs[name]
	if !ok {
		return Job{}, fmt.Errorf("%w: %q", ErrUnknownJob, name)
	}
	return j, nil
}
