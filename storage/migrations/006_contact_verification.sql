-- Municipal contacts are verified by the programme office. A contact who
-- registered on their own waits ('pending'): until a coordinator confirms
-- the link ('verified') they see and act only on their own requests; a
-- rejected link ('rejected') stays so, and keeps them to their own requests.
--
-- The links made before this migration were all self-registered and are
-- pending: the coordinators' list of waiting contacts shows them.

ALTER TABLE municipal_contacts
    ADD COLUMN id         bigserial   UNIQUE,  -- for the coordinators' buttons
    ADD COLUMN status     text        NOT NULL DEFAULT 'pending'
                          CHECK (status IN ('pending', 'verified', 'rejected')),
    ADD COLUMN decided_by bigint      REFERENCES users (id),
    ADD COLUMN decided_at timestamptz,
    ADD CONSTRAINT municipal_contacts_decided CHECK ((status = 'pending') = (decided_at IS NULL));

-- The coordinators' list of waiting contacts, oldest first.
CREATE INDEX municipal_contacts_pending_idx ON municipal_contacts (created_at) WHERE status = 'pending';
