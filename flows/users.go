package flows

import (
	"context"
	"time"
)

// Role is what a user does in the programme. A user may hold several.
type Role string

// Roles.
const (
	RoleCoordinator  Role = "coordinator"
	RoleAdvisor      Role = "advisor"
	RoleMunicipal    Role = "municipal_contact"
	RoleOrganisation Role = "organisation_contact"
)

// User is a registered person. Nothing but the Telegram id exists before consent.
type User struct {
	ID         int64
	TelegramID int64
	ChatID     int64
	Name       string
	Lang       string
	ConsentAt  time.Time
	Roles      []Role
}

// Has reports whether u holds role r.
func (u User) Has(r Role) bool {
	for _, x := range u.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// MunicipalProfile is what a municipal contact tells about the municipality.
type MunicipalProfile struct {
	Municipality string // e.g. "Hattingen"
	State        string // Bundesland code, e.g. "NW"
	Function     string // the contact's function, e.g. "Integrationsbeauftragte"
}

// OrganisationProfile is what an organisation contact tells about the association.
type OrganisationProfile struct {
	Name string
	City string
}

// Registration is everything onboarding collected, written in one transaction.
type Registration struct {
	TelegramID   int64
	ChatID       int64
	Name         string
	Lang         string
	ConsentAt    time.Time
	Role         Role
	Municipal    *MunicipalProfile    // when Role is RoleMunicipal
	Organisation *OrganisationProfile // when Role is RoleOrganisation
	InviteCode   string               // the invite used, "" for none; consumed in the same transaction
}

// Invite is a single-use code that grants a role.
type Invite struct {
	Code      string
	Role      Role
	ExpiresAt time.Time
	UsedAt    time.Time // zero while unused
}

// Store holds the records in Postgres.
type Store interface {
	// UserByTelegramID returns the registered user, or ErrNotFound (also for deleted users).
	UserByTelegramID(ctx context.Context, telegramID int64) (User, error)
	// Register creates the user (or completes an existing one) with consent,
	// language, the role, the role's profile and an audit entry, in one
	// transaction. Coordinators listed in config get RoleCoordinator too. It
	// returns ErrNotFound for an unknown InviteCode and ErrConflict for one
	// used or expired.
	Register(ctx context.Context, r Registration, extra ...Role) (User, error)
	// SetLanguage stores a registered user's language; ErrNotFound if none.
	SetLanguage(ctx context.Context, userID int64, lang string) error
	// GrantRole gives userID role r (idempotent) and writes an audit entry.
	GrantRole(ctx context.Context, userID int64, r Role) error
	// InviteByCode returns the invite or ErrNotFound.
	InviteByCode(ctx context.Context, code string) (Invite, error)
	// Profiles returns the municipal and organisation profiles of the user
	// (none for a role the user lacks), or ErrNotFound for an unknown or
	// deleted user.
	Profiles(ctx context.Context, userID int64) ([]MunicipalProfile, []OrganisationProfile, error)
	// DeleteUser erases the user's personal data (name, profile links) and
	// marks the record deleted; ErrNotFound if none.
	DeleteUser(ctx context.Context, userID int64) error
}
