package domain

import (
	"context"
	"slices"
	"time"
)

// OfferMode is how a coordinator offers a request to advisors (issue 11,
// point 4).
type OfferMode string

// Offer modes.
const (
	// ModeDirect offers the request to one advisor.
	ModeDirect OfferMode = "direct"
	// ModeSequence offers it to one advisor after another, each with an
	// answer window; the next gets it when one declines or lets it expire.
	ModeSequence OfferMode = "sequence"
	// ModeParallel offers it to several advisors at once; the first to
	// accept wins the seat.
	ModeParallel OfferMode = "parallel"
)

// OfferModes lists the modes in the order they are offered.
var OfferModes = []OfferMode{ModeParallel, ModeSequence, ModeDirect}

// Known reports whether m is a mode of this version.
func (m OfferMode) Known() bool { return slices.Contains(OfferModes, m) }

// OfferStatus is where an offer stands.
type OfferStatus string

// Offer statuses. Queued and open are live; the others are final but
// accepted, which lasts while the advisor holds the seat.
const (
	OfferQueued    OfferStatus = "queued"    // waits its turn (one after another); not on a phone yet
	OfferOpen      OfferStatus = "open"      // on the advisor's phone until its deadline
	OfferAccepted  OfferStatus = "accepted"  // the advisor holds a seat
	OfferDeclined  OfferStatus = "declined"  // the advisor said no, with a reason
	OfferExpired   OfferStatus = "expired"   // not answered by its deadline
	OfferTaken     OfferStatus = "taken"     // the seats went to others first
	OfferWithdrawn OfferStatus = "withdrawn" // the office took it back (or the request ended)
)

// Live reports whether an offer in status s still waits for an answer.
func (s OfferStatus) Live() bool { return s == OfferQueued || s == OfferOpen }

// DeclineReason is why an advisor declined an offer.
type DeclineReason string

// Decline reasons; DeclineOther comes with a note in the advisor's words.
const (
	DeclineNoTime   DeclineReason = "no_time"
	DeclineTopic    DeclineReason = "topic"
	DeclineDistance DeclineReason = "distance"
	DeclineOther    DeclineReason = "other"
)

// DeclineReasons lists the reasons in the order they are offered.
var DeclineReasons = []DeclineReason{DeclineNoTime, DeclineTopic, DeclineDistance, DeclineOther}

// Known reports whether r is a reason of this version.
func (r DeclineReason) Known() bool { return slices.Contains(DeclineReasons, r) }

// MaxDeclineNoteLen is the most characters of a decline's note.
const MaxDeclineNoteLen = 500

// DefaultAnswerWindow is how long an advisor has to answer an offer unless
// configured otherwise.
const DefaultAnswerWindow = 48 * time.Hour

// Offer is a request offered to one advisor.
type Offer struct {
	ID        int64
	RequestID int64
	// RequestRef is the request's reference, e.g. "MG-2026-0042".
	RequestRef string
	Advisor    User // the advisor: id, chat, language and name, to address them
	Mode       OfferMode
	Status     OfferStatus
	Position   int           // place in the coordinator's order, from 0
	Window     time.Duration // the answer window
	CreatedBy  int64         // the coordinator's users.id
	CreatedAt  time.Time
	// OfferedAt and Deadline are set when the offer goes to the phone
	// (zero while queued).
	OfferedAt, Deadline time.Time
	RemindedAt          time.Time // the halfway reminder went out; zero: not yet
	AnsweredAt          time.Time // accepted, declined, expired, taken or withdrawn
	Reason              DeclineReason
	Note                string // the decline's own words (DeclineOther)
}

// Seat is one advisor's place on a request: one, two for a tandem.
type Seat struct {
	N          int   // 1 or 2
	AdvisorID  int64 // 0 while free
	Advisor    string
	OfferID    int64
	AssignedAt time.Time
}

// SeatsFor is how many advisors request r needs.
func SeatsFor(r Request) int {
	if r.Tandem {
		return 2
	}
	return 1
}

// OfferPlan is a coordinator's decision to offer a request: to whom, in
// which order, how.
type OfferPlan struct {
	RequestID     int64
	CoordinatorID int64
	Mode          OfferMode
	Advisors      []int64       // users.id, best first; one for ModeDirect
	Window        time.Duration // the answer window of each offer
}

// OfferChange is what one change of a request's offers did, for the
// notifications of the change (the store calls notify with it inside the
// change's transaction). Offers are as changed, advisors filled in.
type OfferChange struct {
	Request Request // as after the change (its status may have moved on)
	Offer   Offer   // the offer acted on; zero for a new plan
	// Opened are the offers that went to phones with this change: the
	// plan's first ones, or the next one after a decline or expiry.
	Opened []Offer
	// Closed are the other live offers the change closed (taken when the
	// seats are full, withdrawn with the request): their cards must say so.
	Closed []Offer
	Seats  []Seat // the request's seats after the change
	// Assigned: this change took the last free seat; the request moved to
	// assigned.
	Assigned bool
	// Exhausted: a seat is free and no live offer is left; the
	// coordinators must widen the search or offer directly.
	Exhausted bool
}

// FreeSeats counts the seats of c that nobody holds.
func (c OfferChange) FreeSeats() int {
	n := 0
	for _, s := range c.Seats {
		if s.AdvisorID == 0 {
			n++
		}
	}
	return n
}

// OfferStore holds the offers of requests to advisors and the seats they
// fill. Each change locks the request's row, so that changes of one
// request run one after another; its notify is called with what the
// change did, inside its transaction.
type OfferStore interface {
	// Candidates returns every advisor who keeps a profile, with the load
	// the ranking needs: assignments since quarterStart and since yearAgo,
	// the last assignment and the last offer, the times of their agreed
	// appointments that end after quarterStart (Busy) and their longest
	// overdue report (OverdueDays, at the store's now).
	Candidates(ctx context.Context, quarterStart, yearAgo time.Time) ([]Candidate, error)
	// StartOffers carries out plan on a request that is approved, or
	// matching with a free seat: the seats are made, the offers written
	// (open, or queued behind the first in ModeSequence), and an approved
	// request moves to matching with a history row. It returns
	// ErrConflict (a *StatusConflict for the request's status) when the
	// request cannot be offered, or an advisor named has a live offer of
	// it or holds a seat; ErrInvalid for an empty plan or unknown mode.
	StartOffers(ctx context.Context, plan OfferPlan, notify func(OfferChange) []Notification) (OfferChange, error)
	// AcceptOffer lets advisorID accept offer id: a conditional update of
	// a free seat decides who wins. It returns ErrNotFound for an unknown
	// offer or one of another advisor, an *OfferClosed (wrapping
	// ErrConflict) when the offer is no longer open or the seats are
	// taken. The last seat taken moves the request to assigned and closes
	// the other live offers.
	AcceptOffer(ctx context.Context, id, advisorID int64, notify func(OfferChange) []Notification) (OfferChange, error)
	// DeclineOffer records advisorID's no to open offer id with reason and
	// note; in ModeSequence the next queued offer opens. Errors as
	// AcceptOffer; ErrInvalid for an unknown reason or a note too long.
	DeclineOffer(ctx context.Context, id, advisorID int64, reason DeclineReason, note string, notify func(OfferChange) []Notification) (OfferChange, error)
	// ExpireOffers expires every open offer whose deadline passed, one
	// change each (next opened, exhaustion), and returns the changes.
	ExpireOffers(ctx context.Context, notify func(OfferChange) []Notification) ([]OfferChange, error)
	// RemindOffers marks each open offer past the middle of its window and
	// not reminded yet as reminded, once, and returns them with notify's
	// notifications written.
	RemindOffers(ctx context.Context, notify func(Offer) []Notification) ([]Offer, error)
	// OfferByID returns the offer or ErrNotFound.
	OfferByID(ctx context.Context, id int64) (Offer, error)
	// OffersOf returns the offers and seats of request id, offers in
	// their order.
	OffersOf(ctx context.Context, requestID int64) ([]Offer, []Seat, error)
}

// OfferClosed says why an offer can no longer be answered: its status,
// and for a taken seat who took it.
type OfferClosed struct {
	OfferID int64
	Status  OfferStatus
	At      time.Time
}

// Error describes the closed offer.
func (e *OfferClosed) Error() string { return "offer " + string(e.Status) }

// Unwrap makes an OfferClosed an ErrConflict.
func (e *OfferClosed) Unwrap() error { return ErrConflict }
