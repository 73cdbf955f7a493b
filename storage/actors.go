package storage

import (
	"context"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// actorSQL reads a user with roles and memberships in one statement; each
// subquery walks an index on user_id.
const actorSQL = `
SELECT u.id, u.telegram_id, u.chat_id, u.name, u.language, u.consent_at,
       COALESCE((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}'),
       COALESCE((SELECT array_agg(municipality_id ORDER BY created_at, municipality_id)
                   FROM municipal_contacts WHERE user_id = u.id), '{}'),
       COALESCE((SELECT array_agg(municipality_id ORDER BY created_at, municipality_id)
                   FROM municipal_contacts WHERE user_id = u.id AND status = 'verified'), '{}'),
       COALESCE((SELECT array_agg(organisation_id ORDER BY joined_at, organisation_id)
                   FROM organisation_members WHERE user_id = u.id), '{}')
  FROM users u
 WHERE u.telegram_id = $1 AND u.deleted_at IS NULL`

// ActorByTelegramID returns the registered user with roles (sorted), the
// municipalities they speak for and the organisations they belong to
// (oldest first), or domain.ErrNotFound when there is none or the user was
// deleted.
func (s *Store) ActorByTelegramID(ctx context.Context, telegramID int64) (domain.Actor, error) {
	var (
		a       domain.Actor
		consent *time.Time
		roles   []string
	)
	err := s.pool.QueryRow(ctx, actorSQL, telegramID).Scan(&a.ID, &a.TelegramID, &a.ChatID, &a.Name, &a.Lang,
		&consent, &roles, &a.Municipalities, &a.Verified, &a.Organisations)
	if err != nil {
		return domain.Actor{}, mapErr("actor by telegram id", err)
	}
	if consent != nil {
		a.ConsentAt = *consent
	}
	a.Roles = toRoles(roles)
	return a, nil
}
