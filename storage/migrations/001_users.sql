-- Users, their roles and profiles, invites and the audit log.

CREATE TABLE users (
    id          bigserial   PRIMARY KEY,
    telegram_id bigint      NOT NULL UNIQUE,
    chat_id     bigint      NOT NULL,
    name        text        NOT NULL DEFAULT '',    -- erased on deletion
    language    text        NOT NULL DEFAULT 'de',
    consent_at  timestamptz,                        -- NULL after deletion (consent withdrawn)
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CHECK (char_length(name) <= 200),
    CHECK (char_length(language) BETWEEN 2 AND 8),
    CHECK (deleted_at IS NOT NULL OR consent_at IS NOT NULL)
);

CREATE TABLE user_roles (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN
                   ('coordinator', 'advisor', 'municipal_contact', 'organisation_contact')),
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role)
);

CREATE INDEX user_roles_role_idx ON user_roles (role);

-- state is the ISO 3166-2:DE code of the Bundesland without the "DE-" prefix.
CREATE TABLE municipalities (
    id         bigserial   PRIMARY KEY,
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    state      text        NOT NULL CHECK (state IN ('BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV',
                                                     'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX municipalities_name_state_key ON municipalities (lower(name), state);

CREATE TABLE municipal_contacts (
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    municipality_id bigint      NOT NULL REFERENCES municipalities (id),
    function        text        NOT NULL CHECK (char_length(function) <= 200),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, municipality_id)
);

CREATE INDEX municipal_contacts_municipality_idx ON municipal_contacts (municipality_id);

CREATE TABLE organisations (
    id         bigserial   PRIMARY KEY,
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    city       text        NOT NULL CHECK (char_length(city) <= 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisation_members (
    organisation_id bigint      NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, user_id)
);

CREATE INDEX organisation_members_user_idx ON organisation_members (user_id);

CREATE TABLE invites (
    code       text        PRIMARY KEY CHECK (char_length(code) BETWEEN 1 AND 64),
    role       text        NOT NULL CHECK (role IN
                   ('coordinator', 'advisor', 'municipal_contact', 'organisation_contact')),
    created_by bigint      REFERENCES users (id),   -- NULL: created by the system
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_by    bigint      REFERENCES users (id),
    used_at    timestamptz,
    CHECK ((used_by IS NULL) = (used_at IS NULL))
);

CREATE INDEX invites_used_by_idx ON invites (used_by) WHERE used_by IS NOT NULL;

-- detail holds ids, roles and flags only, never names or free text.
CREATE TABLE audit_log (
    id            bigserial   PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT now(),
    actor_user_id bigint      REFERENCES users (id),  -- NULL: the system
    action        text        NOT NULL,
    subject       text        NOT NULL DEFAULT '',
    detail        jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, at);
