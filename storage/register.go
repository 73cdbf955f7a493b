package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Register stores everything onboarding collected in one transaction: it
// creates the user by Telegram id (or completes and revives an existing or
// deleted one), grants r.Role, the extra roles and the invite's role, stores
// the role's profile and the consents (see registerConsents), consumes
// r.InviteCode and writes an audit entry. A
// municipal profile makes a new link to the municipality wait for the
// office (domain.ContactPending), and notify's notifications about it are
// written in the same transaction (notify may be nil; it is not called
// for a link that existed). It
// returns the user with all roles held; domain.ErrNotFound for an unknown
// InviteCode, a *domain.InviteError (a domain.ErrConflict) for one used,
// expired or revoked; an invite of a municipality or organisation makes
// the user join it confirmed (see saveProfile). It returns an error
// wrapping errInvalid when the registration is incomplete (unknown role,
// missing profile, no consent time). Nothing is written on error.
func (s *Store) Register(ctx context.Context, r domain.Registration, notify func(domain.Contact) []domain.Notification,
	extra ...domain.Role) (domain.User, error) {
	const op = "register user"
	if err := checkRegistration(r, extra); err != nil {
		return domain.User{}, opErr(op, err)
	}
	now := s.now()
	u := domain.User{TelegramID: r.TelegramID, ChatID: r.ChatID, Name: r.Name, Lang: r.Lang, ConsentAt: r.ConsentAt}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx,
			`INSERT INTO users (telegram_id, chat_id, name, language, consent_at, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6)
			 ON CONFLICT (telegram_id) DO UPDATE
			    SET chat_id = EXCLUDED.chat_id, name = EXCLUDED.name, language = EXCLUDED.language,
			        consent_at = EXCLUDED.consent_at, deleted_at = NULL
			 RETURNING id`,
			r.TelegramID, r.ChatID, r.Name, r.Lang, r.ConsentAt, now).Scan(&u.ID)
		if err != nil {
			return err
		}
		if err := registerConsents(ctx, tx, u.ID, now, r); err != nil {
			return err
		}
		roles := append([]domain.Role{r.Role}, extra...)
		var inv domain.Invite
		if r.InviteCode != "" {
			if inv, err = consumeInvite(ctx, tx, r.InviteCode, u.ID, now); err != nil {
				return err
			}
			if (inv.MunicipalityID != 0 || inv.OrganisationID != 0) && inv.Role != r.Role {
				return fmt.Errorf("%w: the invite of a %s chosen as %s", errInvalid, inv.Role, r.Role)
			}
			roles = append(roles, inv.Role)
		}
		if _, err := grantRoles(ctx, tx, u.ID, roles, now); err != nil {
			return err
		}
		link, err := saveProfile(ctx, tx, u.ID, now, r, inv)
		if err != nil {
			return err
		}
		if link != 0 {
			c, err := contactBy(ctx, tx, link)
			if err != nil {
				return err
			}
			if err := notifyIn(ctx, tx, now, notify, c); err != nil {
				return err
			}
		}
		if u.Roles, err = rolesOf(ctx, tx, u.ID); err != nil {
			return err
		}
		return audit(ctx, tx, now, u.ID, "user.register", userSubject(u.ID), map[string]any{
			"role": r.Role, "roles": u.Roles, "invite": r.InviteCode != "", "invite_id": inv.ID,
			"municipality_id": inv.MunicipalityID, "organisation_id": inv.OrganisationID,
		})
	})
	if err != nil {
		return domain.User{}, mapErr(op, err)
	}
	return u, nil
}

// errInvalid marks a Registration that cannot be stored as given.
var errInvalid = errors.New("invalid registration")

// checkRegistration rejects what the schema would reject, with a clearer
// message.
func checkRegistration(r domain.Registration, extra []domain.Role) error {
	for _, role := range append([]domain.Role{r.Role}, extra...) {
		if !validRole(role) {
			return fmt.Errorf("%w: unknown role %q", errInvalid, role)
		}
	}
	switch {
	case r.TelegramID == 0:
		return fmt.Errorf("%w: no telegram id", errInvalid)
	case r.ConsentAt.IsZero():
		return fmt.Errorf("%w: no consent time", errInvalid)
	case slices.ContainsFunc(r.Consents, func(c domain.Consent) bool {
		return !slices.Contains(domain.Purposes, c.Purpose) || c.Version < 1
	}):
		return fmt.Errorf("%w: unknown consent purpose or version", errInvalid)
	case r.Role == domain.RoleMunicipal && r.Municipal == nil:
		return fmt.Errorf("%w: municipal profile missing", errInvalid)
	case r.Role == domain.RoleOrganisation && r.Organisation == nil:
		return fmt.Errorf("%w: organisation profile missing", errInvalid)
	case r.Municipal != nil:
		if _, err := stateCode(r.Municipal.State); err != nil {
			return fmt.Errorf("%w: %w", errInvalid, err)
		}
	}
	return nil
}

// saveProfile stores the profile of r's role: a municipal contact with its
// municipality (found or created, case-insensitively per Bundesland), or a
// new organisation with the user as member; with an invite of a
// municipality or organisation (inv), the user joins that one instead,
// confirmed. It returns the id of a municipal link it created (pending), 0
// when it made none.
func saveProfile(ctx context.Context, tx pgx.Tx, userID int64, now time.Time, r domain.Registration, inv domain.Invite) (int64, error) {
	switch {
	case inv.MunicipalityID != 0:
		return 0, joinScope(ctx, tx, userID, inv, r.Municipal.Function, now)
	case inv.OrganisationID != 0:
		return 0, joinScope(ctx, tx, userID, inv, "", now)
	case r.Role == domain.RoleMunicipal:
		p := r.Municipal
		var mid int64
		err := tx.QueryRow(ctx,
			`INSERT INTO municipalities (name, state, created_at) VALUES ($1, $2, $3)
			 ON CONFLICT ((lower(name)), state) DO UPDATE SET name = municipalities.name
			 RETURNING id`,
			strings.TrimSpace(p.Municipality), strings.ToUpper(p.State), now).Scan(&mid)
		if err != nil {
			return 0, err
		}
		// xmax is 0 for a row this statement inserted, not for one it updated.
		var (
			link     int64
			inserted bool
		)
		err = tx.QueryRow(ctx,
			`INSERT INTO municipal_contacts (user_id, municipality_id, function, created_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (user_id, municipality_id) DO UPDATE SET function = EXCLUDED.function
			 RETURNING id, xmax = 0`,
			userID, mid, p.Function, now).Scan(&link, &inserted)
		if err != nil || !inserted {
			return 0, err
		}
		return link, nil
	case r.Role == domain.RoleOrganisation:
		p := r.Organisation
		if err := domain.CheckOrganisationProfile(*p); err != nil {
			return 0, fmt.Errorf("%w: %w", errInvalid, err)
		}
		var oid int64
		err := tx.QueryRow(ctx,
			`INSERT INTO organisations (name, city, state, topics, invite_lang, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			strings.TrimSpace(p.Name), strings.TrimSpace(p.City), p.State, texts(p.Topics), p.InviteLang, now).Scan(&oid)
		if err != nil {
			return 0, err
		}
		_, err = tx.Exec(ctx,
			`INSERT INTO organisation_members (organisation_id, user_id, joined_at) VALUES ($1, $2, $3)`,
			oid, userID, now)
		return 0, err
	}
	return 0, nil
}
