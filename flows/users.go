package flows

import (
	"context"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

type (
	Role                = domain.Role
	User                = domain.User
	MunicipalProfile    = domain.MunicipalProfile
	OrganisationProfile = domain.OrganisationProfile
	Registration        = domain.Registration
	Invite              = domain.Invite
)

const (
	RoleCoordinator  = domain.RoleCoordinator
	RoleAdvisor      = domain.RoleAdvisor
	RoleMunicipal    = domain.RoleMunicipal
	RoleOrganisation = domain.RoleOrganisation
)

// Store holds the records in Postgres.
type Store interface {
	UserByTelegramID(ctx context.Context, telegramID int64) (User, error)
	Register(ctx context.Context, r Registration, extra ...Role) (User, error)
	SetLanguage(ctx context.Context, userID int64, lang string) error
	GrantRole(ctx context.Context, userID int64, r Role) error
	InviteByCode(ctx context.Context, code string) (Invite, error)
	Profiles(ctx context.Context, userID int64) ([]MunicipalProfile, []OrganisationProfile, error)
	DeleteUser(ctx context.Context, userID int64) error
}
