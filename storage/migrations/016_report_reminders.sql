-- Weekly reminders of overdue reports (issue 12, point 6; see
-- flows/domain/overdue.go and storage/reports_overdue.go).
--
-- One row per reminder sent: the primary key makes each (request, advisor,
-- last appointment's end, week) go out at most once, also with two job
-- runs at once (ON CONFLICT DO NOTHING in the transaction that writes the
-- outbox rows). week counts from the day the report became overdue
-- (domain.OverdueWeek); last_end keys the count, so that a later
-- appointment starts it afresh.
CREATE TABLE report_reminders (
    request_id bigint      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    advisor_id bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_end   timestamptz NOT NULL,
    week       integer     NOT NULL CHECK (week >= 0),
    sent_at    timestamptz NOT NULL,
    PRIMARY KEY (request_id, advisor_id, last_end, week)
);
