package domain

import (
	"context"
	"time"
)

// Overdue reports (issue 12, point 6).
//
// An assignment (a seat held on a request in status assigned or scheduled)
// is overdue when the last agreed, not cancelled appointment of the request
// ended more than ReportGrace ago and the seat's advisor has no version of
// their report on it that is submitted or confirmed. A version in status
// question does not count: the advisor must answer it. An appointment
// still to come, or none agreed at all, means nothing is overdue yet.

// ReportGrace is how long after the last appointment's end the advisor has
// to report before the report is overdue.
const ReportGrace = 14 * 24 * time.Hour

// MaxOverdueDays is the most days a report may be overdue before its
// advisor gets no new offers (FilterOverdue): more than 30 days blocks.
const MaxOverdueDays = 30

// OverdueDays is how many days a report whose last appointment ended at
// lastEnd is overdue at now: the time since lastEnd + ReportGrace in days,
// a day begun counting as one (so 1 the moment it is overdue, 31 once it
// is more than 30 days overdue). 0 when it is not overdue.
func OverdueDays(lastEnd, now time.Time) int {
	late := now.Sub(lastEnd.Add(ReportGrace))
	if late <= 0 {
		return 0
	}
	return int((late + 24*time.Hour - 1) / (24 * time.Hour))
}

// OverdueWeek is the week of overdueness of a report days overdue: 0 for
// days 1 to 7, 1 for days 8 to 14, and so on. The weekly reminder goes out
// once per week.
func OverdueWeek(days int) int {
	if days <= 0 {
		return 0
	}
	return (days - 1) / 7
}

// OverdueReport is an overdue assignment: advisor AdvisorID's report on
// request RequestID.
type OverdueReport struct {
	AdvisorID  int64
	RequestID  int64
	RequestRef string // e.g. "MG-2026-0042"
	LastEnd    time.Time
	Days       int // OverdueDays(LastEnd, the time asked about)
}

// Blocks reports whether o keeps its advisor from new offers: more than
// MaxOverdueDays days overdue.
func (o OverdueReport) Blocks() bool { return o.Days > MaxOverdueDays }

// OverdueReminder is a weekly reminder of an overdue report, due now.
type OverdueReminder struct {
	OverdueReport
	Advisor User // to address the reminder
	Week    int  // OverdueWeek(Days)
}

// OverdueStore finds overdue reports and claims their weekly reminders.
type OverdueStore interface {
	// OverdueReports returns the reports overdue at now, the longest
	// overdue first (then by request and advisor); advisorID > 0 keeps
	// that advisor's only. None is not an error.
	OverdueReports(ctx context.Context, now time.Time, advisorID int64) ([]OverdueReport, error)
	// DueOverdueReminders claims the weekly reminders due at the store's
	// now and writes notify's notifications in the same transaction: one
	// per overdue report and week (OverdueWeek), also with two runs at
	// once or on two instances. A new last appointment starts the count
	// afresh. Advisors whose data was deleted are not reminded.
	DueOverdueReminders(ctx context.Context, notify func(OverdueReminder) []Notification) ([]OverdueReminder, error)
}
