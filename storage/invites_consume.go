package storage

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// consumeInvite checks the invite code inside tx, locking its row, and
// marks it used by userID. It returns the invite; pgx.ErrNoRows for an
// unknown code and a *domain.InviteError for one used, revoked or expired
// at now, or whose creator may no longer invite so (counted as revoked:
// a contact whose link the office rejected, a member who left, a user
// deleted).
func consumeInvite(ctx context.Context, tx pgx.Tx, code string, userID int64, now time.Time) (domain.Invite, error) {
	inv, err := scanInvite(tx.QueryRow(ctx, inviteSQL+`WHERE i.code = $1 FOR UPDATE OF i`, code))
	if err != nil {
		return domain.Invite{}, err
	}
	if st := inv.Status(now); st != domain.InviteOpen {
		return domain.Invite{}, &domain.InviteError{State: st}
	}
	if inv.CreatedBy != 0 {
		creator, err := actorByID(ctx, tx, inv.CreatedBy)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return domain.Invite{}, &domain.InviteError{State: domain.InviteRevoked}
		case err != nil:
			return domain.Invite{}, err
		case !domain.CanInvite(creator, inv.InviteScope):
			return domain.Invite{}, &domain.InviteError{State: domain.InviteRevoked}
		}
	}
	_, err = tx.Exec(ctx, `UPDATE invites SET used_by = $2, used_at = $3 WHERE id = $1`, inv.ID, userID, now)
	if err != nil {
		return domain.Invite{}, err
	}
	inv.UsedByID, inv.UsedAt = userID, now
	return inv, nil
}

// joinScope gives userID the membership of inv's scope: a municipal link
// confirmed by the invite's creator (a link waiting for the office, or
// rejected by it, is confirmed now), or the organisation's membership. It
// does nothing for an invite without a scope.
func joinScope(ctx context.Context, tx pgx.Tx, userID int64, inv domain.Invite, function string, now time.Time) error {
	switch {
	case inv.MunicipalityID != 0:
		_, err := tx.Exec(ctx,
			`INSERT INTO municipal_contacts (user_id, municipality_id, function, created_at, status, decided_by, decided_at)
			 VALUES ($1, $2, $3, $4, 'verified', $5, $4)
			 ON CONFLICT (user_id, municipality_id) DO UPDATE
			    SET status = 'verified', decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at,
			        function = CASE WHEN EXCLUDED.function = '' THEN municipal_contacts.function ELSE EXCLUDED.function END`,
			userID, inv.MunicipalityID, function, now, nullID(inv.CreatedBy))
		return err
	case inv.OrganisationID != 0:
		_, err := tx.Exec(ctx,
			`INSERT INTO organisation_members (organisation_id, user_id, joined_at) VALUES ($1, $2, $3)
			 ON CONFLICT (organisation_id, user_id) DO NOTHING`,
			inv.OrganisationID, userID, now)
		return err
	}
	return nil
}

// AcceptInvite consumes the invite code for the registered userID and
// grants its role and the membership of its scope, with an audit entry, in
// one transaction. It returns the invite; domain.ErrNotFound for an
// unknown code or user, a *domain.InviteError for one used, expired or
// revoked, domain.ErrInviteHeld when the user holds it all already
// (nothing is written then).
func (s *Store) AcceptInvite(ctx context.Context, code string, userID int64) (domain.Invite, error) {
	const op = "accept invite"
	now := s.now()
	var inv domain.Invite
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		a, err := actorByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		if inv, err = consumeInvite(ctx, tx, code, userID, now); err != nil {
			return err
		}
		if domain.Holds(a, inv.InviteScope) {
			return domain.ErrInviteHeld // rolls the consumption back
		}
		if _, err := grantRoles(ctx, tx, userID, []domain.Role{inv.Role}, now); err != nil {
			return err
		}
		if err := joinScope(ctx, tx, userID, inv, "", now); err != nil {
			return err
		}
		return audit(ctx, tx, now, userID, "invite.accept", userSubject(userID), map[string]any{
			"invite_id": inv.ID, "role": inv.Role, "created_by": inv.CreatedBy,
			"municipality_id": inv.MunicipalityID, "organisation_id": inv.OrganisationID,
		})
	})
	if err != nil {
		return domain.Invite{}, mapErr(op, err)
	}
	return inv, nil
}
