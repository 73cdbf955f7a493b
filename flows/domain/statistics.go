package domain

import (
	"context"
	"time"
)

// The programme office's statistics (issue 15, point 6): figures only, no
// names, no ids of people, no free text. Each figure counts the records of
// one period [From, To) by the moment that puts them in it: a request by
// its submission, an offer by its sending, an assignment by the moment the
// seat was taken, an event by its publication, a rating by its giving.

// Statistics are the figures of one period.
type Statistics struct {
	From, To time.Time // the period, [From, To)
	// Since is the earliest moment any record counted here has (the first
	// request, offer sent, seat taken, event published or rating); zero
	// when there is none yet.
	Since    time.Time
	Requests RequestFigures
	Offers   OfferFigures
	Workload Workload
	Events   EventFigures
	Ratings  RatingFigures
}

// RequestFigures are the requests submitted in the period: how many, by
// their status now, by topic and by the Bundesland of their municipality,
// and the median times from submission to the first approval, the first
// seat taken and the completion.
type RequestFigures struct {
	Total        int
	ByStatus     map[Status]int
	ByTopic      map[Topic]int
	ByState      map[string]int // Bundesland code → requests
	ToApproval   Median
	ToAssignment Median
	ToCompletion Median
}

// Median is the median of durations in days, over N requests that reached
// the step; Days is 0 when N is 0.
type Median struct {
	N    int
	Days float64
}

// OfferFigures are the offers sent in the period (queued ones that never
// reached a phone are not counted), by their status now, and the reasons
// of the declined ones.
type OfferFigures struct {
	Sent                                                int
	Open, Accepted, Declined, Expired, Taken, Withdrawn int
	Reasons                                             map[DeclineReason]int
}

// Workload is how the seats taken in the period spread over the advisors:
// every advisor who held the role by the period's end or took a seat in
// it counts, with zero when they took none. Counts holds each advisor's
// number of seats taken, highest first, and nothing that names them.
type Workload struct {
	Advisors int
	Counts   []int
	Max      int
	Median   float64
}

// With returns how many advisors took exactly n seats; n < 0 counts those
// with at least -n (With(-3): three or more).
func (w Workload) With(n int) int {
	c := 0
	for _, k := range w.Counts {
		if k == n || n < 0 && k >= -n {
			c++
		}
	}
	return c
}

// EventFigures are the events published in the period (Cancelled: those
// of them cancelled since), the associations invited to them, their
// answers (Persons: the persons of the yes answers) and the attendance the
// organisers recorded (associations that came or did not).
type EventFigures struct {
	Published, Cancelled int
	Invited, Answered    int
	Yes, Maybe, No       int
	Persons              int
	Came, NotCame        int
}

// AnswerRate is the share of invited associations that answered, in
// percent; 0 when none was invited.
func (e EventFigures) AnswerRate() float64 {
	if e.Invited == 0 {
		return 0
	}
	return float64(e.Answered) * 100 / float64(e.Invited)
}

// RatingFigures are the ratings given in the period: Stars[i] is how many
// gave i+1 stars.
type RatingFigures struct {
	Stars [5]int
}

// Count is how many ratings were given.
func (r RatingFigures) Count() int {
	n := 0
	for _, c := range r.Stars {
		n += c
	}
	return n
}

// Mean is the mean number of stars; 0 when none was given.
func (r RatingFigures) Mean() float64 {
	n, sum := 0, 0
	for i, c := range r.Stars {
		n += c
		sum += c * (i + 1)
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// StatisticsStore computes the statistics.
type StatisticsStore interface {
	// Statistics returns the figures of [from, to), read in one consistent
	// snapshot. It returns an error when the store fails.
	Statistics(ctx context.Context, from, to time.Time) (Statistics, error)
}

// MaySeeStatistics reports whether a may see the statistics and export
// them: coordinators.
func MaySeeStatistics(a Actor) bool { return a.Has(RoleCoordinator) }
