package domain

import (
	"context"
	"fmt"
	"time"
)

// Events of the city's programme (issue 13): an organiser publishes an
// event to associations; each member of an invited association gets an
// invitation, and the association gives one answer, shared by its members.
// The rules of a draft and an answer are in event_policy.go.

// EventState is where an event is in its life.
type EventState string

// Event statuses. A draft is seen by its organiser only; publishing invites
// the audience; a cancelled event stays for the record.
const (
	EventStateDraft EventState = "draft"
	EventPublished  EventState = "published"
	EventCancelled  EventState = "cancelled"
)

// EventNeed is something an association may ask the organiser for.
type EventNeed string

// The needs, in the order they are offered.
const (
	NeedInterpreting EventNeed = "interpreting"
	NeedChildcare    EventNeed = "childcare"
	NeedStepFree     EventNeed = "step_free"
)

// EventNeeds lists every need in the order it is offered.
var EventNeeds = []EventNeed{NeedInterpreting, NeedChildcare, NeedStepFree}

// EventReply is an association's answer to an invitation.
type EventReply string

// Replies; "" is no answer yet.
const (
	ReplyYes   EventReply = "yes"
	ReplyMaybe EventReply = "maybe"
	ReplyNo    EventReply = "no"
)

// EventReplies lists the replies in the order they are offered.
var EventReplies = []EventReply{ReplyYes, ReplyMaybe, ReplyNo}

// Limits of events and answers (characters unless said otherwise).
const (
	MinEventTitle       = 3
	MaxEventTitle       = 120
	MaxEventDescription = 2000
	MaxEventPlace       = 200   // a place's address or an online link
	MaxEventCity        = 200   // the event's city
	MaxEventContact     = 200   // the contact for questions
	MaxEventCapacity    = 10000 // persons; 0 is no limit
	MaxEventLanguages   = 10    // languages spoken at the event
	MaxEventLanguage    = 50    // one language's name, also the interpreting language of an answer
	MaxEventPersons     = 10    // persons of one "yes"
)

// EventDraft is what the organiser enters; ValidateEvent checks it.
// Exactly one of Place and Link is set. Start and End are instants (the
// feature reads them in Europe/Berlin); Deadline is zero for none.
type EventDraft struct {
	OrganiserID int64 // users.id of the organiser
	Title       string
	Description string
	Start       time.Time
	End         time.Time
	Place       string       // address, or ""
	Link        string       // online link, or ""
	City        string       // the event's city, for the audience
	State       string       // its Bundesland (one of States), for the audience
	Topics      []Topic      // at least one, each of InterestTopics
	Languages   []string     // spoken at the event, may be empty
	Capacity    int          // persons, 0 for no limit
	Deadline    time.Time    // for answers, zero for none; before Start
	Contact     string       // for questions, may be empty
	Needs       []EventNeed  // what an association may ask for, may be empty
	Seating     EventSeating // fairness and confirm window of the waitlist (event_seats.go)
}

// Where is the place of d, or its online link (exactly one is set).
func (d EventDraft) Where() string {
	if d.Place != "" {
		return d.Place
	}
	return d.Link
}

// Event is a stored event. UID names it in calendar files and never
// changes; Sequence is the calendar's SEQUENCE, raised by every change
// after publishing (issue 14).
type Event struct {
	ID int64
	EventDraft
	UID         string
	Sequence    int
	Status      EventState
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt time.Time // zero while a draft
	CancelledAt time.Time // zero unless cancelled
	SeatsTaken  int       // persons holding or offered seats (capped events count them)
	// RemindedAt is when the organiser reminded the associations that had
	// not answered (zero: not yet; once per event).
	RemindedAt time.Time
}

// SeatsLeft is the seats free of a capped event (0 when uncapped).
func (e Event) SeatsLeft() int { return max(0, e.Capacity-e.SeatsTaken) }

// EventUID is the calendar UID of event id.
func EventUID(id int64) string { return fmt.Sprintf("ev-%d@miglobe", id) }

// Started reports whether e has started at now.
func (e Event) Started(now time.Time) bool { return !now.Before(e.Start) }

// OrgAnswer is an association's one answer to an event. Persons (1 to
// MaxEventPersons) and Needs (of the event's Needs) belong to a "yes"
// only; Interpreting is the language to interpret into, set exactly when
// Needs holds NeedInterpreting.
type OrgAnswer struct {
	EventID          int64
	OrganisationID   int64
	OrganisationName string // read back, ignored when written
	Reply            EventReply
	Persons          int
	Needs            []EventNeed
	Interpreting     string
	AnsweredBy       int64     // users.id of the member, set by the store
	AnsweredByName   string    // the member's name, read back ("" once deleted)
	AnsweredAt       time.Time // set by the store
	// Seats, Offered, WaitingSince and OfferUntil are read back (see
	// event_seats.go): the persons holding seats, those offered seats by
	// a promotion until OfferUntil, and since when the rest wait.
	Seats        int
	Offered      int
	WaitingSince time.Time
	OfferUntil   time.Time
	Attended     *bool // recorded after the event; nil: not recorded
}

// EventInvitation is one member's invitation to a published event: what a
// notify of Publish gets, and what a member's list shows.
type EventInvitation struct {
	ID               int64
	Event            Event
	OrganisationID   int64
	OrganisationName string
	UserID           int64
	ChatID           int64
	Lang             string    // the organisation's invitation language (its cards')
	Answer           OrgAnswer // the association's answer; Reply "" for none
}

// EventAnswerChange is an answer as stored and who must see it: every
// invited member of the association (their cards show the answer).
type EventAnswerChange struct {
	Event    Event
	Answer   OrgAnswer
	Previous OrgAnswer // the answer before; Reply "" for none
	Members  []EventInvitation
	Persons  int         // the seats taken of the event after the change (Event.SeatsTaken)
	Promoted []SeatOffer // associations promoted from the waitlist by the change
}

// AudienceFilter narrows or widens the organisations an event matches:
// CityOnly keeps those of the event's city, Add adds organisations by id
// (found by a name search).
type AudienceFilter struct {
	CityOnly bool
	Add      []int64
}

// AudienceOrg is an organisation of an event's audience with its
// invitation language and its number of members (who would each get an
// invitation).
type AudienceOrg struct {
	ID         int64
	Name       string
	City       string
	InviteLang string // the language its invitations come in
	Members    int
}

// AudienceMembers counts the members an audience's invitations go to, by
// the language they come in: each member once, for the organisation with
// the lowest id they belong to (as Publish invites them).
type AudienceMembers map[string]int

// Total is the number of members invited.
func (m AudienceMembers) Total() int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// EventCounts are the figures of an event for its organiser: invited
// organisations and members, answers by reply (organisations), the persons
// of the yes answers, the organisations without an answer, and how many
// yes answers ask for each need.
type EventCounts struct {
	Organisations int
	Members       int
	Yes           int
	Persons       int
	Maybe         int
	No            int
	NoAnswer      int
	Needs         map[EventNeed]int
	// Seats of a capped event: persons holding or offered seats, persons
	// waiting and the associations they belong to; and, after the event,
	// the associations recorded as come and as not come.
	SeatsTaken     int
	WaitingPersons int
	WaitingOrgs    int
	Came           int
	NotCame        int
}

// EventStore holds events, their invitations and the associations'
// answers, with their seats (SeatStore). Methods that act take the acting user's id and read their
// roles and memberships from the database, in the change's transaction.
type EventStore interface {
	SeatStore
	// CreateEvent stores d as a draft of its organiser, with an audit
	// entry. It returns an *EventError (an ErrInvalid) when d breaks a rule
	// (ValidateEvent), ErrForbidden when the organiser may not create
	// events (CanCreateEvent) and ErrNotFound for an unknown organiser.
	CreateEvent(ctx context.Context, d EventDraft) (Event, error)
	// UpdateEvent replaces draft id's fields by d's while it is a draft,
	// by actorID (CanManageEvent: its organiser or a coordinator), with an
	// audit entry by the actor. The stored organiser stays: d.OrganiserID
	// is ignored. ErrNotFound for an unknown event, ErrForbidden for an
	// actor who may not, ErrConflict when it is no draft any more, an
	// *EventError for a bad d.
	UpdateEvent(ctx context.Context, id, actorID int64, d EventDraft) (Event, error)
	// EventByID returns the event or ErrNotFound.
	EventByID(ctx context.Context, id int64) (Event, error)
	// EventsBy returns the events of organiser userID, latest start first
	// (none is not an error).
	EventsBy(ctx context.Context, userID int64) ([]Event, error)
	// Audience returns the organisations event id matches, narrowed or
	// widened by f, with their member counts, by name, and the members
	// publishing to all of them invites (each once); ErrNotFound for an
	// unknown event.
	Audience(ctx context.Context, id int64, f AudienceFilter) ([]AudienceOrg, AudienceMembers, error)
	// Publish publishes draft id by actorID (CanManageEvent) to the
	// members of orgIDs in one transaction: the status, one invitation per
	// member (a member of two of them gets one) and notify's notifications
	// for each new invitation, all written at once. It returns the number
	// of invitations. ErrNotFound for an unknown event, ErrForbidden for
	// an actor who may not, ErrConflict when it is no draft (published
	// already: a replayed press writes nothing) or has started, an error
	// wrapping ErrInvalid for no organisations.
	Publish(ctx context.Context, id, actorID int64, orgIDs []int64, notify func(EventInvitation) []Notification) (int, error)
	// Answer stores a as organisation a.OrganisationID's one answer to
	// event a.EventID (replacing the one before) by actorID, a member of
	// it (CanAnswerEvent) whose organisation was invited, while the event
	// is published and has not started, with notify's notifications, in
	// one transaction. With a capacity, a yes takes the seats free (the
	// rest wait) and seats given up promote the waitlist (event_seats.go);
	// a yes confirms seats offered. It returns the change with every
	// invited member of the organisation and the promotions. ErrNotFound for an unknown event, ErrForbidden for
	// a non-member or an organisation not invited, ErrConflict for an
	// event not published or started, an *EventError for a bad a.
	Answer(ctx context.Context, actorID int64, a OrgAnswer, notify func(EventAnswerChange) []Notification) (EventAnswerChange, error)
	// InvitationsFor returns userID's invitations for the organisations
	// they are still a member of, with the organisation's answer:
	// upcoming (not ended at now), soonest first, and past, latest first
	// (none is not an error).
	InvitationsFor(ctx context.Context, userID int64) (upcoming, past []EventInvitation, err error)
	// InvitationOf returns userID's invitation id with its organisation's
	// answer, also when userID has left that organisation since (an old
	// card pressed; CanAnswerEvent tells); ErrNotFound when it is not
	// theirs or its event is a draft.
	InvitationOf(ctx context.Context, userID, id int64) (EventInvitation, error)
	// Counts returns the figures of event id, or ErrNotFound.
	Counts(ctx context.Context, id int64) (EventCounts, error)
	// AnswersOf returns one row per invited organisation of event id, by
	// name, with its answer (Reply "" for none), for the list and the
	// CSV; ErrNotFound for an unknown event.
	AnswersOf(ctx context.Context, id int64) ([]OrgAnswer, error)
}
