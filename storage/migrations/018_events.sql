-- Events of the programme, invitations and the associations' answers
-- (issue 13; see flows/domain/event.go and storage/events*.go).
--
-- An event is created as a draft by its organiser and published once
-- (a conditional UPDATE from 'draft'). Publishing writes one invitation
-- per member of each chosen organisation; the unique key makes a replayed
-- or racing publish write none twice. Each invited organisation gives one
-- answer, shared by its members. The UID of the calendar file is
-- 'ev-<id>@miglobe'; sequence is its SEQUENCE.
--
-- Ready for issue 14 (capacity and waitlist; no code uses these yet):
-- events.seats_taken counts the persons holding seats, checked against
-- capacity; an answer's seat is 'held', 'waiting' (since waiting_since,
-- in that order) or 'offered' (a promotion to confirm before
-- offer_until); attended is recorded after the event.

CREATE TABLE events (
    id           bigserial   PRIMARY KEY,
    organiser_id bigint      NOT NULL REFERENCES users (id),
    status       text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    title        text        NOT NULL CHECK (char_length(title) BETWEEN 3 AND 120),
    description  text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    place        text        NOT NULL DEFAULT '' CHECK (char_length(place) <= 200),
    link         text        NOT NULL DEFAULT '' CHECK (char_length(link) <= 200),
    city         text        NOT NULL CHECK (char_length(city) BETWEEN 1 AND 200),
    state        text        NOT NULL CHECK (state IN ('BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV',
                                                       'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH')),
    topics       text[]      NOT NULL CHECK (cardinality(topics) >= 1),
    languages    text[]      NOT NULL DEFAULT '{}',
    capacity     integer     NOT NULL DEFAULT 0 CHECK (capacity BETWEEN 0 AND 10000), -- persons, 0: no limit
    seats_taken  integer     NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
    deadline     timestamptz,                                                          -- for answers, NULL: none
    contact      text        NOT NULL DEFAULT '' CHECK (char_length(contact) <= 200),
    needs        text[]      NOT NULL DEFAULT '{}' CHECK (needs <@ ARRAY['interpreting', 'childcare', 'step_free']),
    sequence     integer     NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    published_at timestamptz,
    cancelled_at timestamptz,
    CHECK (ends_at > starts_at),
    CHECK ((place = '') <> (link = '')),
    CHECK (deadline IS NULL OR deadline < starts_at),
    CHECK (capacity = 0 OR seats_taken <= capacity),
    CHECK ((status = 'draft') = (published_at IS NULL)),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);

CREATE INDEX events_organiser_idx ON events (organiser_id, starts_at);
-- Reminders (issue 14): published events by start.
CREATE INDEX events_published_idx ON events (starts_at) WHERE status = 'published';

-- One row per invited member. organisation_id is the organisation the
-- member was invited for (a member of two chosen ones gets one).
CREATE TABLE event_invitations (
    id              bigserial   PRIMARY KEY,
    event_id        bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    organisation_id bigint      NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_at      timestamptz NOT NULL,
    UNIQUE (event_id, user_id)
);

CREATE INDEX event_invitations_org_idx ON event_invitations (event_id, organisation_id);
CREATE INDEX event_invitations_user_idx ON event_invitations (user_id);

-- The one answer of an invited organisation.
CREATE TABLE event_answers (
    event_id        bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    organisation_id bigint      NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    reply           text        NOT NULL CHECK (reply IN ('yes', 'maybe', 'no')),
    persons         integer     NOT NULL DEFAULT 0 CHECK (persons BETWEEN 0 AND 10),
    needs           text[]      NOT NULL DEFAULT '{}' CHECK (needs <@ ARRAY['interpreting', 'childcare', 'step_free']),
    interpreting    text        NOT NULL DEFAULT '' CHECK (char_length(interpreting) <= 50),
    answered_by     bigint      REFERENCES users (id) ON DELETE SET NULL,
    answered_at     timestamptz NOT NULL,
    seat            text        CHECK (seat IN ('held', 'waiting', 'offered')),
    waiting_since   timestamptz,
    offer_until     timestamptz,
    attended        boolean,
    PRIMARY KEY (event_id, organisation_id),
    CHECK ((reply = 'yes') = (persons >= 1)),
    CHECK (reply = 'yes' OR seat IS NULL),
    CHECK ((COALESCE(seat, '') = 'waiting') = (waiting_since IS NOT NULL)),
    CHECK ((COALESCE(seat, '') = 'offered') = (offer_until IS NOT NULL))
);

-- The waitlist in order (issue 14).
CREATE INDEX event_answers_waiting_idx ON event_answers (event_id, waiting_since) WHERE seat = 'waiting';
