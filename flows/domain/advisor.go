package domain

import (
	"slices"
	"time"
)

// AdvisorProfile is what an advisor tells about themself (issue 11,
// point 2): what they advise on, where and how they work, how much.
type AdvisorProfile struct {
	UserID    int64    // users.id of the advisor
	Name      string   // for display
	Expertise []Topic  // topics of the catalogue (Topics) they advise on
	Languages []string // languages they counsel in, e.g. "Türkisch"
	City      string   // home city, e.g. "Bochum"
	State     string   // home Bundesland code, e.g. "NW"
	// Travels lists the Bundesland codes they travel to for on-site work,
	// besides their home State, which always counts.
	Travels []string
	// OnlineOnly: they do not travel at all, not even within their home
	// State; they fit online requests only.
	OnlineOnly bool
	// Formats are the formats they offer: FormatOnSite and/or
	// FormatOnline (FormatHybrid is a request's format and needs both).
	Formats []Format
	// MaxPerQuarter is the most assignments they take in a calendar
	// quarter; 0 means no limit (a break is a pause, not a quota of 0).
	MaxPerQuarter int
	// PausedUntil is the last calendar day of their pause, which starts
	// whenever they set it; zero when not paused. Only its year, month and
	// day (in its own location) count.
	PausedUntil time.Time
	// Reach is how the municipality may reach them once they accepted an
	// assignment, in their own words (e.g. "Telefon 0234 …, E-Mail …");
	// at most MaxReachLen characters, "" when not told. It is shown to the
	// requesting municipality only after the acceptance.
	Reach       string
	Deactivated bool // taken out of the pool by the office; the advisor cannot change it
}

// MaxReachLen is the most characters of AdvisorProfile.Reach.
const MaxReachLen = 200

// MayKeepAdvisorProfile reports whether a may keep an advisor profile:
// advisors only.
func MayKeepAdvisorProfile(a Actor) bool { return a.Has(RoleAdvisor) }

// Offers reports whether the advisor offers format f. A hybrid request
// has an on-site and an online part, so it needs both.
func (p AdvisorProfile) Offers(f Format) bool {
	if f == FormatHybrid {
		return slices.Contains(p.Formats, FormatOnSite) && slices.Contains(p.Formats, FormatOnline)
	}
	return slices.Contains(p.Formats, f)
}

// AdvisorLoad is what storage computes from an advisor's assignments,
// offers and appointments at the time of the ranking.
type AdvisorLoad struct {
	Quarter        int       // assignments in the current calendar quarter
	Year           int       // assignments in the last 12 months
	LastAssignment time.Time // when they were last assigned; zero: never
	LastOffer      time.Time // when a request was last offered to them; zero: never
	// Busy are the times of their agreed appointments (not cancelled), in
	// any order: storage gives those that end after the quarter's start.
	Busy []Interval
	// OverdueDays is how many days their longest overdue report is
	// overdue (OverdueDays); 0: none is.
	OverdueDays int
}

// Candidate is an advisor as the ranking sees them: the profile they keep
// and the load storage derives. Both come from different places and
// change for different reasons, hence two structs; the ranking needs
// both, hence one value that carries them.
type Candidate struct {
	Profile AdvisorProfile
	Load    AdvisorLoad
}

// ID is the advisor's users.id.
func (c Candidate) ID() int64 { return c.Profile.UserID }

// Interval is the half-open span of time [Start, End).
type Interval struct {
	Start, End time.Time
}

// IsZero reports whether i is unset.
func (i Interval) IsZero() bool { return i.Start.IsZero() && i.End.IsZero() }

// Overlaps reports whether i and j share a moment.
func (i Interval) Overlaps(j Interval) bool {
	return i.Start.Before(j.End) && j.Start.Before(i.End)
}

// covered reports whether the intervals together cover every moment of w.
// It does not change busy.
func covered(w Interval, busy []Interval) bool {
	sorted := slices.Clone(busy)
	slices.SortFunc(sorted, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	cur := w.Start
	for _, b := range sorted {
		if !b.End.After(cur) {
			continue
		}
		if b.Start.After(cur) {
			return false
		}
		cur = b.End
		if !cur.Before(w.End) {
			return true
		}
	}
	return !cur.Before(w.End)
}

// civil is the calendar day of t in its own location, as yyyymmdd, for
// comparing calendar days across locations.
func civil(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}
