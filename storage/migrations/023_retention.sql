-- Retention (issue 15, part 4; see flows/retention and storage/retention*.go).

-- Activity: users inactive for two years are warned twice and then erased.
-- last_seen_at is the last contact, written at most once a day per user
-- (storage.Store.TouchUser); NULL for a user registered since this
-- migration and not yet touched, whose created_at counts instead. The
-- backfill takes the latest trace of the user that the tables hold.
ALTER TABLE users ADD COLUMN last_seen_at timestamptz;
UPDATE users u SET last_seen_at = GREATEST(u.created_at,
    (SELECT max(at) FROM audit_log WHERE actor_user_id = u.id),
    (SELECT max(at) FROM request_events WHERE actor_user_id = u.id),
    (SELECT max(answered_at) FROM event_answers WHERE answered_by = u.id));

-- erase_warnings counts the warnings sent for the current stretch of
-- inactivity (1: 30 days before, 2: 7 days before); erase_after is the day
-- the last warning named. Any contact clears both (TouchUser).
ALTER TABLE users
    ADD COLUMN erase_warnings smallint NOT NULL DEFAULT 0 CHECK (erase_warnings BETWEEN 0 AND 2),
    ADD COLUMN erase_after    timestamptz,
    ADD CONSTRAINT users_erase_after_when CHECK ((erase_warnings = 0) = (erase_after IS NULL));

-- The daily job looks for users who are not deleted by how long ago they
-- were last seen.
CREATE INDEX users_last_seen_idx ON users ((COALESCE(last_seen_at, created_at))) WHERE deleted_at IS NULL;

-- Answer lists of events are deleted six months after the event; the
-- event keeps its figures, written in the same transaction, so that
-- statistics still count them: the organisations invited, those that said
-- yes, maybe and no, the persons of the yeses and the organisations
-- recorded as come. answers_purged_at is NULL while the lists are there
-- (then the figures are NULL and read from the lists).
ALTER TABLE events
    ADD COLUMN answers_purged_at timestamptz,
    ADD COLUMN final_invited     integer CHECK (final_invited >= 0),
    ADD COLUMN final_yes         integer CHECK (final_yes >= 0),
    ADD COLUMN final_maybe       integer CHECK (final_maybe >= 0),
    ADD COLUMN final_no          integer CHECK (final_no >= 0),
    ADD COLUMN final_persons     integer CHECK (final_persons >= 0),
    ADD COLUMN final_attended    integer CHECK (final_attended >= 0),
    ADD COLUMN final_absent      integer CHECK (final_absent >= 0),
    ADD CONSTRAINT events_final_when CHECK ((answers_purged_at IS NULL) = (final_invited IS NULL));

-- Outbox rows once sent or given up are deleted 30 days on.
CREATE INDEX outbox_sent_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX outbox_failed_idx ON outbox (failed_at) WHERE failed_at IS NOT NULL;
