-- A version that waits for the municipal side a week is shown to the
-- requester once more (issue 12): nudged_at records that it was, so that
-- each version is nudged once, also with two runs at once.
ALTER TABLE reports ADD COLUMN nudged_at timestamptz;

CREATE INDEX reports_waiting_idx ON reports (submitted_at) WHERE status = 'submitted' AND nudged_at IS NULL;
