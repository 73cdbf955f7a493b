package offers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The shortlist: the advisors ranked for a request (domain.Rank), with
// those the coordinator excluded in this conversation and those who had
// the request already (a live or earlier offer, a seat) among the missing,
// each with the reason.

// Reasons beyond the ranking's filters, named in "Warum nicht …?".
const (
	whyOffered = "offered" // had an offer of this request already
	whyHolds   = "holds"   // holds a seat of this request
)

// shortlist is what the shortlist screens show.
type shortlist struct {
	req     domain.Request
	ranked  []domain.Ranked
	missing []domain.Missing
	offers  []domain.Offer
	free    int // seats still free
}

// loadShortlist ranks the advisors for request id, leaving out excluded
// (users.id). It records a store error with Fail and reports false.
func (d Deps) loadShortlist(t *engine.Turn, id int64, excluded []int64) (shortlist, bool) {
	req, err := d.Requests.RequestByID(t.Ctx(), id)
	if err != nil {
		t.Fail(err)
		return shortlist{}, false
	}
	offers, seats, err := d.Offers.OffersOf(t.Ctx(), id)
	if err != nil {
		t.Fail(err)
		return shortlist{}, false
	}
	now := t.Now().In(t.Location())
	cands, err := d.Offers.Candidates(t.Ctx(), domain.QuarterStart(now, t.Location()), now.AddDate(-1, 0, 0))
	if err != nil {
		t.Fail(err)
		return shortlist{}, false
	}
	s := shortlist{req: req, offers: offers, free: domain.SeatsFor(req)}
	had := map[int64]string{}
	for _, o := range offers {
		had[o.Advisor.ID] = whyOffered
	}
	for _, st := range seats {
		if st.AdvisorID != 0 {
			had[st.AdvisorID] = whyHolds
			s.free--
		}
	}
	var pool []domain.Candidate
	for _, c := range cands {
		if why, ok := had[c.ID()]; ok {
			s.missing = append(s.missing, domain.Missing{Candidate: c, Filter: why})
			continue
		}
		pool = append(pool, c)
	}
	ranked, missing := domain.Rank(domain.NeedFor(req, req.Municipality, req.State, t.Location()), pool, excluded)
	s.ranked, s.missing = ranked, append(s.missing, missing...)
	slices.SortFunc(s.missing, func(a, b domain.Missing) int { return strings.Compare(a.Profile.Name, b.Profile.Name) })
	return s, true
}

// rankedByID returns the ranked advisor with users.id id.
func (s shortlist) rankedByID(id int64) (domain.Ranked, bool) {
	i := slices.IndexFunc(s.ranked, func(r domain.Ranked) bool { return r.ID() == id })
	if i < 0 {
		return domain.Ranked{}, false
	}
	return s.ranked[i], true
}

// ids reads a list of users.id joined by ","; malformed parts are dropped.
func ids(s string) []int64 {
	var out []int64
	for _, p := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// joinIDs writes ids for ids.
func joinIDs(list []int64) string {
	parts := make([]string, 0, len(list))
	for _, id := range list {
		parts = append(parts, strconv.FormatInt(id, 10))
	}
	return strings.Join(parts, ",")
}

// reasonLine is what the shortlist says beside a ranked advisor: region
// class and city, the requested languages they speak, the topic (for
// "other"), assignments this quarter against the quota, the last
// assignment, and from when they are free after a pause.
func reasonLine(t *engine.Turn, r domain.Ranked) string {
	p, l := r.Profile, r.Load
	parts := []string{t.Plain(regionKeys[r.Region], map[string]any{"City": p.City, "State": p.State})}
	if len(r.Languages) > 0 {
		parts = append(parts, strings.Join(r.Languages, ", ")+" ✓")
	}
	if r.Expertise {
		parts = append(parts, t.Plain(keyReasonTopic, nil))
	}
	if p.MaxPerQuarter > 0 {
		parts = append(parts, t.Plain(keyReasonQuota, map[string]any{"N": l.Quarter, "Max": p.MaxPerQuarter}))
	} else {
		parts = append(parts, t.Plain(keyReasonQuarter, map[string]any{"N": l.Quarter}))
	}
	if l.LastAssignment.IsZero() {
		parts = append(parts, t.Plain(keyReasonNever, nil))
	} else {
		parts = append(parts, t.Plain(keyReasonLast, map[string]any{"Date": t.FormatDate(l.LastAssignment.In(t.Location()))}))
	}
	if !r.AvailableFrom.IsZero() {
		parts = append(parts, t.Plain(keyReasonFreeFrom, map[string]any{"Date": t.FormatDate(r.AvailableFrom)}))
	}
	return strings.Join(parts, " · ")
}

// regionKeys name the region classes.
var regionKeys = map[domain.RegionClass]string{
	domain.RegionSameCity: keyRegionCity, domain.RegionSameState: keyRegionState, domain.RegionFurther: keyRegionFurther,
}

// whyKeys explain the missing, by the name of the first failing filter.
var whyKeys = map[string]string{
	domain.FilterDeactivated: keyWhyDeactivated, domain.FilterOverdue: keyWhyOverdue, domain.FilterExpertise: keyWhyExpertise,
	domain.FilterFormat: keyWhyFormat, domain.FilterRegion: keyWhyRegion, domain.FilterLanguage: keyWhyLanguage,
	domain.FilterPaused: keyWhyPaused, domain.FilterQuota: keyWhyQuota, domain.FilterBusy: keyWhyBusy,
	domain.FilterExcluded: keyWhyExcluded, whyOffered: keyWhyOffered, whyHolds: keyWhyHolds,
}

// whyText is the sentence that says why m is not on the shortlist of r.
func whyText(t *engine.Turn, r domain.Request, m domain.Missing) string {
	p := m.Profile
	data := map[string]any{"Name": p.Name, "Format": t.Texts().FormatName(t.Lang(), r.Format),
		"State": t.StateName(r.State), "N": m.Load.Quarter, "Max": p.MaxPerQuarter, "Days": m.Load.OverdueDays}
	if !p.PausedUntil.IsZero() {
		data["Date"] = t.FormatDate(p.PausedUntil)
	}
	return t.T(whyKeys[m.Filter], data)
}
