package domain

import (
	"context"
	"time"
)

// Assignments are the seats advisors hold (issue 11, point 8): what an
// advisor sees in "Meine Einsätze", what the office sees of its pool, and
// the office's two corrections: taking an advisor out of the pool, and
// taking a request back from an advisor to offer it again.

// OpenOffer is an offer on an advisor's phone that waits for their answer.
type OpenOffer struct {
	OfferID      int64
	RequestID    int64
	Ref          string
	Topic        Topic
	TopicOther   string // the free text of TopicOther
	Municipality string
	Deadline     time.Time
}

// Assignment is a seat an advisor holds on a request, with what they need
// to get to work: the reference, the municipality, its contact (the
// requester's name, function and department) and the place.
type Assignment struct {
	RequestID       int64
	OfferID         int64
	Seat            int // 1, or 2 in a tandem
	Ref             string
	Status          Status // the request's
	Topic           Topic
	TopicOther      string
	Municipality    string
	State           string // the municipality's Bundesland code
	ContactName     string // the requester; "" once their data was deleted
	ContactFunction string
	ContactReach    string // how the requester side may be reached (Request.ContactReach)
	Department      string
	Place           string
	Format          Format
	AssignedAt      time.Time
}

// Done reports whether the work of a is over: its request is completed or
// closed.
func (a Assignment) Done() bool { return a.Status == StatusCompleted || a.Status == StatusClosed }

// OfferShare is how the offers made to an advisor since a day went: the
// advisor's share of the offers of the quarter.
type OfferShare struct {
	Received int // offers that went to their phone
	Accepted int
	Declined int
	Expired  int
}

// AdvisorWork is everything "Meine Einsätze" shows of an advisor.
type AdvisorWork struct {
	Open      []OpenOffer  // by deadline, soonest first
	Held      []Assignment // seats held on requests not done, newest first
	Completed []Assignment // seats held on requests done, newest first
	Quarter   OfferShare   // offers of this quarter
}

// PoolEntry is an advisor as the office's list of the pool shows them.
type PoolEntry struct {
	Profile AdvisorProfile // with the name, the quota, the pause and Deactivated
	Open    int            // offers on their phone waiting for an answer
	Held    int            // seats they hold on requests not done
	Quarter int            // seats they took this quarter
}

// AdvisorDeactivation is what taking an advisor out of the pool (or back
// in) did, for the notifications of the change.
type AdvisorDeactivation struct {
	Advisor User
	Active  bool // the advisor's state after the change
	// Changed: the state was another before; false for a repeat, which
	// changes and tells nothing.
	Changed bool
	// Withdrawn are the advisor's live offers the deactivation withdrew,
	// and Changes what each affected request's offers did after that (the
	// next offer opened, or the request exhausted), one per request.
	Withdrawn []Offer
	Changes   []OfferChange
}

// SeatWithdrawal is what taking an assignment back from an advisor did,
// for the notifications of the change.
type SeatWithdrawal struct {
	Advisor User
	// Change is the request's offers after the seat was freed: Request (now
	// matching), Offer (the advisor's, now withdrawn), Seats, and any queued
	// offer opened for the free seat.
	Change OfferChange
}

// AssignmentStore holds what the advisors are doing and the office's
// corrections of it. Changes lock the affected requests' rows like the
// OfferStore's, so that they run one after another with offer changes.
type AssignmentStore interface {
	// MyOffers returns what advisorID has: open offers, seats held, seats
	// on requests done, and the share of the offers made since
	// quarterStart. An unknown advisor has nothing (no error).
	MyOffers(ctx context.Context, advisorID int64, quarterStart time.Time) (AdvisorWork, error)
	// AdvisorPool returns every advisor who keeps a profile and holds the
	// advisor role, by name, with their open offers, seats held and seats
	// taken since quarterStart.
	AdvisorPool(ctx context.Context, quarterStart time.Time) ([]PoolEntry, error)
	// SetAdvisorActive takes advisorID out of the pool (active false) or
	// back in, by coordinatorID, with an audit entry. Deactivating
	// withdraws the advisor's live offers and settles each affected
	// request as the OfferStore's changes do (the next queued offer opens,
	// or the change is Exhausted). notify is called with what was done,
	// inside the transaction, only when the state changed. It returns
	// ErrNotFound when advisorID keeps no profile.
	SetAdvisorActive(ctx context.Context, advisorID, coordinatorID int64, active bool,
		notify func(AdvisorDeactivation) []Notification) (AdvisorDeactivation, error)
	// WithdrawSeat takes request requestID back from advisorID, by
	// coordinatorID: the seat is freed, the accepted offer becomes
	// withdrawn, and an assigned request moves back to matching with a
	// history row, so that it can be offered again. It returns ErrNotFound
	// for an unknown request, a *StatusConflict when the request is no
	// longer assigned or matching, and ErrConflict when advisorID holds no
	// seat of it (taken back already).
	WithdrawSeat(ctx context.Context, requestID, advisorID, coordinatorID int64,
		notify func(SeatWithdrawal) []Notification) (SeatWithdrawal, error)
}

// QuarterStart is the first moment, in loc, of the calendar quarter of t.
func QuarterStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	m := time.Month((int(t.Month())-1)/3*3 + 1)
	return time.Date(t.Year(), m, 1, 0, 0, 0, 0, loc)
}

// MaySeeOwnWork reports whether a has a "Meine Einsätze": advisors.
func MaySeeOwnWork(a Actor) bool { return a.Has(RoleAdvisor) }

// MayManagePool reports whether a may see the advisor pool, take advisors
// out of it and take requests back from them: coordinators.
func MayManagePool(a Actor) bool { return a.Has(RoleCoordinator) }
