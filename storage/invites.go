package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// inviteSQL reads invites with the name of their scope and of who used
// them; the caller adds the WHERE and ORDER clauses.
const inviteSQL = `
SELECT i.id, i.code, i.role, COALESCE(i.municipality_id, 0), COALESCE(i.organisation_id, 0),
       COALESCE(m.name, o.name, ''), COALESCE(m.state, ''), COALESCE(i.created_by, 0), i.created_at,
       i.expires_at, i.used_at, COALESCE(i.used_by, 0), COALESCE(u.name, ''), i.revoked_at
  FROM invites i
  LEFT JOIN municipalities m ON m.id = i.municipality_id
  LEFT JOIN organisations o ON o.id = i.organisation_id
  LEFT JOIN users u ON u.id = i.used_by AND u.deleted_at IS NULL
`

// scanInvite reads one row of inviteSQL.
func scanInvite(row pgx.Row) (domain.Invite, error) {
	var (
		inv           domain.Invite
		role          string
		used, revoked *time.Time
	)
	err := row.Scan(&inv.ID, &inv.Code, &role, &inv.MunicipalityID, &inv.OrganisationID, &inv.Name, &inv.State,
		&inv.CreatedBy, &inv.CreatedAt, &inv.ExpiresAt, &used, &inv.UsedByID, &inv.UsedByName, &revoked)
	if err != nil {
		return domain.Invite{}, err
	}
	inv.Role = domain.Role(role)
	inv.UsedAt, inv.RevokedAt = deref(used), deref(revoked)
	return inv, nil
}

// CreateInvite stores a single-use invite code of the system (createdBy
// 0) or of a user that grants role until expires, without a scope; see
// AddInvite.
func (s *Store) CreateInvite(ctx context.Context, code string, role domain.Role, createdBy int64, expires time.Time) error {
	return s.AddInvite(ctx, domain.Invite{Code: code, InviteScope: domain.InviteScope{Role: role},
		CreatedBy: createdBy, ExpiresAt: expires})
}

// AddInvite stores inv with an audit entry (ids and the role only). It
// returns domain.ErrConflict when the code exists, domain.ErrNotFound when
// the creator, municipality or organisation does not, and an error
// wrapping domain.ErrInvalid for an unknown role, a code that is not 1-64
// characters, or a scope its role does not take.
func (s *Store) AddInvite(ctx context.Context, inv domain.Invite) error {
	const op = "add invite"
	if err := checkInvite(inv); err != nil {
		return opErr(op, err)
	}
	now := s.now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx,
			`INSERT INTO invites (code, role, created_by, created_at, expires_at, municipality_id, organisation_id)
			 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			inv.Code, string(inv.Role), nullID(inv.CreatedBy), now, inv.ExpiresAt,
			nullID(inv.MunicipalityID), nullID(inv.OrganisationID))
		if err != nil {
			return err
		}
		return audit(ctx, tx, now, inv.CreatedBy, "invite.create", "", map[string]any{"role": inv.Role,
			"expires_at": inv.ExpiresAt.UTC(), "municipality_id": inv.MunicipalityID, "organisation_id": inv.OrganisationID})
	})
	return mapErr(op, err)
}

// checkInvite rejects what the schema would reject, with a clearer message.
func checkInvite(inv domain.Invite) error {
	switch {
	case !validRole(inv.Role):
		return fmt.Errorf("%w: unknown role %q", domain.ErrInvalid, inv.Role)
	case inv.Code == "" || len(inv.Code) > 64:
		return fmt.Errorf("%w: code must have 1-64 characters", domain.ErrInvalid)
	case inv.MunicipalityID != 0 && inv.Role != domain.RoleMunicipal,
		inv.OrganisationID != 0 && inv.Role != domain.RoleOrganisation:
		return fmt.Errorf("%w: a scope the role %q does not take", domain.ErrInvalid, inv.Role)
	case inv.CreatedBy != 0 && (inv.Role == domain.RoleMunicipal && inv.MunicipalityID == 0 ||
		inv.Role == domain.RoleOrganisation && inv.OrganisationID == 0):
		return fmt.Errorf("%w: a colleague's invite without its municipality or organisation", domain.ErrInvalid)
	}
	return nil
}

// InviteByCode returns the invite, or domain.ErrNotFound when the code is
// unknown. Used, expired and revoked invites are returned too (State tells).
func (s *Store) InviteByCode(ctx context.Context, code string) (domain.Invite, error) {
	inv, err := scanInvite(s.pool.QueryRow(ctx, inviteSQL+`WHERE i.code = $1`, code))
	return inv, mapErr("invite by code", err)
}

// InviteByID returns invite id, or domain.ErrNotFound.
func (s *Store) InviteByID(ctx context.Context, id int64) (domain.Invite, error) {
	inv, err := scanInvite(s.pool.QueryRow(ctx, inviteSQL+`WHERE i.id = $1`, id))
	return inv, mapErr("invite by id", err)
}

// maxListedInvites bounds InvitesBy.
const maxListedInvites = 200

// InvitesBy returns the invites userID created that are open, or were
// used, revoked or expired at or after since, newest first (at most 200).
func (s *Store) InvitesBy(ctx context.Context, userID int64, since time.Time) ([]domain.Invite, error) {
	rows, _ := s.pool.Query(ctx, inviteSQL+
		`WHERE i.created_by = $1
		   AND (i.used_at >= $2 OR i.revoked_at >= $2
		        OR i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at >= $2)
		 ORDER BY i.created_at DESC, i.id DESC
		 LIMIT $3`, userID, since, maxListedInvites)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Invite, error) { return scanInvite(r) })
	return list, mapErr("invites by", err)
}

// ColleagueScopes returns one scope per verified municipal link and per
// organisation membership of userID, with its name, oldest first.
func (s *Store) ColleagueScopes(ctx context.Context, userID int64) ([]domain.InviteScope, error) {
	rows, _ := s.pool.Query(ctx,
		`SELECT 'municipal_contact', m.id, 0::bigint, m.name, m.state, mc.created_at AS since
		   FROM municipal_contacts mc JOIN municipalities m ON m.id = mc.municipality_id
		  WHERE mc.user_id = $1 AND mc.status = 'verified'
		 UNION ALL
		 SELECT 'organisation_contact', 0::bigint, o.id, o.name, '', om.joined_at
		   FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
		  WHERE om.user_id = $1
		 ORDER BY since, 2, 3`, userID)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.InviteScope, error) {
		var (
			sc    domain.InviteScope
			role  string
			since time.Time
		)
		err := r.Scan(&role, &sc.MunicipalityID, &sc.OrganisationID, &sc.Name, &sc.State, &since)
		sc.Role = domain.Role(role)
		return sc, err
	})
	return list, mapErr("colleague scopes", err)
}

// RevokeInvite revokes invite id for byID when it is unused and not
// revoked and byID created it or is a coordinator, with an audit entry. It
// returns the invite as it is then; domain.ErrNotFound for an unknown
// invite, domain.ErrForbidden for someone else, a *domain.InviteError for
// one used or revoked.
func (s *Store) RevokeInvite(ctx context.Context, id, byID int64) (domain.Invite, error) {
	const op = "revoke invite"
	now := s.now()
	var inv domain.Invite
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx,
			`UPDATE invites SET revoked_at = $3, revoked_by = $2
			  WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL
			    AND (created_by = $2 OR EXISTS (SELECT 1 FROM user_roles WHERE user_id = $2 AND role = 'coordinator'))`,
			id, byID, now)
		if err != nil {
			return err
		}
		if inv, err = scanInvite(tx.QueryRow(ctx, inviteSQL+`WHERE i.id = $1`, id)); err != nil {
			return err
		}
		if tag.RowsAffected() == 1 {
			return audit(ctx, tx, now, byID, "invite.revoke", "", map[string]any{"invite_id": id, "role": inv.Role})
		}
		if st := inv.Status(now); st == domain.InviteUsed || st == domain.InviteRevoked {
			return &domain.InviteError{State: st}
		}
		return domain.ErrForbidden
	})
	return inv, mapErr(op, err)
}
