package domain

import (
	"context"
	"time"
)

// Erasure of a user's data (issue 15, point 2; see flows/erasure and
// storage/erase*.go). What others rely on is settled first with the
// features' own changes (offers withdrawn, seats released, the
// association's answer withdrawn, events cancelled, everyone told); then
// EraseUser erases or anonymises everything else in one transaction,
// keeping only the billing copies of confirmed reports, locked until
// BillingLockedUntil.

// DefaultBillingRetention is how many years after the end of its
// confirmation's calendar year a confirmed report stays locked (§147 AO
// for Buchungsbelege, as amended from 2025); BILLING_RETENTION changes it.
const DefaultBillingRetention = 8

// BillingLockedUntil is the last day a billing record of a report
// confirmed at confirmedAt stays locked: 31 December of the year of the
// confirmation (in loc) plus years.
func BillingLockedUntil(confirmedAt time.Time, years int, loc *time.Location) time.Time {
	return time.Date(confirmedAt.In(loc).Year()+years, time.December, 31, 0, 0, 0, 0, time.UTC)
}

// ErasurePlan is what erasing a user touches, read before they confirm:
// what the flow explains and then settles.
type ErasurePlan struct {
	Requests     []string        // references of the user's own requests (kept, without them)
	OpenRequests []string        // those of them still open
	Offers       []ErasureOffer  // queued or open offers to the user (withdrawn)
	Seats        []ErasureSeat   // seats the user holds on requests not done
	Answers      []ErasureAnswer // answers of associations of which they are the last member
	Events       []ErasureEvent  // published events they organise that have not started
	Billing      []ErasureReport // their confirmed report versions (kept locked)
	Unconfirmed  []string        // references of requests with a report of theirs not confirmed (deleted, not billed)
	Advisor      bool            // they keep an advisor profile still active
}

// ErasureOffer is an offer the erasure withdraws.
type ErasureOffer struct {
	OfferID   int64
	RequestID int64
	Ref       string
}

// ErasureSeat is a seat held: Status is the request's (matching and
// assigned are released; a scheduled one keeps its appointment and the
// office takes over).
type ErasureSeat struct {
	RequestID   int64
	Ref         string
	Status      Status
	RequesterID int64
}

// ErasureAnswer is an association's answer to an upcoming event that the
// erasure withdraws because the user is its last member.
type ErasureAnswer struct {
	EventID        int64
	OrganisationID int64
	Title          string
	Organisation   string
}

// ErasureEvent is an upcoming published event the erasure cancels.
type ErasureEvent struct {
	ID    int64
	Title string
}

// ErasureReport is a confirmed report version whose billing copy stays.
type ErasureReport struct {
	ReportID    int64
	Ref         string
	LockedUntil time.Time // a date (UTC midnight)
}

// Erasure is what EraseUser did: ids and counts only.
type Erasure struct {
	UserID      int64
	ChatID      int64     // the chat the user talked in (for the Redis state)
	Billing     int       // billing records kept
	LockedUntil time.Time // the latest locked_until among them; zero for none
}

// ErasureStore erases users.
type ErasureStore interface {
	// ErasurePlan returns what erasing userID touches; ErrNotFound for an
	// unknown or erased user.
	ErasurePlan(ctx context.Context, userID int64) (ErasurePlan, error)
	// EraseUser erases or anonymises every personal record of userID in
	// one transaction: the user's row keeps its id but no name, consent
	// or Telegram id; billing copies of their confirmed reports are made
	// and locked; an audit entry with ids only is written. It returns
	// ErrNotFound when the user is unknown or erased already.
	EraseUser(ctx context.Context, userID int64) (Erasure, error)
	// EraseUserWith is EraseUser writing notify's notifications in the
	// same transaction (notify may be nil).
	EraseUserWith(ctx context.Context, userID int64, notify func(Erasure) []Notification) (Erasure, error)
	// PurgeBillingRecords deletes the billing records whose locked_until
	// is before now's day, with the confirmed report versions they copy,
	// and returns how many went.
	PurgeBillingRecords(ctx context.Context, now time.Time) (int, error)
}

// ChatEraser clears what Redis keeps of a chat and its user (Telegram
// ids): the conversations and the send pacing. Deleting nothing is no
// error.
type ChatEraser interface {
	// ForgetChat is for the turn that erased the user: the running
	// conversation is left to its commit (Session.Forget deletes it).
	ForgetChat(ctx context.Context, chatID, userID int64) error
}

// Blank reports whether s holds nothing of a person: no language, user,
// roles, flow, answers, flags, prompt or shown record (what ResetSession
// leaves once the default menu is back).
func (s Session) Blank() bool {
	return s.Lang == "" && s.UserID == 0 && len(s.Roles) == 0 && s.Flow == "" && s.Step == "" &&
		len(s.Data) == 0 && len(s.Flags) == 0 && s.Prompt == 0 && s.About == (About{})
}

// ErasureScreen is the screen of the erasure flow (flows/erasure), shared
// so that the privacy notice (flows/account) can open it with a button.
const ErasureScreen = "erase"

// MyDataScreen is the screen that sends the user's data export
// (flows/mydata), shared so that the privacy notice can offer it.
const MyDataScreen = "mydata"
