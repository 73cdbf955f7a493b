-- Appointments of requests and their reminders (issue 12, points 1, 2 and
-- 7; see flows/domain/appointment.go and storage/appointments*.go).
--
-- An advisor who holds a seat proposes options (round 1) awaiting the
-- requester side; that side picks one (agreed) or proposes others (round
-- 2, awaiting the advisors), and so on. The agreed slot is copied into the
-- appointment. sequence is the calendar entry's SEQUENCE: raised by every
-- reschedule and by the cancellation; uid is its stable UID.

CREATE TABLE appointments (
    id            bigserial   PRIMARY KEY,
    request_id    bigint      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    uid           text        NOT NULL UNIQUE DEFAULT gen_random_uuid()::text,
    status        text        NOT NULL CHECK (status IN ('proposed', 'agreed', 'cancelled')),
    awaiting      text        CHECK (awaiting IN ('advisor', 'requester')),
    round         integer     NOT NULL DEFAULT 1 CHECK (round >= 1),
    starts_at     timestamptz,
    ends_at       timestamptz,
    place         text        NOT NULL DEFAULT '' CHECK (char_length(place) <= 200),
    link          text        NOT NULL DEFAULT '' CHECK (char_length(link) <= 200),
    sequence      integer     NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    note          text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 500),
    created_by    bigint      REFERENCES users (id),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,   -- the last change; reminders only for times agreed before them
    agreed_by     bigint      REFERENCES users (id),
    agreed_at     timestamptz,
    cancelled_by  bigint      REFERENCES users (id),
    cancelled_at  timestamptz,
    reason        text        NOT NULL DEFAULT '' CHECK (char_length(reason) <= 500), -- of the cancellation or the last reschedule
    CHECK ((status = 'proposed') = (awaiting IS NOT NULL)),
    CHECK (status = 'proposed' OR agreed_at IS NOT NULL OR status = 'cancelled'),
    CHECK ((agreed_at IS NULL) = (starts_at IS NULL) AND (starts_at IS NULL) = (ends_at IS NULL)),
    CHECK (ends_at > starts_at),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);

CREATE INDEX appointments_request_idx ON appointments (request_id, starts_at);
-- The reminder job: agreed appointments by start.
CREATE INDEX appointments_agreed_idx ON appointments (starts_at) WHERE status = 'agreed';

-- The options of each round of a proposal; kept for the record.
CREATE TABLE appointment_options (
    id             bigserial   PRIMARY KEY,
    appointment_id bigint      NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    round          integer     NOT NULL,
    proposed_by    bigint      REFERENCES users (id),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    place          text        NOT NULL DEFAULT '' CHECK (char_length(place) <= 200),
    link           text        NOT NULL DEFAULT '' CHECK (char_length(link) <= 200),
    CHECK (ends_at > starts_at),
    CHECK (place <> '' OR link <> '')
);

CREATE INDEX appointment_options_idx ON appointment_options (appointment_id, round, starts_at);

-- One row per reminder sent: the primary key makes each (appointment,
-- kind, sequence) go out at most once, also with two job runs at once; a
-- reschedule raises the sequence, so the old time's rows do not count and
-- the old time is not reminded (only agreed appointments are).
CREATE TABLE appointment_reminders (
    appointment_id bigint      NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    kind           text        NOT NULL CHECK (kind IN ('24h', '2h')),
    sequence       integer     NOT NULL,
    sent_at        timestamptz NOT NULL,
    PRIMARY KEY (appointment_id, kind, sequence)
);
