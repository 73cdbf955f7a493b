-- Completion reports and ratings (issue 12, points 3-5; see
-- flows/domain/report.go and storage/reports*.go).
--
-- A report is one advisor's account of their work on a request, in
-- versions: version 1 is the first submit; a question of the municipal
-- side ends a version (status question) and the advisor's answer is the
-- next version; a confirmed version is locked (the trigger below refuses
-- any UPDATE of it), and a correction is a new version that must be
-- confirmed again, so that both stay. Hours are stored as whole minutes.
CREATE TABLE reports (
    id               bigserial   PRIMARY KEY,
    request_id       bigint      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    advisor_id       bigint      NOT NULL REFERENCES users (id),
    version          integer     NOT NULL CHECK (version >= 1),
    status           text        NOT NULL CHECK (status IN ('submitted', 'question', 'confirmed')),
    dates            date[]      NOT NULL CHECK (cardinality(dates) BETWEEN 1 AND 366),
    prep_minutes     integer     NOT NULL CHECK (prep_minutes >= 0),
    session_minutes  integer     NOT NULL CHECK (session_minutes >= 0),  -- on site or online
    followup_minutes integer     NOT NULL CHECK (followup_minutes >= 0),
    km               integer     NOT NULL DEFAULT 0 CHECK (km BETWEEN 0 AND 2000),
    km_rate_cents    integer     NOT NULL DEFAULT 0 CHECK (km_rate_cents >= 0),  -- the rate at submit
    ticket_cents     bigint      NOT NULL DEFAULT 0 CHECK (ticket_cents >= 0),
    other_cents      bigint      NOT NULL DEFAULT 0 CHECK (other_cents >= 0),
    note             text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 1000),
    submitted_at     timestamptz NOT NULL,
    question         text        CHECK (char_length(question) BETWEEN 1 AND 1000),
    question_by      bigint      REFERENCES users (id),
    question_at      timestamptz,
    confirmed_by     bigint      REFERENCES users (id),
    confirmed_at     timestamptz,
    UNIQUE (request_id, advisor_id, version),
    CHECK (prep_minutes + session_minutes + followup_minutes <= 24 * 60 * cardinality(dates)),
    CHECK ((status = 'question') = (question_at IS NOT NULL)),
    CHECK ((question IS NULL) = (question_at IS NULL)),
    CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL)),
    CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL)),
    CHECK (confirmed_by IS DISTINCT FROM advisor_id)  -- nobody confirms their own report
);

-- At most one version of an advisor's report waits for the municipal side.
CREATE UNIQUE INDEX reports_pending_idx ON reports (request_id, advisor_id) WHERE status = 'submitted';
CREATE INDEX reports_request_idx ON reports (request_id, advisor_id, version);
-- Billing: the confirmed versions by the time they were confirmed.
CREATE INDEX reports_confirmed_idx ON reports (confirmed_at) WHERE status = 'confirmed';

-- A confirmed version replaces the signed paper sheet: it is never changed.
CREATE FUNCTION reports_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'confirmed' THEN
        RAISE EXCEPTION 'report % version % is confirmed and locked', OLD.id, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER reports_locked BEFORE UPDATE ON reports
    FOR EACH ROW EXECUTE FUNCTION reports_locked();

-- The municipal side's rating of a request's counseling, once per request.
-- It is the advisors' personal data: the advisors of the request and the
-- coordinators see it (domain.CanSeeRating), nobody else.
CREATE TABLE report_ratings (
    request_id bigint      PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    stars      smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment    text        NOT NULL DEFAULT '' CHECK (char_length(comment) <= 1000),
    rater_id   bigint      REFERENCES users (id),
    rated_at   timestamptz NOT NULL
);
