package storage

import (
	"context"
	"time"
)

// ClaimJobRun claims the run of job for slot, the time its schedule gave
// for it, in the name of instance. It reports false when the slot was
// claimed before (by any instance): that tick ran, or is running, and must
// not run again. It returns the database error otherwise.
func (s *Store) ClaimJobRun(ctx context.Context, job string, slot time.Time, instance string) (bool, error) {
	tag, err := s.pool.Exec(ctx, `
		INSERT INTO job_runs (job, slot, instance, started_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (job, slot) DO NOTHING`, job, slot, instance, s.now())
	if err != nil {
		return false, mapErr("claim job run", err)
	}
	return tag.RowsAffected() == 1, nil
}

// FinishJobRun records that the run of job for slot ended, failed or not.
// A slot never claimed is left alone; it returns the database error.
func (s *Store) FinishJobRun(ctx context.Context, job string, slot time.Time, failed bool) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE job_runs SET finished_at = $3, failed = $4 WHERE job = $1 AND slot = $2`, job, slot, s.now(), failed)
	return mapErr("finish job run", err)
}

// DeleteJobRuns removes the records of runs whose slot lies before before
// and returns how many went.
func (s *Store) DeleteJobRuns(ctx context.Context, before time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM job_runs WHERE slot < $1`, before)
	if err != nil {
		return 0, mapErr("delete job runs", err)
	}
	return tag.RowsAffected(), nil
}
