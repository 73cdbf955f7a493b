package domain

import (
	"fmt"
	"slices"
	"time"
)

// Status is where a counseling request stands in its lifecycle (DESIGN.md):
// submitted → in_review ⇄ question → approved | declined → matching →
// assigned → scheduled → completed → closed; the requester may cancel until
// assigned.
type Status string

// Statuses of a counseling request.
const (
	StatusSubmitted Status = "submitted"
	StatusInReview  Status = "in_review"
	StatusQuestion  Status = "question"
	StatusApproved  Status = "approved"
	StatusDeclined  Status = "declined"
	StatusMatching  Status = "matching"
	StatusAssigned  Status = "assigned"
	StatusScheduled Status = "scheduled"
	StatusCompleted Status = "completed"
	StatusClosed    Status = "closed"
	StatusCancelled Status = "cancelled"
)

// transitions lists the status changes a decision may make; cancelling is
// added by CanCancel. A coordinator may ask, approve or decline without
// first taking a request in review.
var transitions = map[Status][]Status{
	StatusSubmitted: {StatusInReview, StatusQuestion, StatusApproved, StatusDeclined},
	StatusInReview:  {StatusQuestion, StatusApproved, StatusDeclined},
	StatusQuestion:  {StatusInReview, StatusApproved, StatusDeclined},
	StatusApproved:  {StatusMatching},
	StatusMatching:  {StatusAssigned},
	StatusAssigned:  {StatusScheduled, StatusMatching}, // matching: the office took the request back from an advisor
	StatusScheduled: {StatusCompleted},
	StatusCompleted: {StatusClosed},
}

// CanTransition reports whether a request in status from may move to
// status to (cancelling included, see CanCancel). It is false for unknown
// statuses and for from == to.
func CanTransition(from, to Status) bool {
	if to == StatusCancelled {
		return CanCancel(from)
	}
	return slices.Contains(transitions[from], to)
}

// CanCancel reports whether the requester may still cancel a request in
// status s: until an advisor is assigned, and not after a decline.
func CanCancel(s Status) bool { return slices.Contains(CancellableStatuses, s) }

// IsOpen reports whether r waits for the programme office's decision.
func (r Request) IsOpen() bool { return slices.Contains(OpenStatuses, r.Status) }

// OpenStatuses are the statuses that wait for the programme office (the queue).
var OpenStatuses = []Status{StatusSubmitted, StatusInReview, StatusQuestion}

// CancellableStatuses are the statuses a request may be withdrawn from (CanCancel).
var CancellableStatuses = []Status{StatusSubmitted, StatusInReview, StatusQuestion, StatusApproved, StatusMatching}

// AnswerableStatuses are the statuses in which an answer of the requester
// still reaches the office.
var AnswerableStatuses = CancellableStatuses

// Formats lists the formats in the order they are offered.
var Formats = []Format{FormatOnSite, FormatOnline, FormatHybrid}

// Urgencies lists the urgencies in the order they are offered.
var Urgencies = []Urgency{UrgencyLow, UrgencyNormal, UrgencyHigh}

// Format is how the counseling takes place.
type Format string

// Formats.
const (
	FormatOnSite Format = "on_site"
	FormatOnline Format = "online"
	FormatHybrid Format = "hybrid"
)

// Urgency is how soon the municipality needs the counseling.
type Urgency string

// Urgencies.
const (
	UrgencyLow    Urgency = "low"
	UrgencyNormal Urgency = "normal"
	UrgencyHigh   Urgency = "high"
)

// Topic is a key of the topic catalogue; its label lives in the locale files.
type Topic string

// Topics of the catalogue. TopicOther needs RequestDraft.TopicOther.
const (
	TopicInterculturalOpening Topic = "intercultural_opening"
	TopicMigrantOrganisations Topic = "migrant_organisations"
	TopicEventsPR             Topic = "events_pr"
	TopicPartnerships         Topic = "municipal_partnerships"
	TopicFairTrade            Topic = "fair_trade"
	TopicAgenda2030           Topic = "agenda_2030"
	TopicOther                Topic = "other"
)

// Topics is the catalogue in the order it is offered.
var Topics = []Topic{TopicInterculturalOpening, TopicMigrantOrganisations, TopicEventsPR,
	TopicPartnerships, TopicFairTrade, TopicAgenda2030, TopicOther}

// Topics of events and of what associations care about, beyond the
// request topics (issue 13): an event and an association's profile take
// any of InterestTopics, a request only one of Topics.
const (
	TopicCulture          Topic = "culture"
	TopicEducation        Topic = "education"
	TopicSports           Topic = "sports"
	TopicYouth            Topic = "youth"
	TopicWomen            Topic = "women"
	TopicReligionDialogue Topic = "religion_dialogue"
)

// InterestTopics are the topics of events and of associations' profiles,
// in the order they are offered: the request topics (TopicOther last),
// then culture, education, sports, youth, women, religion and dialogue.
var InterestTopics = []Topic{TopicInterculturalOpening, TopicMigrantOrganisations, TopicEventsPR,
	TopicPartnerships, TopicFairTrade, TopicAgenda2030, TopicCulture, TopicEducation, TopicSports, TopicYouth,
	TopicWomen, TopicReligionDialogue, TopicOther}

// RequestDraft is what the request flow collects. The store enforces:
// Department 1-200 characters, ContactFunction at most 200, TopicOther 1-200
// for TopicOther (at most 200 otherwise), Description 20-2000, Goal 1-2000,
// Place 1-200 unless Format is online, Latest not before Earliest,
// TargetGroups and Associations at most 1000, at most 10 Languages of 1-50
// characters each. Earliest and Latest are calendar days: only their year,
// month and day (in their own location) count.
type RequestDraft struct {
	RequesterID     int64 // users.id of the municipal contact
	MunicipalityID  int64
	Department      string
	ContactFunction string
	Topic           Topic
	TopicOther      string
	Description     string
	Goal            string
	Format          Format
	Earliest        time.Time
	Latest          time.Time
	Place           string
	Languages       []string // wanted languages, may be empty
	TargetGroups    string   // optional
	Associations    string   // associations already involved, optional
	Tandem          bool     // two advisors wanted
	Urgency         Urgency
}

// Request is a submitted counseling request. Earliest and Latest come back
// as midnight UTC of their day.
type Request struct {
	ID           int64
	Ref          string // readable reference, e.g. "MG-2026-0042"
	Status       Status
	Municipality string // name of the municipality, for display
	State        string // the municipality's Bundesland code, e.g. "NW"
	// RequesterName is the requester's name, for display; "" once the
	// requester's data was deleted.
	RequesterName string
	// ContactReach is how the advisor may reach the requester side once
	// they accepted, in its own words (a phone number, an e-mail); "" while
	// not given. At most MaxReachLen characters.
	ContactReach string
	RequestDraft
	CreatedAt time.Time
	UpdatedAt time.Time
}

// EventKind tells what a history row records.
type EventKind string

// Kinds of request events.
const (
	EventStatus   EventKind = "status"   // a status change (also the submit)
	EventQuestion EventKind = "question" // the office asks the requester
	EventAnswer   EventKind = "answer"   // the requester answers
	EventNote     EventKind = "note"     // an internal note
)

// RequestEvent is one row of a request's history.
type RequestEvent struct {
	ID        int64
	RequestID int64
	At        time.Time
	ActorID   int64  // users.id, 0 for the system
	ActorName string // "" for the system or a deleted user
	Kind      EventKind
	From, To  Status // both "" when the status did not change; From "" on submit
	Note      string // question, answer, decline reason or note
}

// MunicipalContact is a municipality a user speaks for.
type MunicipalContact struct {
	MunicipalityID int64
	Municipality   string
	State          string
	Function       string
}

// StatusConflict is the error (wrapping ErrConflict) of a status change
// that found the request in another status: a lost race or a stale button.
// It tells the current status and who made the last status change, so the
// flow can say "already decided by ...". Error() holds ids only.
type StatusConflict struct {
	RequestID int64
	Status    Status    // the current status
	ByID      int64     // users.id of who made the last status change, 0 for the system
	ByName    string    // their name, "" when unknown or deleted
	At        time.Time // when
}

func (e *StatusConflict) Error() string {
	return fmt.Sprintf("request %d is %s since a change by user %d: %v", e.RequestID, e.Status, e.ByID, ErrConflict)
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *StatusConflict) Unwrap() error { return ErrConflict }
