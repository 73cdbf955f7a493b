-- The association's profile (issue 13, point 1): its Bundesland, the
-- topics it cares about (domain.InterestTopics, at least one), the language
-- invitations come in, and for later (point 6) whether it stopped
-- invitations entirely or on some topics.
--
-- Associations registered before: the Bundesland is taken from a
-- municipality of the same name when that names only one Bundesland, else
-- left NULL (onboarding always sets it from now on); they care about every
-- topic until a member narrows it (as before, when the office invited them
-- to anything in their city); invitations come in the language of their
-- first member.

ALTER TABLE organisations
    ADD COLUMN state          text    CHECK (state IN ('BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV',
                                                       'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH')),
    ADD COLUMN topics         text[]  NOT NULL DEFAULT ARRAY['intercultural_opening', 'migrant_organisations',
        'events_pr', 'municipal_partnerships', 'fair_trade', 'agenda_2030', 'culture', 'education', 'sports',
        'youth', 'women', 'religion_dialogue', 'other'],
    ADD COLUMN invite_lang    text    NOT NULL DEFAULT 'de' CHECK (invite_lang IN ('de', 'en')),
    ADD COLUMN stopped_all    boolean NOT NULL DEFAULT false,
    ADD COLUMN stopped_topics text[]  NOT NULL DEFAULT '{}',
    ADD CONSTRAINT organisations_topics CHECK (cardinality(topics) >= 1 AND topics <@ ARRAY['intercultural_opening',
        'migrant_organisations', 'events_pr', 'municipal_partnerships', 'fair_trade', 'agenda_2030', 'culture',
        'education', 'sports', 'youth', 'women', 'religion_dialogue', 'other']),
    ADD CONSTRAINT organisations_stopped_topics CHECK (stopped_topics <@ ARRAY['intercultural_opening',
        'migrant_organisations', 'events_pr', 'municipal_partnerships', 'fair_trade', 'agenda_2030', 'culture',
        'education', 'sports', 'youth', 'women', 'religion_dialogue', 'other']);

-- New associations name their topics: no default from now on.
ALTER TABLE organisations ALTER COLUMN topics DROP DEFAULT;

UPDATE organisations o
   SET state = (SELECT min(m.state) FROM municipalities m WHERE lower(m.name) = lower(trim(o.city))
                HAVING count(DISTINCT m.state) = 1);

UPDATE organisations o
   SET invite_lang = 'en'
 WHERE (SELECT u.language FROM organisation_members om JOIN users u ON u.id = om.user_id
         WHERE om.organisation_id = o.id ORDER BY om.joined_at, om.user_id LIMIT 1) = 'en';

-- Matching by city (lower(trim(city))) and by Bundesland.
CREATE INDEX organisations_city_idx ON organisations (lower(trim(city)));
CREATE INDEX organisations_state_idx ON organisations (state);
