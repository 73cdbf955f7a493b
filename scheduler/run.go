package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
)

// RunStore records the scheduled runs of jobs across instances
// (storage.Store, table job_runs).
type RunStore interface {
	// ClaimJobRun claims job's run for slot; false when it was claimed
	// before, by any instance.
	ClaimJobRun(ctx context.Context, job string, slot time.Time, instance string) (bool, error)
	// FinishJobRun records the end of the run claimed for job and slot.
	FinishJobRun(ctx context.Context, job string, slot time.Time, failed bool) error
	// DeleteJobRuns removes the records of runs of slots before before.
	DeleteJobRuns(ctx context.Context, before time.Time) (int64, error)
}

// pruneJob keeps job_runs to a week; runKeep is that week.
const (
	pruneJob = "scheduler.prune"
	runKeep  = 7 * 24 * time.Hour
)

// fire is what the schedule calls: the run of j for the slot that is due,
// on the leader only.
func (s *Scheduler) fire(j Job, sched cron.Schedule) {
	slot := slotOf(sched, time.Now().In(s.loc))
	ctx, ok := s.leaderCtx()
	if !ok {
		s.log.Debug("not the leader; job skipped", slog.String("job", j.Name))
		return
	}
	_, _ = s.run(ctx, j, slot)
}

// run takes the job's lock, claims its slot (unless slot is zero) and runs
// it, turning a panic into an error.
func (s *Scheduler) run(ctx context.Context, j Job, slot time.Time) (ran bool, err error) {
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
	if !slot.IsZero() && s.opt.Runs != nil {
		log = log.With(slog.Time("slot", slot))
		claimed, err := s.opt.Runs.ClaimJobRun(ctx, j.Name, slot, s.opt.Instance)
		if err != nil {
			log.Warn("claim job run", slog.String("err", err.Error()))
			return false, fmt.Errorf("scheduler: claim %q: %w", j.Name, err)
		}
		if !claimed {
			log.Debug("slot ran already; skipped")
			return false, nil
		}
		defer func() { s.finish(log, j.Name, slot, err != nil) }()
	}
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

// finish records the end of a claimed run, even when its context ended.
func (s *Scheduler) finish(log *slog.Logger, job string, slot time.Time, failed bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.opt.Runs.FinishJobRun(ctx, job, slot, failed); err != nil {
		log.Warn("finish job run", slog.String("err", err.Error()))
	}
}

// prune deletes the records of runs older than a week.
func (s *Scheduler) prune(ctx context.Context) error {
	n, err := s.opt.Runs.DeleteJobRuns(ctx, time.Now().Add(-runKeep))
	if err != nil {
		return err
	}
	s.log.Info("job runs pruned", slog.Int64("count", n))
	return nil
}
