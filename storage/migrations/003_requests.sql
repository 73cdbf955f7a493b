-- Counseling requests, their history and the per-year reference counter
-- (see flows/requests.go and storage/requests*.go).

-- One row per year; last is the number of the year's newest reference. A
-- submit increments it in its own transaction, so the row lock orders
-- concurrent submits and a rolled-back submit consumes no number.
CREATE TABLE request_counters (
    year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
    last integer NOT NULL CHECK (last >= 0)
);

CREATE TABLE requests (
    id               bigserial   PRIMARY KEY,
    ref              text        NOT NULL UNIQUE CHECK (ref ~ '^MG-[0-9]{4}-[0-9]{4,}$'),
    submit_key       text        NOT NULL UNIQUE CHECK (char_length(submit_key) BETWEEN 1 AND 128),
    status           text        NOT NULL CHECK (status IN ('submitted', 'in_review', 'question',
                         'approved', 'declined', 'matching', 'assigned', 'scheduled', 'completed',
                         'closed', 'cancelled')),
    requester_id     bigint      NOT NULL REFERENCES users (id),
    municipality_id  bigint      NOT NULL REFERENCES municipalities (id),
    department       text        NOT NULL CHECK (char_length(department) BETWEEN 1 AND 200),
    contact_function text        NOT NULL CHECK (char_length(contact_function) <= 200),
    topic            text        NOT NULL CHECK (topic IN ('intercultural_opening',
                         'migrant_organisations', 'events_pr', 'municipal_partnerships', 'fair_trade',
                         'agenda_2030', 'other')),
    topic_other      text        NOT NULL DEFAULT '' CHECK (char_length(topic_other) <= 200),
    description      text        NOT NULL CHECK (char_length(description) BETWEEN 20 AND 2000),
    goal             text        NOT NULL CHECK (char_length(goal) BETWEEN 1 AND 2000),
    format           text        NOT NULL CHECK (format IN ('on_site', 'online', 'hybrid')),
    earliest         date        NOT NULL,
    latest           date        NOT NULL,
    place            text        NOT NULL DEFAULT '' CHECK (char_length(place) <= 200),
    languages        text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 10),
    target_groups    text        NOT NULL DEFAULT '' CHECK (char_length(target_groups) <= 1000),
    associations     text        NOT NULL DEFAULT '' CHECK (char_length(associations) <= 1000),
    tandem           boolean     NOT NULL DEFAULT false,
    urgency          text        NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'high')),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK (latest >= earliest),
    CHECK (topic <> 'other' OR char_length(topic_other) >= 1),
    CHECK (format = 'online' OR char_length(place) >= 1)
);

CREATE INDEX requests_requester_idx ON requests (requester_id, created_at DESC, id DESC);
CREATE INDEX requests_municipality_idx ON requests (municipality_id, created_at DESC, id DESC);
-- The coordinators' queue: open requests, oldest first.
CREATE INDEX requests_open_idx ON requests (created_at, id)
    WHERE status IN ('submitted', 'in_review', 'question');

-- One row per status change, question, answer and note. from_status is NULL
-- on the submit row; both are NULL for a row that changed no status.
CREATE TABLE request_events (
    id            bigserial   PRIMARY KEY,
    request_id    bigint      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    at            timestamptz NOT NULL,
    actor_user_id bigint      REFERENCES users (id),   -- NULL: the system
    kind          text        NOT NULL CHECK (kind IN ('status', 'question', 'answer', 'note')),
    from_status   text,
    to_status     text,
    note          text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 4000),
    CHECK (from_status IS NULL OR to_status IS NOT NULL),
    CHECK (kind <> 'status' OR to_status IS NOT NULL)
);

CREATE INDEX request_events_request_idx ON request_events (request_id, id);
