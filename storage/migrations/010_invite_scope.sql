-- Invites with a scope (issue 11, point 1; see storage/invites.go): a
-- verified municipal contact invites colleagues of their municipality, who
-- join it verified; an organisation's member invites colleagues of the
-- association. Invites can be revoked while unused. The system's invites
-- (created_by NULL) may leave a municipal invite without a municipality:
-- onboarding then asks for it, and the link waits for the office.

ALTER TABLE invites
    ADD COLUMN id              bigserial   UNIQUE,  -- for the durable buttons (revoke)
    ADD COLUMN municipality_id bigint      REFERENCES municipalities (id),
    ADD COLUMN organisation_id bigint      REFERENCES organisations (id) ON DELETE CASCADE,
    ADD COLUMN revoked_at      timestamptz,
    ADD COLUMN revoked_by      bigint      REFERENCES users (id),
    ADD CONSTRAINT invites_municipality_scope
        CHECK (municipality_id IS NULL OR role = 'municipal_contact'),
    ADD CONSTRAINT invites_organisation_scope
        CHECK (organisation_id IS NULL OR role = 'organisation_contact'),
    -- a person's invite of a colleague names where the colleague joins
    ADD CONSTRAINT invites_colleague_scope
        CHECK (created_by IS NULL
               OR (role <> 'municipal_contact' OR municipality_id IS NOT NULL)
                  AND (role <> 'organisation_contact' OR organisation_id IS NOT NULL)),
    ADD CONSTRAINT invites_revoked CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL),
    ADD CONSTRAINT invites_used_or_revoked CHECK (used_at IS NULL OR revoked_at IS NULL);

-- A creator's list of invites, newest first.
CREATE INDEX invites_created_by_idx ON invites (created_by, created_at DESC) WHERE created_by IS NOT NULL;
