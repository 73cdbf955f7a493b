package scheduler

import (
	"context"
	"log/slog"
	"time"
)

// DefaultRetry is how often a follower tries to lead, and the leader checks
// that it still does: a killed leader is replaced within this (plus a
// connection to Postgres), well within a minute.
const DefaultRetry = 5 * time.Second

// Elector is the leadership shared by the instances (storage.Leader: a
// session-level Postgres advisory lock on a connection of its own).
type Elector interface {
	// Lead reports whether this instance leads now: it takes the lead
	// when it is free and checks that it still holds it when it does. An
	// error (the database unreachable, the connection lost) means it does
	// not lead, and whatever it held is given up.
	Lead(ctx context.Context) (bool, error)
	// Resign gives the lead up; safe to call when not leading.
	Resign()
}

// term is one stretch of leadership: the runs it starts see ctx end when
// it is lost, so a former leader stops its jobs.
type term struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// leadLoop tries to lead now and every Retry until Stop, then resigns.
func (s *Scheduler) leadLoop() {
	defer close(s.loopEnd)
	tick := time.NewTicker(s.opt.Retry)
	defer tick.Stop()
	failing := false
	for {
		ctx, cancel := context.WithTimeout(context.Background(), max(s.opt.Retry, 2*time.Second))
		ok, err := s.opt.Leader.Lead(ctx)
		cancel()
		if err != nil && !failing { // once per outage, not every Retry
			s.log.Warn("leader check", slog.String("instance", s.opt.Instance), slog.String("err", err.Error()))
		}
		failing = err != nil
		s.setLeading(ok)
		select {
		case <-s.stopped:
			s.opt.Leader.Resign()
			s.setLeading(false)
			return
		case <-tick.C:
		}
	}
}

// setLeading records the outcome of a check and logs a change.
func (s *Scheduler) setLeading(ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.leading.Swap(ok) == ok {
		return
	}
	if ok {
		ctx, cancel := context.WithCancel(s.ctx)
		s.term = &term{ctx: ctx, cancel: cancel}
		s.log.Info("leadership taken: this instance runs the scheduled jobs", slog.String("instance", s.opt.Instance))
		return
	}
	if s.term != nil {
		s.term.cancel()
		s.term = nil
	}
	s.log.Info("leadership ended (given up at stop, or the lock lost): this instance runs no jobs", slog.String("instance", s.opt.Instance))
}

// leaderCtx returns the context of the current leadership and whether
// there is one; without an Elector the scheduler's own.
func (s *Scheduler) leaderCtx() (context.Context, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case !s.leading.Load():
		return nil, false
	case s.term != nil:
		return s.term.ctx, true
	default:
		return s.ctx, true
	}
}
