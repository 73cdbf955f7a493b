-- The advisors' profiles (issue 11, point 2; see flows/domain/advisor.go
-- and storage/advisors.go): one row per advisor user, kept by the advisor
-- from the menu. deactivated is the office's; the advisor's save keeps it.
-- A deleted user's row goes with the user's personal data.
CREATE TABLE advisor_profiles (
    user_id         bigint      PRIMARY KEY REFERENCES users (id),
    expertise       text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(expertise) <= 10
                        AND expertise <@ ARRAY['intercultural_opening', 'migrant_organisations',
                            'events_pr', 'municipal_partnerships', 'fair_trade', 'agenda_2030',
                            'other']::text[]),
    languages       text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 20),
    city            text        NOT NULL CHECK (char_length(city) BETWEEN 1 AND 100),
    state           text        NOT NULL CHECK (state IN ('BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE',
                        'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH')),
    travels         text[]      NOT NULL DEFAULT '{}' CHECK (travels <@ ARRAY['BW', 'BY', 'BE', 'BB',
                        'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH']::text[]),
    online_only     boolean     NOT NULL DEFAULT false,
    formats         text[]      NOT NULL CHECK (cardinality(formats) BETWEEN 1 AND 2
                        AND formats <@ ARRAY['on_site', 'online']::text[]),
    max_per_quarter integer     NOT NULL DEFAULT 0 CHECK (max_per_quarter BETWEEN 0 AND 99),
    paused_until    date,
    reach           text        NOT NULL DEFAULT '' CHECK (char_length(reach) <= 200),
    deactivated     boolean     NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL,
    CHECK (NOT online_only OR cardinality(travels) = 0)
);
