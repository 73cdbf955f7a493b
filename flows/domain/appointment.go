package domain

import (
	"context"
	"time"
)

// Appointments (issue 12, points 1, 2 and 7): after acceptance an advisor
// who holds a seat proposes one or more options for a meeting; the
// requester side picks one, or proposes others that the advisors may pick
// in turn. The first agreed appointment moves the request from assigned to
// scheduled. Either side may reschedule or cancel an agreed appointment
// with a reason. A request has as many appointments as its consultation
// needs. Reminders go out 24 h and 2 h before each agreed appointment,
// once per time agreed.

// AppointmentStatus is where an appointment stands.
type AppointmentStatus string

// Appointment statuses.
const (
	// AppointmentProposed: options wait for the other side's pick.
	AppointmentProposed AppointmentStatus = "proposed"
	// AppointmentAgreed: one time is agreed (also once it is past; see
	// Appointment.Past).
	AppointmentAgreed AppointmentStatus = "agreed"
	// AppointmentCancelled: called off by either side, with a reason.
	AppointmentCancelled AppointmentStatus = "cancelled"
)

// Side is a party of a request's appointments.
type Side string

// Sides.
const (
	// SideAdvisor is the advisors who hold a seat of the request.
	SideAdvisor Side = "advisor"
	// SideRequester is the municipality's side: the requester, or a
	// confirmed contact of the same municipality.
	SideRequester Side = "requester"
)

// Limits of an appointment's options and texts.
const (
	MaxAppointmentOptions = 5                    // options of one proposal
	MaxAppointmentPlace   = 200                  // characters of a place or of a link
	MaxAppointmentReason  = 500                  // characters of a reason or a counter-proposal's note
	MaxAppointmentLength  = 12 * time.Hour       // from start to end
	MaxAppointmentAhead   = 400 * 24 * time.Hour // how far ahead of now an option may start
)

// Slot is a time and a place: where and when an appointment takes place.
// A Link makes it online; Place and Link may both be given (hybrid).
type Slot struct {
	Start, End time.Time
	Place      string
	Link       string
}

// AppointmentOption is one slot of a proposal, to pick by its ID.
type AppointmentOption struct {
	ID int64
	Slot
}

// Appointment is a meeting of a request's advisors and its municipality.
type Appointment struct {
	ID         int64
	RequestID  int64
	RequestRef string
	// UID is the stable identifier of its calendar entries.
	UID    string
	Status AppointmentStatus
	// Awaiting is the side whose pick the proposal waits for; "" once
	// agreed or cancelled.
	Awaiting Side
	// Round counts the proposals: 1, raised by each counter-proposal.
	Round int
	// Options are the slots of the current round while proposed; the
	// earlier rounds' are kept in the database for the record.
	Options []AppointmentOption
	// Slot is the agreed time and place; zero while proposed.
	Slot
	// Sequence is the calendar entry's SEQUENCE: 0 when agreed, raised by
	// every reschedule and by the cancellation.
	Sequence    int
	Note        string // a counter-proposal's note, "" for none
	CreatedBy   int64  // users.id of the proposing advisor
	CreatedAt   time.Time
	UpdatedAt   time.Time
	AgreedBy    int64 // users.id of who picked; 0 while proposed
	AgreedAt    time.Time
	CancelledBy int64
	CancelledAt time.Time
	// Reason is the reason of the cancellation, or of the last reschedule.
	Reason string
}

// Upcoming reports whether a is agreed and starts after now: it may be
// rescheduled or cancelled, and is reminded.
func (a Appointment) Upcoming(now time.Time) bool {
	return a.Status == AppointmentAgreed && a.Start.After(now)
}

// AppointmentProposal is an advisor's proposal of options for a new
// appointment of a request.
type AppointmentProposal struct {
	RequestID int64
	AdvisorID int64 // users.id; must hold a seat of the request
	Options   []Slot
}

// AppointmentEvent tells what a change of an appointment did.
type AppointmentEvent string

// Appointment events.
const (
	AppointmentWasProposed    AppointmentEvent = "proposed"
	AppointmentWasCountered   AppointmentEvent = "countered"
	AppointmentWasAgreed      AppointmentEvent = "agreed"
	AppointmentWasRescheduled AppointmentEvent = "rescheduled"
	AppointmentWasCancelled   AppointmentEvent = "cancelled"
)

// Participants are whom an appointment concerns, to address
// notifications: the request, its seat holders and its requester.
type Participants struct {
	Request  Request // as after the change
	Advisors []User  // the seat holders, by seat
	// Requester is the requester; zero once their data was deleted.
	// Colleagues of the municipality act too (OnRequesterSide) but are
	// not addressed.
	Requester User
}

// AppointmentChange is what one change of an appointment did, for its
// notifications (the store calls notify with it inside the change's
// transaction).
type AppointmentChange struct {
	Event       AppointmentEvent
	Appointment Appointment // as after the change
	ActorID     int64       // users.id of who changed it
	ActorSide   Side
	// Previous is the slot before a reschedule; zero otherwise.
	Previous Slot
	// Scheduled: this change agreed the request's first appointment and
	// moved the request from assigned to scheduled.
	Scheduled bool
	Participants
}

// ReminderKind is how long before an appointment's start a reminder goes
// out.
type ReminderKind string

// Reminder kinds.
const (
	Reminder24h ReminderKind = "24h"
	Reminder2h  ReminderKind = "2h"
)

// Reminder is a reminder of an agreed appointment, due now.
type Reminder struct {
	Kind        ReminderKind
	Appointment Appointment
	Participants
}

// AppointmentStore holds the appointments of requests. Each change locks
// the request's row first, so that the changes of one request run one
// after another, and decides with a conditional update (a proposal still
// open, an appointment still upcoming), so that a replayed or late press
// changes nothing. The store checks who acts from the database: a change
// by someone not on the side it needs is ErrForbidden; the features check
// the policy functions first (CanPropose, CanPick, ...) for the answer to
// the user. notify is called with what the change did inside its
// transaction. Invalid slots or texts are an *AppointmentError (an
// ErrInvalid) and change nothing; a request not assigned or scheduled is a
// *StatusConflict; an appointment no longer in the status the change needs
// is ErrConflict; an unknown appointment or option ErrNotFound.
type AppointmentStore interface {
	// ProposeAppointment writes a new appointment with p's options,
	// awaiting the requester side. The advisor must hold a seat; every
	// option must start after now and after the seat was taken.
	ProposeAppointment(ctx context.Context, p AppointmentProposal, notify func(AppointmentChange) []Notification) (AppointmentChange, error)
	// PickAppointment agrees appointment id on option optionID of its
	// current round, picked by actorID of the awaited side; the request's
	// first agreed appointment moves it to scheduled.
	PickAppointment(ctx context.Context, id, optionID, actorID int64, notify func(AppointmentChange) []Notification) (AppointmentChange, error)
	// CounterAppointment replaces the options of proposed appointment id
	// by actorID's (of the awaited side), with an optional note, and awaits
	// the other side.
	CounterAppointment(ctx context.Context, id, actorID int64, options []Slot, note string, notify func(AppointmentChange) []Notification) (AppointmentChange, error)
	// RescheduleAppointment moves upcoming appointment id to slot to, by
	// actorID of either side, with a reason; the sequence is raised, so the
	// reminders of the old time do not go out.
	RescheduleAppointment(ctx context.Context, id, actorID int64, to Slot, reason string, notify func(AppointmentChange) []Notification) (AppointmentChange, error)
	// CancelAppointment calls off appointment id (proposed, or agreed and
	// upcoming) by actorID of either side, with a reason (1 to
	// MaxAppointmentReason characters); the sequence is raised and no
	// reminder goes out.
	CancelAppointment(ctx context.Context, id, actorID int64, reason string, notify func(AppointmentChange) []Notification) (AppointmentChange, error)
	// AppointmentByID returns the appointment or ErrNotFound.
	AppointmentByID(ctx context.Context, id int64) (Appointment, error)
	// AppointmentsOf returns the appointments of request id, soonest
	// first (proposals by their first option).
	AppointmentsOf(ctx context.Context, requestID int64) ([]Appointment, error)
	// UpcomingAppointments returns the agreed appointments of every
	// request that start after the store's now, soonest first, at most
	// limit (the office's overview).
	UpcomingAppointments(ctx context.Context, limit int) ([]Appointment, error)
	// DueReminders marks each reminder due at the store's now as sent,
	// once per appointment, kind and sequence, also with two runs at once,
	// and returns them with notify's notifications written. A reminder is
	// due from its lead before the start until the start, when the time
	// was agreed before that; the 24 h reminder is skipped when the 2 h
	// one is due too.
	DueReminders(ctx context.Context, notify func(Reminder) []Notification) ([]Reminder, error)
}
