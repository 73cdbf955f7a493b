-- A queued offer (one after another) may end without ever reaching a
-- phone: taken by others, or withdrawn with its request or its advisor.
-- 009 tied "no offered_at" to "queued" both ways, which refused those
-- endings; what must hold is that a queued offer was not offered and an
-- open one was.
ALTER TABLE offers DROP CONSTRAINT offers_check;
ALTER TABLE offers ADD CONSTRAINT offers_offered_check
    CHECK ((status <> 'queued' OR offered_at IS NULL) AND (status <> 'open' OR offered_at IS NOT NULL));
