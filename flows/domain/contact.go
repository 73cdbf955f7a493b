package domain

import (
	"context"
	"time"
)

// ContactStatus is where the programme office stands on a municipal
// contact's link to a municipality.
type ContactStatus string

// Contact statuses. A self-registered contact is pending until a
// coordinator confirms (verified) or rejects the link; both decisions are
// final for that link.
const (
	ContactPending  ContactStatus = "pending"
	ContactVerified ContactStatus = "verified"
	ContactRejected ContactStatus = "rejected"
)

// Contact is a municipal contact's link to a municipality, with who the
// contact is and the office's decision on it.
type Contact struct {
	ID             int64 // of the link, for the coordinators' buttons
	UserID         int64
	Name           string // the contact's name
	Function       string
	MunicipalityID int64
	Municipality   string
	State          string // Bundesland code, e.g. "NW"
	Status         ContactStatus
	CreatedAt      time.Time
	DecidedByID    int64     // users.id of the coordinator who decided, 0 while pending
	DecidedByName  string    // their name, "" while pending or once deleted
	DecidedAt      time.Time // zero while pending
}

// ContactStore holds the verification of municipal contacts.
type ContactStore interface {
	// PendingContacts returns the links waiting for a decision, oldest
	// first, of users not deleted (none is not an error).
	PendingContacts(ctx context.Context) ([]Contact, error)
	// CountPendingContacts counts the links waiting for a decision.
	CountPendingContacts(ctx context.Context) (int, error)
	// ContactByID returns the link id or ErrNotFound (also once its user
	// was deleted).
	ContactByID(ctx context.Context, id int64) (Contact, error)
	// DecideContact sets link id to status to (verified or rejected) by
	// coordinator byID, with an audit entry and notify's notifications, in
	// one transaction, when the link is pending. A link decided already
	// gives an error wrapping ErrConflict together with the link as it is;
	// ErrNotFound for an unknown link, ErrInvalid for another status.
	DecideContact(ctx context.Context, id, byID int64, to ContactStatus, notify func(Contact) []Notification) (Contact, error)
}
