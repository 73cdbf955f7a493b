package domain

import (
	"slices"
	"strings"
	"time"
)

// Need is what the ranking of advisors needs from a request and its
// municipality.
type Need struct {
	RequestID int64
	Topic     Topic
	Format    Format
	// Earliest and Latest are the calendar days of the timeframe, as
	// midnight in the location the days are meant in.
	Earliest, Latest time.Time
	Languages        []string // wanted languages; empty: any
	City             string   // the municipality, e.g. "Hattingen"
	State            string   // its Bundesland code, e.g. "NW"
	// Slot is the concrete time of an offer, once there is one; zero while
	// only the timeframe is known. See FilterBusy and FilterPaused.
	Slot Interval
}

// NeedFor builds the Need of request r of the municipality city in
// Bundesland state. The request's days are re-anchored at midnight in loc
// (nil: UTC), e.g. Europe/Berlin, so that appointments are compared with
// the days the municipality meant.
func NeedFor(r Request, city, state string, loc *time.Location) Need {
	if loc == nil {
		loc = time.UTC
	}
	return Need{
		RequestID: r.ID,
		Topic:     r.Topic,
		Format:    r.Format,
		Earliest:  midnight(r.Earliest, loc),
		Latest:    midnight(r.Latest, loc),
		Languages: r.Languages,
		City:      city,
		State:     state,
	}
}

// midnight is the start of t's calendar day (in t's location) in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// window is the time the busy filter looks at: the Slot when set, else
// from the start of Earliest to the end of Latest.
func (n Need) window() Interval {
	if !n.Slot.IsZero() {
		return n.Slot
	}
	end := midnight(n.Latest, n.Latest.Location()).AddDate(0, 0, 1)
	return Interval{Start: midnight(n.Earliest, n.Earliest.Location()), End: end}
}

// lastDay is the last calendar day (yyyymmdd) the advisor could serve on:
// the Slot's day when set, else Latest.
func (n Need) lastDay() int {
	if !n.Slot.IsZero() {
		return civil(n.Slot.Start)
	}
	return civil(n.Latest)
}

// onSite reports whether the request has an on-site part.
func (n Need) onSite() bool { return n.Format == FormatOnSite || n.Format == FormatHybrid }

// Names of the hard filters, stable: texts ("Warum nicht …?") and logs
// use them.
const (
	FilterDeactivated = "deactivated"
	FilterOverdue     = "overdue"
	FilterExpertise   = "expertise"
	FilterFormat      = "format"
	FilterRegion      = "region"
	FilterLanguage    = "language"
	FilterPaused      = "paused"
	FilterQuota       = "quota"
	FilterBusy        = "busy"
	// FilterExcluded is not a filter but the coordinator's exclusion, named
	// in Missing like one.
	FilterExcluded = "excluded"
)

// Filter is a hard filter of the ranking: a candidate who does not Pass
// is not on the shortlist.
type Filter struct {
	Name string
	Pass func(Need, Candidate) bool
}

// Filters are the hard filters in the order they are checked, so that
// "Warum nicht …?" names the first that fails. The order goes from the
// most lasting reason to the most passing one: the office's deactivation,
// then what the profile does not offer, then what keeps an advisor who
// would fit from taking this request now.
//
//   - deactivated: the office took the advisor out of the pool.
//   - overdue: a report of theirs is more than MaxOverdueDays days
//     overdue (OverdueReport.Blocks); they get no new offers until it is
//     in. Checked second: it holds whatever the request, like the
//     deactivation, and it is the advisor's to end.
//   - expertise: the request's topic is among their Expertise. A request
//     on TopicOther passes everyone: there is no catalogue topic to
//     check, the coordinator reads the request's own words.
//   - format: they offer the request's format; hybrid needs on site and
//     online (AdvisorProfile.Offers).
//   - region: for an on-site or hybrid request, they are not OnlineOnly
//     and the municipality's Bundesland is their home State or among
//     their Travels (codes compared case-insensitively). Online requests
//     pass everyone.
//   - language: when the request names languages, they speak at least
//     one (case-insensitive, surrounding spaces ignored).
//   - paused: their pause lasts through the last day they could serve on
//     (the Slot's day, else Latest). A pause that ends within the
//     timeframe leaves days free: they pass, and Ranked.AvailableFrom
//     says from when.
//   - quota: MaxPerQuarter is set and their assignments this quarter
//     reached it.
//   - busy: with a Slot, an accepted appointment overlaps it. Without
//     one, only appointments covering the whole timeframe exclude: an
//     appointment somewhere in a range of days leaves other times free,
//     and the same-time check belongs to the offer of a concrete time.
var Filters = []Filter{
	{FilterDeactivated, func(_ Need, c Candidate) bool { return !c.Profile.Deactivated }},
	{FilterOverdue, func(_ Need, c Candidate) bool { return c.Load.OverdueDays <= MaxOverdueDays }},
	{FilterExpertise, func(n Need, c Candidate) bool {
		return n.Topic == TopicOther || slices.Contains(c.Profile.Expertise, n.Topic)
	}},
	{FilterFormat, func(n Need, c Candidate) bool { return c.Profile.Offers(n.Format) }},
	{FilterRegion, func(n Need, c Candidate) bool {
		if !n.onSite() {
			return true
		}
		p := c.Profile
		return !p.OnlineOnly && (sameText(p.State, n.State) || slices.ContainsFunc(p.Travels, func(s string) bool {
			return sameText(s, n.State)
		}))
	}},
	{FilterLanguage, func(n Need, c Candidate) bool {
		return len(n.Languages) == 0 || len(spoken(n, c)) > 0
	}},
	{FilterPaused, func(n Need, c Candidate) bool {
		return c.Profile.PausedUntil.IsZero() || civil(c.Profile.PausedUntil) < n.lastDay()
	}},
	{FilterQuota, func(_ Need, c Candidate) bool {
		return c.Profile.MaxPerQuarter <= 0 || c.Load.Quarter < c.Profile.MaxPerQuarter
	}},
	{FilterBusy, func(n Need, c Candidate) bool {
		if !n.Slot.IsZero() {
			return !slices.ContainsFunc(c.Load.Busy, n.Slot.Overlaps)
		}
		return !covered(n.window(), c.Load.Busy)
	}},
}

// WhyNot answers "Warum nicht …?" for candidate c: the name of the first
// of Filters that c fails, and ok true; "" and false when c passes them
// all. The coordinator's exclusions are Rank's business.
func WhyNot(n Need, c Candidate) (filter string, ok bool) {
	for _, f := range Filters {
		if !f.Pass(n, c) {
			return f.Name, true
		}
	}
	return "", false
}

// spoken returns the request's languages that c speaks, in the request's
// spelling and order.
func spoken(n Need, c Candidate) []string {
	var out []string
	for _, l := range n.Languages {
		if slices.ContainsFunc(c.Profile.Languages, func(s string) bool { return sameText(s, l) }) {
			out = append(out, l)
		}
	}
	return out
}

// sameText compares two entered words case-insensitively, surrounding
// spaces ignored; a blank word equals nothing.
func sameText(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}
