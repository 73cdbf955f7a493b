package domain

import (
	"context"
	"time"
)

// Period is a span of calendar time (years, months and days), as the
// retention periods are given: "2 years" is the same date two years on,
// whatever leap days lie between.
type Period struct{ Years, Months, Days int }

// Before returns t moved back by p.
func (p Period) Before(t time.Time) time.Time { return t.AddDate(-p.Years, -p.Months, -p.Days) }

// After returns t moved on by p.
func (p Period) After(t time.Time) time.Time { return t.AddDate(p.Years, p.Months, p.Days) }

// IsZero reports whether p is no time at all.
func (p Period) IsZero() bool { return p == Period{} }

// InactiveUser is a user warned that their data will be erased for
// inactivity: on EraseAfter, unless they get in touch before.
type InactiveUser struct {
	User       User
	EraseAfter time.Time
	Warning    int // 1: the first warning, 2: the second
}

// InactivityPlan is when inactive users are warned and erased: those not
// seen for Inactive are erased, warned First and Second before; Now is
// the job's time.
type InactivityPlan struct {
	Now           time.Time
	Inactive      Period
	First, Second time.Duration
}

// ActivityStore records that users get in touch.
type ActivityStore interface {
	// TouchUser records that userID got in touch at now, when their last
	// contact is a day or more before now (else it writes nothing), and
	// cancels the warnings of inactivity they were sent. An unknown or
	// deleted user is no error; it returns the database error.
	TouchUser(ctx context.Context, userID int64, now time.Time) error
}

// RetentionStore deletes what is kept no longer. Every method is
// idempotent and safe to run on two instances at once (each row goes
// once); each returns how many records it removed (or warned) and the
// database error.
type RetentionStore interface {
	ActivityStore
	// PurgeEventDrafts deletes the events still in draft last changed
	// before before.
	PurgeEventDrafts(ctx context.Context, before time.Time) (int, error)
	// PurgeOutbox deletes the outbox messages sent or given up before
	// before (the messages still pending, and those given up for a block
	// more recently, stay).
	PurgeOutbox(ctx context.Context, before time.Time) (int, error)
	// PurgeEndedRequests deletes the declined and withdrawn requests last
	// changed before before, with their history, offers, seats,
	// appointments and reports; never one with a confirmed report.
	PurgeEndedRequests(ctx context.Context, before time.Time) (int, error)
	// PurgeEventAnswers deletes the invitations, answers and reminders of
	// the events that ended before before, and keeps their figures on the
	// event (invited, yes, maybe, no, persons, attended) in the same
	// transaction. It returns the number of events whose lists went.
	PurgeEventAnswers(ctx context.Context, before time.Time) (int, error)
	// WarnInactive sends the due warnings of plan, each once: notify gives
	// the messages of a warned user, written to the outbox with the
	// warning. It returns how many users got the first and the second.
	WarnInactive(ctx context.Context, plan InactivityPlan, notify func(InactiveUser) []Notification) (first, second int, err error)
	// EraseInactive erases the users warned twice whose erasure day is
	// now or before, unless they got in touch since. It returns how many
	// it erased.
	EraseInactive(ctx context.Context, now time.Time) (int, error)
}

// BillingPurger deletes locked billing records whose period ended (part
// 2 of issue 15 provides it).
type BillingPurger interface {
	// PurgeBillingRecords deletes the billing records locked until a day
	// before now and returns how many, or the database error.
	PurgeBillingRecords(ctx context.Context, now time.Time) (int, error)
}
