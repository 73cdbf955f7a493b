-- Consent per purpose with versioned texts (issue 15, part 3). See
-- flows/domain/consent.go.
--
-- Each row is one consent as given: the purpose ('privacy', required to
-- use the bot; 'reminders', optional), the version of the text the user
-- agreed to, when, and when it was withdrawn. Agreeing to a new version
-- adds a row, so that the history stays provable (Art. 7(1) DSGVO); the
-- newest row of a purpose is the user's current answer.
CREATE TABLE user_consents (
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose      text        NOT NULL CHECK (purpose IN ('privacy', 'reminders')),
    version      integer     NOT NULL CHECK (version > 0),
    given_at     timestamptz NOT NULL,
    withdrawn_at timestamptz,
    PRIMARY KEY (user_id, purpose, given_at),
    CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
);

-- Every registered user agreed to the one privacy notice there was:
-- version 1, at users.consent_at; it included the appointment reminders
-- they have been getting, so those carry over as reminders version 1 (a
-- user switches them off under /privacy). Deleted users (consent_at NULL)
-- have nothing to carry over.
INSERT INTO user_consents (user_id, purpose, version, given_at)
SELECT id, p.purpose, 1, consent_at
  FROM users CROSS JOIN (VALUES ('privacy'), ('reminders')) AS p (purpose)
 WHERE consent_at IS NOT NULL AND deleted_at IS NULL;
