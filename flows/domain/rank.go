package domain

import (
	"cmp"
	"slices"
	"time"
)

// RegionClass is how near an advisor lives to the municipality; lower is
// nearer.
type RegionClass int

// Region classes.
const (
	RegionSameCity  RegionClass = iota // same city in the same Bundesland
	RegionSameState                    // same Bundesland, another city
	RegionFurther                      // another Bundesland
)

// String is the stable name of c for texts and logs.
func (c RegionClass) String() string {
	switch c {
	case RegionSameCity:
		return "same_city"
	case RegionSameState:
		return "same_state"
	default:
		return "further"
	}
}

// regionOf classes advisor p for need n. Cities are compared
// case-insensitively and only within the same Bundesland (there is a
// Frankfurt in HE and one in BB).
func regionOf(n Need, p AdvisorProfile) RegionClass {
	switch {
	case !sameText(p.State, n.State):
		return RegionFurther
	case sameText(p.City, n.City):
		return RegionSameCity
	default:
		return RegionSameState
	}
}

// Ranked is a candidate on the shortlist with the reasons shown beside
// them. Their assignments this quarter against their quota, their last
// assignment and their last offer are in Candidate.Load and
// Candidate.Profile.
type Ranked struct {
	Candidate
	// Expertise: the request's topic is in their Expertise; false only
	// for a request on TopicOther they did not list.
	Expertise bool
	Languages []string    // the requested languages they speak, in the request's spelling
	Region    RegionClass // shown for every format, ordered by for on-site and hybrid only
	// AvailableFrom is the first day after a pause that ends within the
	// timeframe; zero when they are not paused then.
	AvailableFrom time.Time
}

// Missing is a candidate who is not on the shortlist, and why: the name
// of the first failing filter (Filters), or FilterExcluded when the
// coordinator excluded them.
type Missing struct {
	Candidate
	Filter string
}

// Rank returns the shortlist for need n: the candidates who pass every
// filter and were not excluded by the coordinator (excluded holds their
// users.id), best first, and the others in the order given, each with
// the reason. A coordinator's exclusion is named before any filter.
// Paging is the caller's business.
//
// The order, each key deciding only when the ones before tie:
//  1. region class, nearer first, for on-site and hybrid requests
//     (online work is the same from anywhere);
//  2. more of the requested languages spoken first;
//  3. the topic listed in their expertise first (tells only for
//     TopicOther; every other topic is a filter);
//  4. fewer assignments in the last 12 months first;
//  5. the longest since their last offer first, never offered before all;
//  6. the lower users.id, so that the order is the same on every call.
func Rank(n Need, candidates []Candidate, excluded []int64) (ranked []Ranked, missing []Missing) {
	for _, c := range candidates {
		if slices.Contains(excluded, c.ID()) {
			missing = append(missing, Missing{Candidate: c, Filter: FilterExcluded})
			continue
		}
		if f, ok := WhyNot(n, c); ok {
			missing = append(missing, Missing{Candidate: c, Filter: f})
			continue
		}
		ranked = append(ranked, reasons(n, c))
	}
	slices.SortFunc(ranked, func(a, b Ranked) int { return compareRanked(n, a, b) })
	return ranked, missing
}

// reasons computes what the shortlist shows beside c.
func reasons(n Need, c Candidate) Ranked {
	r := Ranked{
		Candidate: c,
		Expertise: slices.Contains(c.Profile.Expertise, n.Topic),
		Languages: spoken(n, c),
		Region:    regionOf(n, c.Profile),
	}
	if p := c.Profile.PausedUntil; !p.IsZero() && civil(p) >= civil(n.Earliest) {
		y, m, d := p.Date()
		r.AvailableFrom = time.Date(y, m, d+1, 0, 0, 0, 0, n.Earliest.Location())
	}
	return r
}

// compareRanked orders two shortlisted candidates as Rank documents.
func compareRanked(n Need, a, b Ranked) int {
	if n.onSite() {
		if c := cmp.Compare(a.Region, b.Region); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(b.Languages), len(a.Languages)); c != 0 {
		return c
	}
	if a.Expertise != b.Expertise {
		if a.Expertise {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(a.Load.Year, b.Load.Year); c != 0 {
		return c
	}
	if c := a.Load.LastOffer.Compare(b.Load.LastOffer); c != 0 {
		return c
	}
	return cmp.Compare(a.ID(), b.ID())
}
