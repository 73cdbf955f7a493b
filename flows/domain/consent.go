package domain

import (
	"context"
	"slices"
	"time"
)

// Purposes a user consents to, each on its own (issue 15, part 3).
const (
	// PurposePrivacy is the privacy notice: the processing needed to use
	// the bot at all. It is required: without it there is no account, and
	// a user who has not agreed to its current version is asked again
	// before anything else runs.
	PurposePrivacy = "privacy"
	// PurposeReminders is optional: reminders 24 and 2 hours before an
	// agreed appointment. Without it the appointment reminders leave the
	// user out.
	PurposeReminders = "reminders"
)

// Purposes lists every purpose, the required one first.
var Purposes = []string{PurposePrivacy, PurposeReminders}

// OptionalPurposes are the purposes a registered user may give and
// withdraw as they like.
var OptionalPurposes = []string{PurposeReminders}

// Optional reports whether purpose may be withdrawn without leaving.
func Optional(purpose string) bool { return slices.Contains(OptionalPurposes, purpose) }

// Consent is one consent as given: the purpose, the version of its text
// the user agreed to, when, and when it was withdrawn (nil: it holds).
type Consent struct {
	Purpose     string
	Version     int
	GivenAt     time.Time
	WithdrawnAt *time.Time
}

// Holds reports whether c has not been withdrawn.
func (c Consent) Holds() bool { return c.WithdrawnAt == nil }

// ConsentStore keeps the users' consents (storage.Store implements it).
type ConsentStore interface {
	// ConsentsOf returns every consent the user gave, oldest first, with
	// those withdrawn (none is not an error).
	ConsentsOf(ctx context.Context, userID int64) ([]Consent, error)
	// GiveConsent records that the user agreed to version of purpose's
	// text now, with an audit entry. It reports false and changes nothing
	// when that version holds already. ErrNotFound for an unknown or
	// deleted user; an error wrapping ErrInvalid for an unknown purpose or
	// a version below 1.
	GiveConsent(ctx context.Context, userID int64, purpose string, version int) (bool, error)
	// WithdrawConsent withdraws the user's consent to purpose now, with an
	// audit entry; it reports false when none held. ErrNotFound for an
	// unknown or deleted user; an error wrapping ErrInvalid for a purpose
	// that is not optional.
	WithdrawConsent(ctx context.Context, userID int64, purpose string) (bool, error)
}
