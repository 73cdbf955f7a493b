package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// CreateInvite stores a single-use invite code that grants role until
// expires. createdBy is the creating user's id, 0 for the system. It returns
// domain.ErrConflict when the code exists already, domain.ErrNotFound when
// createdBy names no user, and an error for an unknown role or a code that
// is empty or longer than 64 characters.
func (s *Store) CreateInvite(ctx context.Context, code string, role domain.Role, createdBy int64, expires time.Time) error {
	if !validRole(role) {
		return fmt.Errorf("storage: create invite: unknown role %q", role)
	}
	if code == "" || len(code) > 64 {
		return fmt.Errorf("storage: create invite: code must have 1-64 characters")
	}
	var by *int64
	if createdBy != 0 {
		by = &createdBy
	}
	now := s.now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx,
			`INSERT INTO invites (code, role, created_by, created_at, expires_at)
			 VALUES ($1, $2, $3, $4, $5)`,
			code, string(role), by, now, expires)
		if err != nil {
			return err
		}
		return audit(ctx, tx, now, createdBy, "invite.create", "",
			map[string]any{"role": role, "expires_at": expires.UTC()})
	})
	return mapErr("create invite", err)
}

// InviteByCode returns the invite, or domain.ErrNotFound when the code is
// unknown. Used and expired invites are returned too (UsedAt, ExpiresAt
// tell).
func (s *Store) InviteByCode(ctx context.Context, code string) (domain.Invite, error) {
	var (
		inv  domain.Invite
		role string
		used *time.Time
	)
	err := s.pool.QueryRow(ctx,
		`SELECT code, role, expires_at, used_at FROM invites WHERE code = $1`,
		code).Scan(&inv.Code, &role, &inv.ExpiresAt, &used)
	if err != nil {
		return domain.Invite{}, mapErr("invite by code", err)
	}
	inv.Role = domain.Role(role)
	if used != nil {
		inv.UsedAt = *used
	}
	return inv, nil
}

// consumeInvite checks the invite code inside tx, locking its row, and
// marks it used by userID. It returns the invite's role, domain.ErrNotFound
// for an unknown code and domain.ErrConflict for one used or expired at now.
func consumeInvite(ctx context.Context, tx pgx.Tx, code string, userID int64, now time.Time) (domain.Role, error) {
	var (
		role    string
		expires time.Time
		used    *time.Time
	)
	err := tx.QueryRow(ctx,
		`SELECT role, expires_at, used_at FROM invites WHERE code = $1 FOR UPDATE`,
		code).Scan(&role, &expires, &used)
	if err != nil {
		return "", err
	}
	if used != nil {
		return "", fmt.Errorf("invite used: %w", domain.ErrConflict)
	}
	if !now.Before(expires) {
		return "", fmt.Errorf("invite expired: %w", domain.ErrConflict)
	}
	_, err = tx.Exec(ctx,
		`UPDATE invites SET used_by = $2, used_at = $3 WHERE code = $1`,
		code, userID, now)
	if err != nil {
		return "", err
	}
	return domain.Role(role), nil
}
