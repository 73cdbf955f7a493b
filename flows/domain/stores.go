package domain

import (
	"context"
	"time"
)

// The store interfaces, one per aggregate. storage/ implements them on
// Postgres; each feature takes the ones it needs. Methods that tell
// someone else take a notify function, called inside the change's
// transaction with the record as changed; its notifications are written to
// the outbox in that transaction. notify may be nil and must not block.

// ActorStore reads the acting user of a turn.
type ActorStore interface {
	// ActorByTelegramID returns the registered user with roles and
	// memberships in one indexed query, or ErrNotFound (also for a deleted
	// user).
	ActorByTelegramID(ctx context.Context, telegramID int64) (Actor, error)
	// GrantRole gives userID role r (idempotent) and writes an audit entry;
	// ErrNotFound for an unknown or deleted user.
	GrantRole(ctx context.Context, userID int64, r Role) error
}

// UserStore holds the users, their roles and profiles.
type UserStore interface {
	// Register creates the user (or completes an existing one) with consent,
	// language, the role, the role's profile and an audit entry, in one
	// transaction; extra roles are granted too. A new link to a municipality
	// waits for the office (ContactPending), and notify's notifications
	// about it are written in the same transaction (notify may be nil). It
	// returns ErrNotFound for an unknown InviteCode and an *InviteError
	// (an ErrConflict) for one used, expired or revoked. An invite of a
	// municipality links the user to it verified, one of an organisation
	// makes them its member (the profile's names are then ignored).
	Register(ctx context.Context, r Registration, notify func(Contact) []Notification, extra ...Role) (User, error)
	// UserByID returns the registered user with roles, or ErrNotFound (also
	// for a deleted user); to address a notification.
	UserByID(ctx context.Context, id int64) (User, error)
	// Coordinators returns the registered coordinators, oldest first (none
	// is not an error); to address notifications.
	Coordinators(ctx context.Context) ([]User, error)
	// SetLanguage stores a registered user's language; ErrNotFound if none.
	SetLanguage(ctx context.Context, userID int64, lang string) error
	// Profiles returns the municipal and organisation profiles of the user
	// (none for a role the user lacks), or ErrNotFound for an unknown or
	// deleted user.
	Profiles(ctx context.Context, userID int64) ([]MunicipalProfile, []OrganisationProfile, error)
	// DeleteUser erases the user's personal data as ErasureStore.EraseUser
	// does (the row keeps its id only); ErrNotFound if none.
	DeleteUser(ctx context.Context, userID int64) error
}

// InviteStore holds the single-use invite codes.
type InviteStore interface {
	// AddInvite stores inv (Code, the scope's ids, CreatedBy, ExpiresAt;
	// the rest is ignored) with an audit entry. It returns ErrConflict when
	// the code exists, ErrNotFound when the creator, municipality or
	// organisation does not, and an error wrapping ErrInvalid for an
	// unknown role, a code that is not 1-64 characters, or a scope the
	// role does not take (a colleague's invite needs its municipality or
	// organisation).
	AddInvite(ctx context.Context, inv Invite) error
	// InviteByCode returns the invite with its scope's name, or ErrNotFound.
	InviteByCode(ctx context.Context, code string) (Invite, error)
	// InviteByID returns invite id as InviteByCode does, or ErrNotFound.
	InviteByID(ctx context.Context, id int64) (Invite, error)
	// InvitesBy returns the invites userID created that are open, or were
	// used, revoked or expired at or after since, newest first, with who
	// used them (none is not an error).
	InvitesBy(ctx context.Context, userID int64, since time.Time) ([]Invite, error)
	// ColleagueScopes returns the scopes of userID's colleagues: one per
	// verified municipal link and one per organisation membership, with
	// its name, oldest first (none is not an error).
	ColleagueScopes(ctx context.Context, userID int64) ([]InviteScope, error)
	// RevokeInvite revokes invite id for byID, with an audit entry,
	// when it is unused and not revoked and byID created it or is a
	// coordinator. It returns the invite as it is then; ErrNotFound for an
	// unknown invite, ErrForbidden for someone else, an *InviteError for one
	// used or revoked.
	RevokeInvite(ctx context.Context, id, byID int64) (Invite, error)
	// AcceptInvite consumes the invite code for the registered userID and
	// grants what it grants (the role, the verified municipal link or the
	// organisation's membership) with an audit entry, in one transaction.
	// It returns the invite; ErrNotFound for an unknown code or user, an
	// *InviteError for one used, expired or revoked (or whose creator may
	// no longer invite so), ErrInviteHeld when the user holds it all
	// already (nothing is consumed then).
	AcceptInvite(ctx context.Context, code string, userID int64) (Invite, error)
	// DeleteExpiredInvites removes unused invites that expired before
	// before and returns how many went.
	DeleteExpiredInvites(ctx context.Context, before time.Time) (int64, error)
}

// RequestStore holds counseling requests and their history.
type RequestStore interface {
	// SubmitRequest stores d as a new request in status submitted with the
	// next reference of the year (no gaps: a failed submit consumes no
	// number), its first history row and notify's notifications, in one
	// transaction. It is idempotent by submitKey: if a request with that key
	// exists it is returned with created=false and nothing is written
	// (ErrConflict when another requester used the key). It returns an
	// error wrapping ErrInvalid when d breaks a rule (see RequestDraft) or
	// submitKey is empty, ErrNotFound for an unknown requester or
	// municipality; nothing is written on error.
	SubmitRequest(ctx context.Context, d RequestDraft, submitKey string, notify func(Request) []Notification) (r Request, created bool, err error)
	// Transition moves request id from one of the statuses in from to status
	// to, with a history row of kind (status, question or answer) by actorID
	// carrying note, and notify's notifications, in one transaction. A
	// request not in from (a lost race, a stale button) gives a
	// *StatusConflict (wrapping ErrConflict). It returns ErrNotFound for an
	// unknown request, ErrInvalid when a from→to pair fails CanTransition,
	// kind is note, or a decline, question or answer has no note.
	Transition(ctx context.Context, id, actorID int64, from []Status, to Status, kind EventKind, note string, notify func(Request) []Notification) (Request, error)
	// AddEvent adds a history row that changes no status (a further
	// question or answer, a note) while the request is in one of the
	// statuses in, with notify's notifications, in one transaction. It
	// returns a *StatusConflict when the request is in another status,
	// ErrNotFound for an unknown request, ErrInvalid for kind status or an
	// empty note.
	AddEvent(ctx context.Context, id, actorID int64, in []Status, kind EventKind, note string, notify func(Request) []Notification) (Request, error)
	// History returns the events of request id, oldest first, or ErrNotFound.
	History(ctx context.Context, id int64) ([]RequestEvent, error)
	// RequestByID returns the request or ErrNotFound.
	RequestByID(ctx context.Context, id int64) (Request, error)
	// RequestByRef returns the request with reference ref or ErrNotFound.
	RequestByRef(ctx context.Context, ref string) (Request, error)
	// ListByRequester returns the requests of userID, newest first (none is
	// not an error).
	ListByRequester(ctx context.Context, userID int64) ([]Request, error)
	// ListForContact returns the requests of userID and of the
	// municipalities (the ones a contact speaks for), newest first.
	ListForContact(ctx context.Context, userID int64, municipalities []int64) ([]Request, error)
	// ListByMunicipality returns the requests of a municipality, newest first.
	ListByMunicipality(ctx context.Context, municipalityID int64) ([]Request, error)
	// CountOpen counts the requests in OpenStatuses.
	CountOpen(ctx context.Context) (int, error)
	// OpenQueue returns the requests in OpenStatuses, oldest first
	// (CreatedAt gives the age).
	OpenQueue(ctx context.Context) ([]Request, error)
	// SetContactReach stores how the advisor may reach the requester side
	// of request id (see Request.ContactReach), by actorID, with an audit
	// entry and notify's notifications, in one transaction; ErrNotFound for
	// an unknown request, ErrInvalid for a reach longer than MaxReachLen.
	SetContactReach(ctx context.Context, id, actorID int64, reach string, notify func(Request) []Notification) (Request, error)
	// MunicipalitiesOf returns the municipalities userID speaks for, the
	// one linked first first; none (not an error) when the user is no
	// municipal contact.
	MunicipalitiesOf(ctx context.Context, userID int64) ([]MunicipalContact, error)
}

// AdvisorStore holds the advisors' profiles (one per advisor user).
type AdvisorStore interface {
	// AdvisorProfile returns userID's advisor profile, with the name of the
	// user, or ErrNotFound when they have none (or are unknown or deleted).
	AdvisorProfile(ctx context.Context, userID int64) (AdvisorProfile, error)
	// SaveAdvisorProfile creates or replaces p.UserID's profile (all but
	// Name, which is the user's, and Deactivated, which is the office's)
	// with an audit entry, in one transaction. It returns an error wrapping
	// ErrInvalid when p breaks a rule (unknown topic, format or Bundesland,
	// no format, a negative MaxPerQuarter, Reach too long), ErrNotFound
	// for an unknown or deleted user.
	SaveAdvisorProfile(ctx context.Context, p AdvisorProfile) error
}
