-- Several instances (issue 15): one instance, the leader, runs the
-- scheduled jobs, and each run first claims its slot here: the job's name
-- and the time the schedule gave for it. The primary key lets one claim
-- win (INSERT ... ON CONFLICT DO NOTHING), so a tick is never run twice,
-- not by two instances and not by a new leader that takes over in the
-- middle of a minute in which the old one already ran it.
--
-- instance names the process (host:pid), so an operator can tell who ran
-- what; finished_at stays NULL for a run that did not finish (its process
-- died), and failed marks a run whose job returned an error. Rows hold no
-- personal data; the scheduler deletes those older than a week.

CREATE TABLE job_runs (
    job         text        NOT NULL,
    slot        timestamptz NOT NULL,
    instance    text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    failed      boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (job, slot)
);

-- The week's clean-up deletes by slot.
CREATE INDEX job_runs_slot ON job_runs (slot);
