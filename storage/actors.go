package storage

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// actorSelect reads a user with roles, memberships and the consents that
// hold (the newest of each purpose, unless withdrawn) in one statement;
// each subquery walks an index on user_id. The caller adds the WHERE
// clause.
const actorSelect = `
SELECT u.id, u.telegram_id, u.chat_id, u.name, u.language, u.consent_at,
       COALESCE((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}'),
       COALESCE((SELECT array_agg(municipality_id ORDER BY created_at, municipality_id)
                   FROM municipal_contacts WHERE user_id = u.id), '{}'),
       COALESCE((SELECT array_agg(municipality_id ORDER BY created_at, municipality_id)
                   FROM municipal_contacts WHERE user_id = u.id AND status = 'verified'), '{}'),
       COALESCE((SELECT array_agg(organisation_id ORDER BY joined_at, organisation_id)
                   FROM organisation_members WHERE user_id = u.id), '{}'),
       COALESCE((SELECT array_agg(c.purpose || ':' || c.version) FROM (
                   SELECT DISTINCT ON (purpose) purpose, version, withdrawn_at FROM user_consents
                    WHERE user_id = u.id ORDER BY purpose, given_at DESC) c
                  WHERE c.withdrawn_at IS NULL), '{}'),
       u.last_seen_at
  FROM users u
`

// actorSQL reads the actor of a Telegram id.
const actorSQL = actorSelect + `WHERE u.telegram_id = $1 AND u.deleted_at IS NULL`

// scanActor reads one row of actorSelect.
func scanActor(row pgx.Row) (domain.Actor, error) {
	var (
		a       domain.Actor
		consent *time.Time
		roles   []string
		agreed  []string
	)
	var seen *time.Time // last_seen_at, NULL until the first recorded contact
	err := row.Scan(&a.ID, &a.TelegramID, &a.ChatID, &a.Name, &a.Lang,
		&consent, &roles, &a.Municipalities, &a.Verified, &a.Organisations, &agreed, &seen)
	if err != nil {
		return domain.Actor{}, err
	}
	if a.Agreed, err = parseAgreed(agreed); err != nil {
		return domain.Actor{}, err
	}
	if consent != nil {
		a.ConsentAt = *consent
	}
	if seen != nil {
		a.LastSeen = *seen
	}
	a.Roles = toRoles(roles)
	return a, nil
}

// ActorByTelegramID returns the registered user with roles (sorted), the
// municipalities they speak for and the organisations they belong to
// (oldest first), or domain.ErrNotFound when there is none or the user was
// deleted.
func (s *Store) ActorByTelegramID(ctx context.Context, telegramID int64) (domain.Actor, error) {
	a, err := scanActor(s.pool.QueryRow(ctx, actorSQL, telegramID))
	if err != nil {
		return domain.Actor{}, mapErr("actor by telegram id", err)
	}
	return a, nil
}

// actorByID reads the registered user id as an actor inside tx;
// pgx.ErrNoRows for an unknown or deleted user.
func actorByID(ctx context.Context, tx pgx.Tx, id int64) (domain.Actor, error) {
	return scanActor(tx.QueryRow(ctx, actorSelect+`WHERE u.id = $1 AND u.deleted_at IS NULL`, id))
}
