package domain

import (
	"context"
	"time"
)

// Events, part two (issue 14): seats and a fair waitlist, changes and
// cancellation, reminders and attendance.
//
// An event with a capacity counts seats in persons. A yes asks for
// OrgAnswer.Persons: as many as are free take seats at once (Seats); the
// rest wait in order (WaitingSince). When seats come free (a no, fewer
// persons, a higher capacity, an offer not confirmed), the first waiting
// association whose waiting persons fit is promoted: the seats are
// Offered to it until OfferUntil (the event's confirm window, never later
// than 2 hours before the start; within the last 2 hours they are given
// as Seats at once). A confirmation makes them Seats; without one, when
// the window ends, the offer is withdrawn, the association is passed over
// (its answer becomes no, by nobody) and the seats go to the next.
// Without a capacity every yes holds all its persons' seats.
//
// Fairness (off by default, per event): with FairMax > 0 an association
// holds at most FairMax persons while another association waits, and with
// NewFirst associations that have not attended an event of the organiser
// before come first on the waitlist.

// DefaultConfirmHours is the confirm window of a promotion unless the
// event sets another; MinConfirmLead is how long before the start every
// window ends at the latest.
const (
	DefaultConfirmHours = 24
	MaxConfirmHours     = 168
	MinConfirmLead      = 2 * time.Hour
)

// EventSeating is an event's fairness and confirm window (stored with
// the event; zero FairMax is no cap, zero ConfirmHours is the default).
type EventSeating struct {
	FairMax      int  // persons per association while others wait; 0: no cap
	NewFirst     bool // associations new to the organiser first on the waitlist
	ConfirmHours int  // the window of a promotion in hours; 0: DefaultConfirmHours
}

// Waiting returns the persons of a that wait for seats (0 unless a yes).
func (a OrgAnswer) Waiting() int {
	if a.Reply != ReplyYes {
		return 0
	}
	return max(0, a.Persons-a.Seats-a.Offered)
}

// OfferEnd is the end of the window of a promotion made at now for an
// event starting at start with window hours: now plus the window, never
// later than MinConfirmLead before the start. A zero result means the
// seats are given at once (less than MinConfirmLead is left).
func OfferEnd(now, start time.Time, hours int) time.Time {
	if hours <= 0 {
		hours = DefaultConfirmHours
	}
	end := now.Add(time.Duration(hours) * time.Hour)
	if latest := start.Add(-MinConfirmLead); end.After(latest) {
		end = latest
	}
	if !end.After(now) {
		return time.Time{}
	}
	return end
}

// SeatOffer is an association promoted from the waitlist in a change: its
// answer after the promotion (Offered set, or Seats when given at once)
// and its invited members, who are told.
type SeatOffer struct {
	Answer  OrgAnswer
	Members []EventInvitation
}

// PassedOver is an association whose offer ended unconfirmed: its answer
// after (no, by nobody) and its invited members, who are told.
type PassedOver struct {
	Answer  OrgAnswer
	Members []EventInvitation
}

// SeatsExpiry is one run of ExpireSeatOffers for an event: the offers passed
// over and the promotions their seats made.
type SeatsExpiry struct {
	Event    Event
	Passed   []PassedOver
	Promoted []SeatOffer
}

// EventUpdate is a published event changed or cancelled by its organiser:
// the event before and after, the members who are told (Told: for a
// change the members of associations that answered yes or maybe or wait;
// for a cancellation every invited member), each with its association's
// answer, and the promotions a higher capacity made.
type EventUpdate struct {
	Before   Event
	After    Event
	Told     []EventInvitation
	Promoted []SeatOffer
}

// EventReminderKind is a reminder members get before an event.
type EventReminderKind string

// Reminder kinds: 48 hours before the start to yes (holding seats) and
// maybe, 2 hours before to yes (holding seats), and one nudge to maybe
// before the answer deadline.
const (
	EventReminder48h   EventReminderKind = "48h"
	EventReminder2h    EventReminderKind = "2h"
	EventReminderNudge EventReminderKind = "nudge"
)

// NudgeLead is how long before the answer deadline the nudge to "maybe"
// goes out.
const NudgeLead = 24 * time.Hour

// EventReminder is a reminder due: its kind and the invitation of the
// member it goes to (with the event and the association's answer).
type EventReminder struct {
	Kind       EventReminderKind
	Invitation EventInvitation
}

// Attendance is whether an association came to an event, recorded by the
// organiser after the start.
type Attendance struct {
	OrganisationID int64
	Came           bool
}

// SeatStore is the seats, changes, reminders and attendance of events.
// Like EventStore's methods, those that act take the acting user's id,
// check it in the change's transaction and write notify's notifications
// in it.
type SeatStore interface {
	// ConfirmSeats confirms the seats offered to organisation orgID for
	// event eventID by actorID, a member (CanAnswerEvent), before the
	// offer ends: Offered become Seats. ErrNotFound for an unknown event,
	// ErrForbidden for a non-member or an organisation not invited,
	// ErrConflict when nothing is offered (any more) or the event started
	// or is not published.
	ConfirmSeats(ctx context.Context, actorID, eventID, orgID int64, notify func(EventAnswerChange) []Notification) (EventAnswerChange, error)
	// ExpireSeatOffers passes over the offers whose window ended at the
	// store's now and promotes the next, each event in one transaction
	// with notify's notifications. A second run (or instance) finds none.
	ExpireSeatOffers(ctx context.Context, notify func(SeatsExpiry) []Notification) ([]SeatsExpiry, error)
	// ChangeEvent changes published event id by actorID (CanManageEvent)
	// to d's start, end, place, link, description, capacity and seating
	// (the other fields stay), raising the sequence when
	// anything changed; a higher capacity (or fairness off) promotes the
	// waitlist. It returns the update with the members told. ErrNotFound,
	// ErrForbidden, ErrConflict for an event not published or started, an
	// *EventError for a bad result, a *CapacityError for a capacity below
	// the seats taken.
	ChangeEvent(ctx context.Context, id, actorID int64, d EventDraft, notify func(EventUpdate) []Notification) (EventUpdate, error)
	// CancelEvent cancels published event id by actorID (CanManageEvent),
	// raising the sequence, and tells every invited member. ErrNotFound,
	// ErrForbidden, ErrConflict for an event not published or started.
	CancelEvent(ctx context.Context, id, actorID int64, notify func(EventUpdate) []Notification) (EventUpdate, error)
	// CountTold counts the members a change (all false) or a
	// cancellation (all true) of event id would tell now: those of
	// ChangeEvent's and CancelEvent's Told.
	CountTold(ctx context.Context, id int64, all bool) (int, error)
	// DueEventReminders marks each reminder due at the store's now as
	// sent and returns them, with notify's notifications, in one
	// transaction; a second run (or instance) gets none.
	DueEventReminders(ctx context.Context, notify func(EventReminder) []Notification) ([]EventReminder, error)
	// RemindUnanswered marks event id's reminder to the members of the
	// invited associations that have not answered as sent, by actorID
	// (CanManageEvent), and returns their invitations, with notify's
	// notifications. ErrConflict when it was sent before or the event is
	// not published or started; ErrNotFound, ErrForbidden.
	RemindUnanswered(ctx context.Context, id, actorID int64, notify func(EventInvitation) []Notification) ([]EventInvitation, error)
	// RecordAttendance records whether associations that answered yes
	// came, by actorID (CanManageEvent), once the event has started.
	// ErrConflict before the start or for a cancelled event, ErrForbidden
	// for an organisation that did not answer yes; ErrNotFound.
	RecordAttendance(ctx context.Context, id, actorID int64, came []Attendance) error
}

// CapacityError is a capacity below the seats taken; it wraps ErrInvalid.
type CapacityError struct {
	Taken int // the seats taken (held and offered)
}

// Error describes the problem.
func (e *CapacityError) Error() string { return "event: capacity below the seats taken" }

// Unwrap makes a CapacityError an ErrInvalid.
func (e *CapacityError) Unwrap() error { return ErrInvalid }
