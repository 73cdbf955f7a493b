package domain

import (
	"errors"
	"time"
)

// InviteScope is what an invite admits to: a role, and for a colleague's
// invite the municipality (the invited municipal contact joins it
// verified) or the organisation (the invited member joins it).
type InviteScope struct {
	Role           Role
	MunicipalityID int64  // 0: none (a municipal invite of the system asks for the municipality)
	OrganisationID int64  // 0: none
	Name           string // of the municipality or organisation, when read; "" for none
	State          string // Bundesland code of the municipality, when read
}

// Invite is a single-use code that grants a role, with its scope.
type Invite struct {
	ID   int64 // for buttons; the code is the link's secret
	Code string
	InviteScope
	CreatedBy  int64 // users.id of who created it; 0: the system
	CreatedAt  time.Time
	ExpiresAt  time.Time
	UsedAt     time.Time // zero while unused
	UsedByID   int64     // users.id of who used it; 0 while unused
	UsedByName string    // their name ("" once deleted); for the chat, never for logs
	RevokedAt  time.Time // zero unless revoked
}

// InviteState is where an invite stands.
type InviteState string

// Invite states.
const (
	InviteOpen    InviteState = "open"
	InviteUsed    InviteState = "used"
	InviteExpired InviteState = "expired"
	InviteRevoked InviteState = "revoked"
)

// Status returns where inv stands at now: used and revoked before expired.
func (inv Invite) Status(now time.Time) InviteState {
	switch {
	case !inv.UsedAt.IsZero():
		return InviteUsed
	case !inv.RevokedAt.IsZero():
		return InviteRevoked
	case !now.Before(inv.ExpiresAt):
		return InviteExpired
	}
	return InviteOpen
}

// InviteError is the error (wrapping ErrConflict) of an invite that can
// no longer be used: State says why (used, expired or revoked; revoked
// also when its creator may no longer invite so).
type InviteError struct{ State InviteState }

func (e *InviteError) Error() string { return "invite " + string(e.State) }

// Unwrap makes an InviteError an ErrConflict.
func (e *InviteError) Unwrap() error { return ErrConflict }

// ErrInviteHeld: the user holds what the invite grants already (the role,
// and the membership of its scope); nothing was consumed.
var ErrInviteHeld = errors.New("invite grants nothing new")

// InviteCodeLen is the length of the invite codes the bot makes: 22 of
// A-Z a-z 0-9 _ - (132 random bits).
const InviteCodeLen = 22

// DefaultInviteValidity is how long an invite link is valid unless the
// configuration says otherwise.
const DefaultInviteValidity = 7 * 24 * time.Hour

// InviteRetention is how long an invite that expired unused is kept: long
// enough that a late click on its link is explained as "expired", not met
// with "unknown link".
const InviteRetention = 30 * 24 * time.Hour
