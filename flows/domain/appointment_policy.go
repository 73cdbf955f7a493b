package domain

import (
	"fmt"
	"slices"
	"time"
	"unicode/utf8"
)

// AppointmentProblem names what is wrong with a proposed slot or text, so
// that the features can say it in the user's words.
type AppointmentProblem string

// Appointment problems.
const (
	ProblemNoOptions        AppointmentProblem = "no_options"        // a proposal without options
	ProblemTooManyOptions   AppointmentProblem = "too_many_options"  // more than MaxAppointmentOptions
	ProblemEndBeforeStart   AppointmentProblem = "end_before_start"  // the end is not after the start
	ProblemTooLong          AppointmentProblem = "too_long"          // longer than MaxAppointmentLength
	ProblemPast             AppointmentProblem = "past"              // starts at or before now
	ProblemBeforeAcceptance AppointmentProblem = "before_acceptance" // starts before the seat was taken
	ProblemTooFar           AppointmentProblem = "too_far"           // starts more than MaxAppointmentAhead ahead
	ProblemNoPlace          AppointmentProblem = "no_place"          // neither place nor link
	ProblemPlaceTooLong     AppointmentProblem = "place_too_long"    // place or link over MaxAppointmentPlace
	ProblemNoReason         AppointmentProblem = "no_reason"         // a cancellation or reschedule without reason
	ProblemReasonTooLong    AppointmentProblem = "reason_too_long"   // over MaxAppointmentReason
)

// AppointmentError is a slot or text that breaks a rule; it wraps
// ErrInvalid.
type AppointmentError struct {
	Problem AppointmentProblem
	Option  int // index of the offending option, from 0
}

// Error describes the problem.
func (e *AppointmentError) Error() string {
	return fmt.Sprintf("appointment option %d: %s", e.Option, e.Problem)
}

// Unwrap makes an AppointmentError an ErrInvalid.
func (e *AppointmentError) Unwrap() error { return ErrInvalid }

// CheckSlot returns the *AppointmentError of s, proposed at now for a
// request whose seat was taken at acceptedAt, or nil when s is fine.
func CheckSlot(s Slot, now, acceptedAt time.Time) error {
	var p AppointmentProblem
	switch {
	case !s.End.After(s.Start):
		p = ProblemEndBeforeStart
	case s.End.Sub(s.Start) > MaxAppointmentLength:
		p = ProblemTooLong
	case s.Start.Before(acceptedAt):
		p = ProblemBeforeAcceptance
	case !s.Start.After(now):
		p = ProblemPast
	case s.Start.Sub(now) > MaxAppointmentAhead:
		p = ProblemTooFar
	case s.Place == "" && s.Link == "":
		p = ProblemNoPlace
	case utf8.RuneCountInString(s.Place) > MaxAppointmentPlace || utf8.RuneCountInString(s.Link) > MaxAppointmentPlace:
		p = ProblemPlaceTooLong
	default:
		return nil
	}
	return &AppointmentError{Problem: p}
}

// CheckOptions returns the *AppointmentError of the first bad slot of a
// proposal (see CheckSlot), or of their number, or nil.
func CheckOptions(options []Slot, now, acceptedAt time.Time) error {
	switch {
	case len(options) == 0:
		return &AppointmentError{Problem: ProblemNoOptions}
	case len(options) > MaxAppointmentOptions:
		return &AppointmentError{Problem: ProblemTooManyOptions, Option: MaxAppointmentOptions}
	}
	for i, o := range options {
		if err := CheckSlot(o, now, acceptedAt); err != nil {
			err.(*AppointmentError).Option = i
			return err
		}
	}
	return nil
}

// CheckReason returns the *AppointmentError of a reason or note: empty
// when required, or longer than MaxAppointmentReason; nil when fine.
func CheckReason(reason string, required bool) error {
	switch {
	case required && reason == "":
		return &AppointmentError{Problem: ProblemNoReason}
	case utf8.RuneCountInString(reason) > MaxAppointmentReason:
		return &AppointmentError{Problem: ProblemReasonTooLong}
	}
	return nil
}

// SchedulableStatuses are the request statuses in which appointments are
// made and changed.
var SchedulableStatuses = []Status{StatusAssigned, StatusScheduled}

// HoldsSeat reports whether a is an advisor who holds one of seats.
func HoldsSeat(a Actor, seats []Seat) bool {
	return a.Registered() && a.Has(RoleAdvisor) && seated(a.ID, seats)
}

// seated reports whether user id holds one of seats, whatever their roles.
func seated(id int64, seats []Seat) bool {
	return id != 0 && slices.ContainsFunc(seats, func(s Seat) bool { return s.AdvisorID == id })
}

// SideOf is the side a acts on for request r with seats: SideAdvisor for
// a seat holder, SideRequester for someone on the requester's side, ""
// for anybody else (a coordinator too).
func SideOf(a Actor, r Request, seats []Seat) Side {
	switch {
	case HoldsSeat(a, seats):
		return SideAdvisor
	case OnRequesterSide(a, r):
		return SideRequester
	}
	return ""
}

// schedulable reports whether r's appointments may be made or changed.
func schedulable(r Request) bool { return slices.Contains(SchedulableStatuses, r.Status) }

// CanPropose reports whether a may propose an appointment of r: an
// advisor who holds one of its seats, while r is assigned or scheduled.
func CanPropose(a Actor, r Request, seats []Seat) bool {
	return schedulable(r) && HoldsSeat(a, seats)
}

// CanPick reports whether a may pick an option of appointment ap of r, or
// propose others (CounterAppointment): someone of the side the proposal
// awaits, while it is open.
func CanPick(a Actor, r Request, seats []Seat, ap Appointment) bool {
	return schedulable(r) && ap.Status == AppointmentProposed && ap.Awaiting != "" && SideOf(a, r, seats) == ap.Awaiting
}

// CanReschedule reports whether a may move appointment ap of r at now:
// either side, while it is agreed and has not started.
func CanReschedule(a Actor, r Request, seats []Seat, ap Appointment, now time.Time) bool {
	return schedulable(r) && SideOf(a, r, seats) != "" && ap.Upcoming(now)
}

// CanCallOff reports whether a may cancel appointment ap of r at now:
// either side, while it is proposed, or agreed and not started.
func CanCallOff(a Actor, r Request, seats []Seat, ap Appointment, now time.Time) bool {
	return schedulable(r) && SideOf(a, r, seats) != "" && (ap.Status == AppointmentProposed || ap.Upcoming(now))
}
