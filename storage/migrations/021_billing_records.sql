-- Erasure with locked billing records (issue 15, point 2; see
-- storage/erase*.go and flows/erasure).
--
-- A user's erasure keeps what the law requires: a confirmed report is a
-- Buchungsbeleg (§147 AO), kept until the end of the calendar year of its
-- confirmation plus BILLING_RETENTION years. billing_records is the copy
-- of what billing needs of an erased advisor's confirmed report versions,
-- made in the erasure's transaction: the reference of the request, the
-- name as billed (users.name is erased), the dates, minutes, kilometres and
-- cents, when it was confirmed and until when the copy is locked. Nothing
-- else of the person is kept here. PurgeBillingRecords deletes the rows
-- whose locked_until has passed (the retention job).
CREATE TABLE billing_records (
    report_id        bigint      PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    request_ref      text        NOT NULL,
    advisor_name     text        NOT NULL CHECK (char_length(advisor_name) <= 200),
    version          integer     NOT NULL,
    dates            date[]      NOT NULL,
    prep_minutes     integer     NOT NULL,
    session_minutes  integer     NOT NULL,
    followup_minutes integer     NOT NULL,
    km               integer     NOT NULL,
    km_rate_cents    integer     NOT NULL,
    ticket_cents     bigint      NOT NULL,
    other_cents      bigint      NOT NULL,
    confirmed_at     timestamptz NOT NULL,
    locked_until     date        NOT NULL,
    created_at       timestamptz NOT NULL
);

-- The purge: records by the end of their period.
CREATE INDEX billing_records_locked_idx ON billing_records (locked_until);

-- A confirmed version stays locked (015), with one exception chosen on
-- purpose: the erasure of its advisor may blank the version's free-text
-- note, and nothing else, once the billing copy exists and the advisor's
-- user row is erased. The figures billing sums (dates, minutes, km, cents,
-- confirmed_at) stay in place, so that the office's billing export and the
-- request's history keep adding up; deleting the rows would have changed
-- totals already reported. The note is the only personal free text a
-- confirmed version holds (a question ends a version before confirmation).
CREATE OR REPLACE FUNCTION reports_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'confirmed' THEN
        IF NEW.note = ''
           AND to_jsonb(NEW) - 'note' = to_jsonb(OLD) - 'note'
           AND EXISTS (SELECT 1 FROM billing_records b WHERE b.report_id = OLD.id)
           AND EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.advisor_id AND u.deleted_at IS NOT NULL) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'report % version % is confirmed and locked', OLD.id, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
