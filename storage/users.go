package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// UserByTelegramID returns the registered user with their roles (sorted),
// or domain.ErrNotFound when there is none or the user was deleted.
func (s *Store) UserByTelegramID(ctx context.Context, telegramID int64) (domain.User, error) {
	var (
		u       domain.User
		consent *time.Time
		roles   []string
	)
	err := s.pool.QueryRow(ctx,
		`SELECT u.id, u.telegram_id, u.chat_id, u.name, u.language, u.consent_at,
		        COALESCE(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}')
		   FROM users u
		   LEFT JOIN user_roles r ON r.user_id = u.id
		  WHERE u.telegram_id = $1 AND u.deleted_at IS NULL
		  GROUP BY u.id`,
		telegramID).Scan(&u.ID, &u.TelegramID, &u.ChatID, &u.Name, &u.Lang, &consent, &roles)
	if err != nil {
		return domain.User{}, mapErr("user by telegram id", err)
	}
	if consent != nil {
		u.ConsentAt = *consent
	}
	u.Roles = toRoles(roles)
	return u, nil
}

// SetLanguage stores the language of a registered user; it returns
// domain.ErrNotFound when there is no such user or the user was deleted.
func (s *Store) SetLanguage(ctx context.Context, userID int64, lang string) error {
	tag, err := s.pool.Exec(ctx,
		`UPDATE users SET language = $2 WHERE id = $1 AND deleted_at IS NULL`,
		userID, lang)
	if err != nil {
		return mapErr("set language", err)
	}
	if tag.RowsAffected() == 0 {
		return opErr("set language", domain.ErrNotFound)
	}
	return nil
}

// GrantRole gives userID role r; granting a role held already changes
// nothing and writes no second audit entry. It returns domain.ErrNotFound
// when there is no such user (or the user was deleted) and an error for an
// unknown role.
func (s *Store) GrantRole(ctx context.Context, userID int64, r domain.Role) error {
	return s.changeRole(ctx, "grant role", "user.grant_role", userID, r, func(tx pgx.Tx, now time.Time) (bool, error) {
		granted, err := grantRoles(ctx, tx, userID, []domain.Role{r}, now)
		return len(granted) > 0, err
	})
}

// RevokeRole takes role r from userID; revoking a role not held changes
// nothing and writes no audit entry. It returns domain.ErrNotFound when
// there is no such user (or the user was deleted) and an error for an
// unknown role. The next turn of the user reads their roles afresh.
func (s *Store) RevokeRole(ctx context.Context, userID int64, r domain.Role) error {
	return s.changeRole(ctx, "revoke role", "user.revoke_role", userID, r, func(tx pgx.Tx, _ time.Time) (bool, error) {
		tag, err := tx.Exec(ctx, `DELETE FROM user_roles WHERE user_id = $1 AND role = $2`, userID, string(r))
		return err == nil && tag.RowsAffected() > 0, err
	})
}

// changeRole runs change on userID's roles in a transaction that holds the
// user's row, and writes the audit entry action when change reports that
// it changed something.
func (s *Store) changeRole(ctx context.Context, op, action string, userID int64, r domain.Role,
	change func(tx pgx.Tx, now time.Time) (bool, error)) error {
	if !validRole(r) {
		return fmt.Errorf("storage: %s: unknown role %q", op, r)
	}
	now := s.now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx,
			`SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL FOR SHARE`,
			userID).Scan(&id)
		if err != nil {
			return err
		}
		changed, err := change(tx, now)
		if err != nil || !changed {
			return err
		}
		return audit(ctx, tx, now, 0, action, userSubject(userID), map[string]any{"role": r})
	})
	return mapErr(op, err)
}

// DeleteUser erases the user's personal data as EraseUser does (the
// UserStore's older name of it); it returns domain.ErrNotFound when there
// is no such user or it was erased already.
func (s *Store) DeleteUser(ctx context.Context, userID int64) error {
	_, err := s.EraseUser(ctx, userID)
	return err
}
