package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// organisationColumns are the columns scanOrganisation reads, of
// organisations o.
const organisationColumns = `o.id, o.name, o.city, coalesce(o.state, ''), o.topics, o.invite_lang, o.stopped_all, o.stopped_topics`

// scanOrganisation scans organisationColumns (and more into rest).
func scanOrganisation(r pgx.Row, rest ...any) (domain.OrganisationProfile, error) {
	var (
		p               domain.OrganisationProfile
		topics, stopped []string
	)
	err := r.Scan(append([]any{&p.ID, &p.Name, &p.City, &p.State, &topics, &p.InviteLang, &p.StoppedAll, &stopped}, rest...)...)
	p.Topics, p.StoppedTopics = convert[domain.Topic](topics), convert[domain.Topic](stopped)
	return p, err
}

// orgMatchSQL is domain.OrganisationMatches in SQL: the condition under
// which organisation o matches the topics, city, state and cityOnly given
// as SQL expressions (parameters or an event's columns). The audience of
// an event and MatchingOrganisations share it.
func orgMatchSQL(topics, city, state, cityOnly string) string {
	return `NOT o.stopped_all
	    AND (lower(trim(o.city)) = lower(trim(` + city + `)) AND trim(` + city + `) <> ''
	         OR NOT ` + cityOnly + ` AND o.state = upper(` + state + `))
	    AND EXISTS (SELECT 1 FROM unnest(o.topics) t
	                 WHERE t = ANY (` + topics + `) AND NOT t = ANY (o.stopped_topics))`
}

// MatchingOrganisations returns the associations domain.OrganisationMatches
// picks, with their members (not deleted), those without any left out, by
// name (see domain.OrganisationStore).
func (s *Store) MatchingOrganisations(ctx context.Context, topics []domain.Topic, city, state string,
	cityOnly bool) ([]domain.OrganisationMatch, error) {
	rows, _ := s.pool.Query(ctx,
		`SELECT `+organisationColumns+`, count(*)
		   FROM organisations o
		   JOIN organisation_members om ON om.organisation_id = o.id
		   JOIN users u ON u.id = om.user_id AND u.deleted_at IS NULL
		  WHERE `+orgMatchSQL("$1::text[]", "$2", "$3", "$4")+`
		  GROUP BY o.id
		  ORDER BY lower(o.name), o.id`, texts(topics), city, state, cityOnly)
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.OrganisationMatch, error) {
		var m domain.OrganisationMatch
		var err error
		m.Organisation, err = scanOrganisation(r, &m.Members)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: matching organisations: %w", err)
	}
	return out, nil
}

// SetInvitationStop stops (or takes back the stop of) organisationID's
// invitations on topic, or all of them for topic "", for its member
// userID (see domain.OrganisationStore). One UPDATE changes that field
// alone, from the row as it is when locked: a concurrent change of
// another field or topic is kept, and a repeated press changes nothing.
func (s *Store) SetInvitationStop(ctx context.Context, userID, organisationID int64, topic domain.Topic, stopped bool) error {
	const op = "set invitation stop"
	set := `stopped_all = $3`
	args := []any{userID, organisationID, stopped}
	if topic != "" {
		if !slices.Contains(domain.InterestTopics, topic) {
			return opErr(op, fmt.Errorf("%w: topic %q", domain.ErrInvalid, topic))
		}
		set = `stopped_topics = CASE WHEN NOT $3 THEN array_remove(stopped_topics, $4)
			WHEN $4 = ANY (stopped_topics) THEN stopped_topics ELSE array_append(stopped_topics, $4) END`
		args = append(args, string(topic))
	}
	now := s.now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE organisations SET `+set+`
			  WHERE id = $2 AND EXISTS (SELECT 1 FROM organisation_members WHERE organisation_id = $2 AND user_id = $1)`,
			args...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return domain.ErrNotFound
		}
		return audit(ctx, tx, now, userID, "organisation.stops", fmt.Sprintf("organisation:%d", organisationID),
			map[string]any{"topic": string(topic), "stopped": stopped})
	})
	return mapRequestErr(op, err)
}

// firstOrganisationSQL selects the id of user $1's first organisation.
const firstOrganisationSQL = `SELECT organisation_id FROM organisation_members WHERE user_id = $1
	ORDER BY joined_at, organisation_id LIMIT 1`

// stateCode returns the Bundesland code state in capitals, or an error
// wrapping domain.ErrInvalid when it is none of domain.States.
func stateCode(state string) (string, error) {
	state = strings.ToUpper(state)
	if !slices.Contains(domain.States, state) {
		return "", fmt.Errorf("%w: unknown Bundesland code %q", domain.ErrInvalid, state)
	}
	return state, nil
}

// SetOrganisationState changes the Bundesland of userID's first organisation.
func (s *Store) SetOrganisationState(ctx context.Context, userID int64, state string) error {
	state, err := stateCode(state)
	if err != nil {
		return opErr("set organisation state", err)
	}
	return s.editProfile(ctx, userID, "profile.organisation_state",
		`UPDATE organisations SET state = $2 WHERE id = (`+firstOrganisationSQL+`)`, state)
}

// SetOrganisationTopics changes the topics of userID's first organisation.
func (s *Store) SetOrganisationTopics(ctx context.Context, userID int64, topics []domain.Topic) error {
	if err := domain.CheckInterestTopics(topics, 1); err != nil {
		return opErr("set organisation topics", err)
	}
	return s.editProfile(ctx, userID, "profile.organisation_topics",
		`UPDATE organisations SET topics = $2 WHERE id = (`+firstOrganisationSQL+`)`, texts(topics))
}

// SetInviteLang changes the invitation language of userID's first
// organisation.
func (s *Store) SetInviteLang(ctx context.Context, userID int64, lang string) error {
	if !slices.Contains(domain.InviteLangs, lang) {
		return opErr("set invite language", fmt.Errorf("%w: invitation language %q", domain.ErrInvalid, lang))
	}
	return s.editProfile(ctx, userID, "profile.invite_lang",
		`UPDATE organisations SET invite_lang = $2 WHERE id = (`+firstOrganisationSQL+`)`, lang)
}
