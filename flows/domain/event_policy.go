package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// EventProblem names what is wrong with an event draft or an answer, so
// that the feature can say it in the user's words.
type EventProblem string

// Event and answer problems.
const (
	ProblemEventOrganiser    EventProblem = "organiser"    // no organiser
	ProblemEventTitle        EventProblem = "title"        // not MinEventTitle-MaxEventTitle characters
	ProblemEventDescription  EventProblem = "description"  // over MaxEventDescription
	ProblemEventEnd          EventProblem = "end"          // the end is not after the start
	ProblemEventPast         EventProblem = "past"         // starts at or before now
	ProblemEventPlace        EventProblem = "place"        // not exactly one of place and link
	ProblemEventPlaceLong    EventProblem = "place_long"   // place or link over MaxEventPlace
	ProblemEventCity         EventProblem = "city"         // no city, or over MaxEventCity
	ProblemEventState        EventProblem = "state"        // not one of States
	ProblemEventTopics       EventProblem = "topics"       // none, unknown or repeated
	ProblemEventLanguages    EventProblem = "languages"    // too many, empty, too long or repeated
	ProblemEventCapacity     EventProblem = "capacity"     // negative or over MaxEventCapacity
	ProblemEventDeadline     EventProblem = "deadline"     // not between now and the start
	ProblemEventContact      EventProblem = "contact"      // over MaxEventContact
	ProblemEventNeeds        EventProblem = "needs"        // unknown or repeated
	ProblemEventSeating      EventProblem = "seating"      // FairMax not 0-MaxEventPersons, ConfirmHours not 0-MaxConfirmHours
	ProblemAnswerReply       EventProblem = "reply"        // not one of EventReplies
	ProblemAnswerPersons     EventProblem = "persons"      // not 1-MaxEventPersons for yes, or set otherwise
	ProblemAnswerNeeds       EventProblem = "answer_needs" // not offered by the event, repeated, or not a yes
	ProblemAnswerInterpreter EventProblem = "interpreting" // a language without interpreting, or the reverse
)

// EventError is a draft or an answer that breaks a rule; it wraps
// ErrInvalid.
type EventError struct {
	Problem EventProblem
}

// Error describes the problem.
func (e *EventError) Error() string { return fmt.Sprintf("event: %s", e.Problem) }

// Unwrap makes an EventError an ErrInvalid.
func (e *EventError) Unwrap() error { return ErrInvalid }

// ValidateEvent returns the *EventError of d's first broken rule (see
// EventDraft and the limits), checked at now, or nil when d is fine.
func ValidateEvent(d EventDraft, now time.Time) error {
	title := utf8.RuneCountInString(strings.TrimSpace(d.Title))
	checks := []struct {
		bad bool
		p   EventProblem
	}{
		{d.OrganiserID == 0, ProblemEventOrganiser},
		{title < MinEventTitle || title > MaxEventTitle, ProblemEventTitle},
		{utf8.RuneCountInString(d.Description) > MaxEventDescription, ProblemEventDescription},
		{!d.End.After(d.Start), ProblemEventEnd},
		{!d.Start.After(now), ProblemEventPast},
		{(d.Place == "") == (d.Link == ""), ProblemEventPlace},
		{utf8.RuneCountInString(d.Place) > MaxEventPlace || utf8.RuneCountInString(d.Link) > MaxEventPlace, ProblemEventPlaceLong},
		{strings.TrimSpace(d.City) == "" || utf8.RuneCountInString(d.City) > MaxEventCity, ProblemEventCity},
		{!slices.Contains(States, d.State), ProblemEventState},
		{len(d.Topics) == 0 || !subset(d.Topics, InterestTopics), ProblemEventTopics},
		{!goodLanguages(d.Languages), ProblemEventLanguages},
		{d.Capacity < 0 || d.Capacity > MaxEventCapacity, ProblemEventCapacity},
		{!d.Deadline.IsZero() && (!d.Deadline.Before(d.Start) || !d.Deadline.After(now)), ProblemEventDeadline},
		{utf8.RuneCountInString(d.Contact) > MaxEventContact, ProblemEventContact},
		{!subset(d.Needs, EventNeeds), ProblemEventNeeds},
		{d.Seating.FairMax < 0 || d.Seating.FairMax > MaxEventPersons ||
			d.Seating.ConfirmHours < 0 || d.Seating.ConfirmHours > MaxConfirmHours, ProblemEventSeating},
	}
	for _, c := range checks {
		if c.bad {
			return &EventError{Problem: c.p}
		}
	}
	return nil
}

// ValidateAnswer returns the *EventError of a's first broken rule for
// event e (see OrgAnswer), or nil when a is fine.
func ValidateAnswer(e Event, a OrgAnswer) error {
	yes := a.Reply == ReplyYes
	interpreting := slices.Contains(a.Needs, NeedInterpreting)
	lang := utf8.RuneCountInString(strings.TrimSpace(a.Interpreting))
	switch {
	case !slices.Contains(EventReplies, a.Reply):
		return &EventError{Problem: ProblemAnswerReply}
	case yes && (a.Persons < 1 || a.Persons > MaxEventPersons), !yes && a.Persons != 0:
		return &EventError{Problem: ProblemAnswerPersons}
	case !yes && len(a.Needs) > 0, !subset(a.Needs, e.Needs):
		return &EventError{Problem: ProblemAnswerNeeds}
	case interpreting != (lang > 0), lang > MaxEventLanguage:
		return &EventError{Problem: ProblemAnswerInterpreter}
	}
	return nil
}

// subset reports whether items are distinct members of of.
func subset[T comparable](items, of []T) bool {
	for i, x := range items {
		if !slices.Contains(of, x) || slices.Contains(items[:i], x) {
			return false
		}
	}
	return true
}

// goodLanguages reports whether langs are at most MaxEventLanguages
// distinct names of 1-MaxEventLanguage characters.
func goodLanguages(langs []string) bool {
	if len(langs) > MaxEventLanguages {
		return false
	}
	for i, l := range langs {
		n := utf8.RuneCountInString(strings.TrimSpace(l))
		if n == 0 || n > MaxEventLanguage || slices.Contains(langs[:i], l) {
			return false
		}
	}
	return true
}

// CanCreateEvent reports whether a may create and publish events: an
// advisor, a coordinator, or a municipal contact whose link to at least
// one municipality the office confirmed.
func CanCreateEvent(a Actor) bool {
	return a.Registered() && (a.Has(RoleAdvisor) || a.Has(RoleCoordinator) ||
		a.Has(RoleMunicipal) && len(a.Verified) > 0)
}

// CanManageEvent reports whether a may edit, publish and see the answers
// of e: its organiser (while they may still create events) or a
// coordinator.
func CanManageEvent(a Actor, e Event) bool {
	return a.Registered() && (a.Has(RoleCoordinator) || a.ID == e.OrganiserID && CanCreateEvent(a))
}

// CanAnswerEvent reports whether a may answer an invitation for
// organisation orgID: a member of it. (The store checks that the
// organisation was invited and the event has not started.)
func CanAnswerEvent(a Actor, orgID int64) bool {
	return a.Registered() && orgID != 0 && slices.Contains(a.Organisations, orgID)
}
