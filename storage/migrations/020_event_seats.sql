-- Events, part two (issue 14): seats and a fair waitlist, changes and
-- cancellation, reminders, the organiser's reminder to those who have not
-- answered, and attendance. See flows/domain/event_seats.go.
--
-- An association's yes asks for persons; of them, seats hold confirmed
-- seats and offered hold seats offered by a promotion, to confirm before
-- offer_until; the rest (persons - seats - offered) wait, in order of
-- waiting_since. events.seats_taken is the sum of seats and offered of
-- the event's answers, changed only by conditional updates that keep it
-- within the capacity (and the CHECK of 018 as the last guard).
--
-- The seat column of 018 is replaced by the counts (dropping it drops its
-- checks and the waitlist index, made anew below).

ALTER TABLE event_answers DROP COLUMN seat;
ALTER TABLE event_answers
    ADD COLUMN seats   integer NOT NULL DEFAULT 0 CHECK (seats >= 0),
    ADD COLUMN offered integer NOT NULL DEFAULT 0 CHECK (offered >= 0);

-- The yes answers given before seats were counted take them now, per event
-- in the order they were given, as far as the capacity goes (all without
-- one); the persons left over wait from their answer's time. Issue 13 let
-- a yes exceed the capacity, so the order matters.
WITH ordered AS (
    SELECT a.event_id, a.organisation_id, a.persons, e.capacity,
           COALESCE(sum(a.persons) OVER (PARTITION BY a.event_id ORDER BY a.answered_at, a.organisation_id
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
      FROM event_answers a JOIN events e ON e.id = a.event_id
     WHERE a.reply = 'yes'
)
UPDATE event_answers a
   SET seats = CASE WHEN o.capacity = 0 THEN o.persons ELSE LEAST(o.persons, GREATEST(0, o.capacity - o.before)) END
  FROM ordered o
 WHERE a.event_id = o.event_id AND a.organisation_id = o.organisation_id;
UPDATE event_answers SET waiting_since = answered_at WHERE reply = 'yes' AND seats < persons;
UPDATE events e SET seats_taken = COALESCE((SELECT sum(a.seats) FROM event_answers a WHERE a.event_id = e.id), 0);

ALTER TABLE event_answers
    ADD CONSTRAINT event_answers_seats_within CHECK (seats + offered <= persons),
    ADD CONSTRAINT event_answers_waiting_when
        CHECK ((reply = 'yes' AND seats + offered < persons) = (waiting_since IS NOT NULL)),
    ADD CONSTRAINT event_answers_offered_when CHECK ((offered > 0) = (offer_until IS NOT NULL));

CREATE INDEX event_answers_waiting_idx ON event_answers (event_id, waiting_since) WHERE waiting_since IS NOT NULL;
CREATE INDEX event_answers_offers_idx ON event_answers (offer_until) WHERE offer_until IS NOT NULL;

-- Fairness (off by default): fair_max > 0 lets an association hold at most
-- that many persons while other associations wait; new_first puts
-- associations that have not attended an event of the organiser before
-- first on the waitlist. confirm_hours is the window of a promotion (never
-- later than 2 hours before the start). unanswered_reminded_at is when the
-- organiser reminded those who had not answered (once per event).
ALTER TABLE events
    ADD COLUMN fair_max               integer NOT NULL DEFAULT 0 CHECK (fair_max BETWEEN 0 AND 10),
    ADD COLUMN new_first              boolean NOT NULL DEFAULT false,
    ADD COLUMN confirm_hours          integer NOT NULL DEFAULT 24 CHECK (confirm_hours BETWEEN 1 AND 168),
    ADD COLUMN unanswered_reminded_at timestamptz;

-- Reminders sent to members: '48h' (yes and maybe), '2h' (yes), 'nudge'
-- (maybe, before the answer deadline), once per event, member, kind and
-- the event's sequence (a changed time is reminded afresh). The primary
-- key makes a second run or instance insert nothing.
CREATE TABLE event_reminders (
    event_id bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id  bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     text        NOT NULL CHECK (kind IN ('48h', '2h', 'nudge')),
    sequence integer     NOT NULL,
    sent_at  timestamptz NOT NULL,
    PRIMARY KEY (event_id, user_id, kind, sequence)
);
