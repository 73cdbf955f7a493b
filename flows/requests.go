package flows

import (
	"context"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

var ErrInvalid = domain.ErrInvalid

type (
	Status           = domain.Status
	Format           = domain.Format
	Urgency          = domain.Urgency
	Topic            = domain.Topic
	RequestDraft     = domain.RequestDraft
	Request          = domain.Request
	EventKind        = domain.EventKind
	RequestEvent     = domain.RequestEvent
	MunicipalContact = domain.MunicipalContact
	StatusConflict   = domain.StatusConflict
)

const (
	StatusSubmitted           = domain.StatusSubmitted
	StatusInReview            = domain.StatusInReview
	StatusQuestion            = domain.StatusQuestion
	StatusApproved            = domain.StatusApproved
	StatusDeclined            = domain.StatusDeclined
	StatusMatching            = domain.StatusMatching
	StatusAssigned            = domain.StatusAssigned
	StatusScheduled           = domain.StatusScheduled
	StatusCompleted           = domain.StatusCompleted
	StatusClosed              = domain.StatusClosed
	StatusCancelled           = domain.StatusCancelled
	FormatOnSite              = domain.FormatOnSite
	FormatOnline              = domain.FormatOnline
	FormatHybrid              = domain.FormatHybrid
	UrgencyLow                = domain.UrgencyLow
	UrgencyNormal             = domain.UrgencyNormal
	UrgencyHigh               = domain.UrgencyHigh
	TopicInterculturalOpening = domain.TopicInterculturalOpening
	TopicMigrantOrganisations = domain.TopicMigrantOrganisations
	TopicEventsPR             = domain.TopicEventsPR
	TopicPartnerships         = domain.TopicPartnerships
	TopicFairTrade            = domain.TopicFairTrade
	TopicAgenda2030           = domain.TopicAgenda2030
	TopicOther                = domain.TopicOther
	EventStatus               = domain.EventStatus
	EventQuestion             = domain.EventQuestion
	EventAnswer               = domain.EventAnswer
	EventNote                 = domain.EventNote
)

var (
	Topics        = domain.Topics
	OpenStatuses  = domain.OpenStatuses
	CanCancel     = domain.CanCancel
	CanTransition = domain.CanTransition
)

// RequestStore holds counseling requests and their history in Postgres. It
// is separate from Store. Methods that tell someone else take a notify
// function, called inside the change's transaction with the request as
// changed; its notifications are written to the outbox in that transaction.
// notify may be nil and must not block.
type RequestStore interface {
	// SubmitRequest stores d as a new request in status submitted with the
	// next reference of the year (no gaps: a failed submit consumes no
	// number), its first history row and notify's notifications, in one
	// transaction. It is idempotent by submitKey: if a request with that key
	// exists it is returned with created=false and nothing is written
	// (ErrConflict when another requester used the key). It
	// returns an error wrapping ErrInvalid when d breaks a rule (see
	// RequestDraft) or submitKey is empty, ErrNotFound for an unknown
	// requester or municipality; nothing is written on error.
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
	// ListByMunicipality returns the requests of a municipality, newest first.
	ListByMunicipality(ctx context.Context, municipalityID int64) ([]Request, error)
	// OpenQueue returns the requests in OpenStatuses, oldest first
	// (CreatedAt gives the age).
	OpenQueue(ctx context.Context) ([]Request, error)
	// MunicipalityOf returns the municipality userID speaks for (the first
	// one registered, if several), or ErrNotFound when the user is no
	// municipal contact.
	MunicipalityOf(ctx context.Context, userID int64) (MunicipalContact, error)
	// UserByID returns the registered user with roles, or ErrNotFound (also
	// for a deleted user); to address a notification.
	UserByID(ctx context.Context, id int64) (User, error)
	// Coordinators returns the registered coordinators, oldest first (none is
	// not an error); to address notifications.
	Coordinators(ctx context.Context) ([]User, error)
}
