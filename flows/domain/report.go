package domain

import (
	"context"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"
)

// ReportStatus is where one version of a completion report stands.
type ReportStatus string

// Report statuses (issue 12, points 3-5).
const (
	// ReportSubmitted: the version waits for the municipal side.
	ReportSubmitted ReportStatus = "submitted"
	// ReportQuestion: the municipal side asked about the version; the
	// advisor's answer is the next version.
	ReportQuestion ReportStatus = "question"
	// ReportConfirmed: the municipal side confirmed the version; it is
	// locked, and a correction is a new version.
	ReportConfirmed ReportStatus = "confirmed"
)

// Limits of a report.
const (
	MaxReportNoteLen    = 1000      // characters of the result note
	MaxQuestionLen      = 1000      // characters of a question
	MaxRatingCommentLen = 1000      // characters of a rating's comment
	MaxReportKm         = 2000      // kilometres travelled
	MaxReportDays       = 366       // dates worked in one report
	MaxMinutesPerDay    = 24 * 60   // hours of all kinds, per date worked
	MaxKmRateCents      = 100       // cents per kilometre
	MaxCostCents        = 1_000_000 // cents of tickets, or of other costs (10,000 €)
	MinStars, MaxStars  = 1, 5      // a rating
)

// ReportDraft is what an advisor reports of their work on a request: one
// version's content. Hours are whole minutes.
type ReportDraft struct {
	RequestID int64
	AdvisorID int64
	// Dates are the days worked, midnight UTC of each day (as
	// Request.Earliest); at least one, no day twice.
	Dates           []time.Time
	PrepMinutes     int // preparation
	SessionMinutes  int // on site or online
	FollowUpMinutes int // follow-up
	// Travel is Km at KmRateCents (the configured rate, kept with the
	// version) or TicketCents, not both.
	Km          int
	KmRateCents int
	TicketCents int64
	OtherCents  int64  // other costs
	Note        string // the short result note, at most MaxReportNoteLen characters
}

// Minutes is the work of all kinds in minutes.
func (d ReportDraft) Minutes() int { return d.PrepMinutes + d.SessionMinutes + d.FollowUpMinutes }

// TravelCents is what the travel costs: the kilometres at their rate, or
// the tickets.
func (d ReportDraft) TravelCents() int64 { return int64(d.Km)*int64(d.KmRateCents) + d.TicketCents }

// Report is one version of an advisor's completion report on a request.
type Report struct {
	ID         int64
	RequestRef string // e.g. "MG-2026-0042"
	Advisor    string // the advisor's name; "" once their data was deleted
	Version    int    // from 1
	Status     ReportStatus
	ReportDraft
	SubmittedAt time.Time
	// Question, QuestionBy and QuestionAt are set on a version in status
	// ReportQuestion.
	Question   string
	QuestionBy int64
	QuestionAt time.Time
	// ConfirmedBy (users.id), its name and ConfirmedAt are set on a
	// confirmed version: this replaces the signed sheet.
	ConfirmedBy     int64
	ConfirmedByName string
	ConfirmedAt     time.Time
}

// ReportChange is what a change of a report did, for its notifications
// (the store calls notify with it inside the change's transaction).
type ReportChange struct {
	Request Request // as after the change
	Report  Report  // the version written or acted on
	// Completed: this change confirmed the last report that was missing;
	// the request moved from scheduled to completed.
	Completed bool
}

// Rating is the municipal side's rating of a request's counseling, once
// per request. It is the advisors' personal data (CanSeeRating).
type Rating struct {
	RequestID int64
	Stars     int    // MinStars to MaxStars
	Comment   string // optional, at most MaxRatingCommentLen characters
	RaterID   int64
	RatedAt   time.Time
	// Closed is set by RateRequest when the rating closed the request (it
	// was completed).
	Closed bool
}

// WaitingReport is a version that has waited for the municipal side
// since before a time, with whom to ask again: its requester (zero once
// their data was deleted).
type WaitingReport struct {
	Report
	Requester User
}

// BillingLine is a confirmed report version for the billing export.
type BillingLine struct {
	Report
	Municipality string
	// Corrects is the version this one corrects, an earlier confirmed
	// version (possibly billed already); 0 for none.
	Corrects int
}

// ReportingStatuses are the statuses of a request in which its advisors
// report, and a report is asked about or confirmed.
var ReportingStatuses = []Status{StatusAssigned, StatusScheduled, StatusCompleted}

// ValidateReport checks d against the rules of a report: hours of each
// kind ≥ 0 and at most MaxMinutesPerDay per date worked, at least one
// date, none twice, none before accepted (the day the advisor took the
// seat) nor after today (both midnight UTC of their day, in the
// programme's zone), km 0 to MaxReportKm, km or tickets but not both,
// rates and costs in range, the note at most MaxReportNoteLen characters.
// It returns an error wrapping ErrInvalid that names the first rule
// broken, nil when d keeps them all.
func ValidateReport(d ReportDraft, accepted, today time.Time) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: report: "+format, append([]any{ErrInvalid}, args...)...)
	}
	switch {
	case d.PrepMinutes < 0 || d.SessionMinutes < 0 || d.FollowUpMinutes < 0:
		return bad("negative hours")
	case len(d.Dates) == 0 || len(d.Dates) > MaxReportDays:
		return bad("%d dates worked", len(d.Dates))
	case d.Minutes() > MaxMinutesPerDay*len(d.Dates):
		return bad("%d minutes on %d days", d.Minutes(), len(d.Dates))
	case d.Km < 0 || d.Km > MaxReportKm:
		return bad("%d km", d.Km)
	case d.KmRateCents < 0 || d.KmRateCents > MaxKmRateCents:
		return bad("rate of %d cents", d.KmRateCents)
	case d.Km > 0 && d.TicketCents > 0:
		return bad("km and tickets")
	case d.TicketCents < 0 || d.TicketCents > MaxCostCents || d.OtherCents < 0 || d.OtherCents > MaxCostCents:
		return bad("costs out of range")
	case utf8.RuneCountInString(d.Note) > MaxReportNoteLen:
		return bad("note of %d characters", utf8.RuneCountInString(d.Note))
	}
	first, last := day(accepted), day(today)
	seen := make([]time.Time, 0, len(d.Dates))
	for _, t := range d.Dates {
		t = day(t)
		switch {
		case t.Before(first):
			return bad("a date before the acceptance")
		case t.After(last):
			return bad("a date in the future")
		case slices.ContainsFunc(seen, t.Equal):
			return bad("a date twice")
		}
		seen = append(seen, t)
	}
	return nil
}

// day is midnight UTC of t's calendar day (as t's location sees it).
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ValidateRating checks the stars and the comment's length; an error
// wrapping ErrInvalid, nil when they are fine.
func ValidateRating(stars int, comment string) error {
	if stars < MinStars || stars > MaxStars || utf8.RuneCountInString(comment) > MaxRatingCommentLen {
		return fmt.Errorf("%w: rating of %d stars, comment of %d characters", ErrInvalid, stars,
			utf8.RuneCountInString(comment))
	}
	return nil
}

// ReportStore holds the completion reports and ratings. Each change locks
// the request's row first, so that the changes of one request run one
// after another, checks the actor with the policy functions under that
// lock, and calls notify with what it did inside its transaction. Nothing
// is written on error.
type ReportStore interface {
	// SubmitReport writes d as the next version of d.AdvisorID's report on
	// d.RequestID, in status submitted: the first, the answer to a
	// question, or the correction of a confirmed version. It returns
	// ErrForbidden when the advisor holds no seat of the request, an error
	// wrapping ErrInvalid when d breaks ValidateReport (dates checked
	// against the seat's assigned_at and the store's clock, in its zone),
	// ErrConflict while a version of theirs waits for the municipal side,
	// a *StatusConflict when the request is not in ReportingStatuses,
	// ErrNotFound for an unknown request.
	SubmitReport(ctx context.Context, d ReportDraft, notify func(ReportChange) []Notification) (ReportChange, error)
	// AskAboutReport records actor's question on version id, which must
	// be submitted, and sets it to question. ErrForbidden unless
	// CanActOnReport; ErrConflict when the version is not submitted;
	// ErrInvalid for an empty question or one over MaxQuestionLen;
	// ErrNotFound for an unknown version.
	AskAboutReport(ctx context.Context, id int64, actor Actor, question string, notify func(ReportChange) []Notification) (ReportChange, error)
	// ConfirmReport confirms version id for actor, recording who and when.
	// When every seat of the request then has a confirmed newest version
	// and the request is scheduled, it moves to completed with a history
	// row by actor. Errors as AskAboutReport.
	ConfirmReport(ctx context.Context, id int64, actor Actor, notify func(ReportChange) []Notification) (ReportChange, error)
	// RateRequest records actor's rating of request id, once. ErrForbidden
	// unless CanRate (the requester side, a confirmed report); ErrConflict
	// when the request is rated already; ErrInvalid as ValidateRating;
	// ErrNotFound for an unknown request. A completed request is closed
	// by the rating (Rating.Closed), with a history row by actor.
	RateRequest(ctx context.Context, requestID int64, actor Actor, stars int, comment string, notify func(Rating) []Notification) (Rating, error)
	// CloseRequest closes completed request id without a rating, for
	// actor. ErrForbidden unless CanClose; a *StatusConflict when it is not
	// completed; ErrNotFound for an unknown request.
	CloseRequest(ctx context.Context, id int64, actor Actor, notify func(Request) []Notification) (Request, error)
	// CloseCompleted closes the requests that moved to completed before
	// before and are still completed (nobody rated or closed them), each
	// with a history row by the system and notify's notifications (the
	// participants, the request as closed), once also when two runs race.
	CloseCompleted(ctx context.Context, before time.Time, notify func(Participants) []Notification) ([]Request, error)
	// NudgeWaiting marks the versions submitted before before that still
	// wait for the municipal side and were not nudged yet as nudged, each
	// once also when two runs race, and writes notify's notifications in
	// the same transaction.
	NudgeWaiting(ctx context.Context, before time.Time, notify func(WaitingReport) []Notification) ([]WaitingReport, error)
	// ReportByID returns version id, or ErrNotFound.
	ReportByID(ctx context.Context, id int64) (Report, error)
	// ReportsOf returns every version of the reports on request id, by
	// advisor (seat order) then version (none is not an error).
	ReportsOf(ctx context.Context, requestID int64) ([]Report, error)
	// RatingOf returns request id's rating, or ErrNotFound when it has
	// none. Show it only where CanSeeRating allows.
	RatingOf(ctx context.Context, requestID int64) (Rating, error)
	// ConfirmedInPeriod returns the versions confirmed at or after from and
	// before to, for billing, oldest confirmation first; a version that a
	// later one confirmed before to corrects is left out.
	ConfirmedInPeriod(ctx context.Context, from, to time.Time) ([]BillingLine, error)
}
