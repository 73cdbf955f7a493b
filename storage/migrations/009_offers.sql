-- Offers of approved requests to advisors, and the seats they fill (issue
-- 11; see flows/domain/offer.go and storage/offers*.go).
--
-- A request has one seat, two for a tandem. An advisor wins a seat by
-- accepting an open offer: the seat's row is taken with a conditional
-- UPDATE whose row count decides, so that each seat has exactly one
-- holder, and one advisor holds at most one seat of a request.

CREATE TABLE request_seats (
    request_id  bigint      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    seat        smallint    NOT NULL CHECK (seat BETWEEN 1 AND 2),
    advisor_id  bigint      REFERENCES users (id),
    offer_id    bigint,                              -- the accepted offer; NULL while free
    assigned_at timestamptz,
    PRIMARY KEY (request_id, seat),
    CHECK ((advisor_id IS NULL) = (assigned_at IS NULL) AND (advisor_id IS NULL) = (offer_id IS NULL))
);

CREATE UNIQUE INDEX request_seats_advisor_idx ON request_seats (request_id, advisor_id)
    WHERE advisor_id IS NOT NULL;
-- Assignments per advisor, for the ranking's load and "Meine Einsätze".
CREATE INDEX request_seats_by_advisor_idx ON request_seats (advisor_id, assigned_at)
    WHERE advisor_id IS NOT NULL;

-- One row per offer of a request to an advisor. queued: waits its turn in
-- the one-after-another mode (no deadline yet); open: on the advisor's
-- phone until deadline; then accepted, declined, expired, taken (the
-- seats went to others) or withdrawn (by the office). reminded_at is set
-- once, by the halfway reminder.
CREATE TABLE offers (
    id            bigserial   PRIMARY KEY,
    request_id    bigint      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    advisor_id    bigint      NOT NULL REFERENCES users (id),
    mode          text        NOT NULL CHECK (mode IN ('direct', 'sequence', 'parallel')),
    status        text        NOT NULL CHECK (status IN ('queued', 'open', 'accepted', 'declined',
                      'expired', 'taken', 'withdrawn')),
    position      integer     NOT NULL CHECK (position >= 0),
    answer_secs   integer     NOT NULL CHECK (answer_secs > 0),   -- the answer window
    created_by    bigint      REFERENCES users (id),
    created_at    timestamptz NOT NULL,
    offered_at    timestamptz,
    deadline      timestamptz,
    reminded_at   timestamptz,
    answered_at   timestamptz,
    decline_reason text       CHECK (decline_reason IN ('no_time', 'topic', 'distance', 'other')),
    decline_note  text        NOT NULL DEFAULT '' CHECK (char_length(decline_note) <= 500),
    CHECK ((status = 'queued') = (offered_at IS NULL)),
    CHECK ((offered_at IS NULL) = (deadline IS NULL)),
    CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
);

-- An advisor has at most one live offer of a request.
CREATE UNIQUE INDEX offers_live_idx ON offers (request_id, advisor_id)
    WHERE status IN ('queued', 'open', 'accepted');
CREATE INDEX offers_request_idx ON offers (request_id, position, id);
CREATE INDEX offers_advisor_idx ON offers (advisor_id, created_at DESC);
-- The expiry and reminder jobs: open offers by deadline.
CREATE INDEX offers_open_idx ON offers (deadline) WHERE status = 'open';

ALTER TABLE request_seats
    ADD CONSTRAINT request_seats_offer_fk FOREIGN KEY (offer_id) REFERENCES offers (id);
