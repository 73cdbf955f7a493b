package domain_test

import (
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Region classes: same city (case-insensitive, within the Bundesland),
// same Bundesland, further (a Bundesland they travel to).
func TestRegionClass(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		city, state string
		want        domain.RegionClass
	}{
		{"same city", " hattingen", "nw", domain.RegionSameCity},
		{"same state", "Bochum", "NW", domain.RegionSameState},
		{"further", "Hattingen", "NI", domain.RegionFurther},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := advisor(1)
			c.Profile.City, c.Profile.State, c.Profile.Travels = tc.city, tc.state, []string{"NW"}
			ranked, _ := domain.Rank(need(), []domain.Candidate{c}, nil)
			if len(ranked) != 1 || ranked[0].Region != tc.want {
				t.Fatalf("ranked %+v, want region %v", ranked, tc.want)
			}
		})
	}
}

// The shortlist's reasons: languages matched in the request's spelling,
// expertise, and the first day after a pause that ends in the timeframe.
func TestReasons(t *testing.T) {
	t.Parallel()
	c := advisor(1)
	c.Profile.Languages = []string{"ARABISCH", "türkisch"}
	c.Profile.PausedUntil = day(time.May, 10)
	ranked, _ := domain.Rank(need(), []domain.Candidate{c}, nil)
	if len(ranked) != 1 {
		t.Fatalf("ranked %+v, want one", ranked)
	}
	r := ranked[0]
	if !slices.Equal(r.Languages, []string{"Türkisch", "Arabisch"}) || !r.Expertise || !r.AvailableFrom.Equal(day(time.May, 11)) {
		t.Errorf("reasons %+v", r)
	}
}

// The order: region class, then languages, then expertise (TopicOther),
// then fewer assignments in 12 months, then the longest since the last
// offer (never first), then the id.
func TestRankOrder(t *testing.T) {
	t.Parallel()
	at := func(m time.Month, d int) time.Time { return day(m, d).Add(9 * time.Hour) }
	mk := func(id int64, city, state string, langs int, year int, lastOffer time.Time) domain.Candidate {
		c := advisor(id)
		c.Profile.City, c.Profile.State, c.Profile.Travels = city, state, []string{"NW"}
		c.Profile.Languages = []string{"Türkisch", "Arabisch"}[:langs]
		c.Load.Year, c.Load.LastOffer = year, lastOffer
		return c
	}
	cases := []struct {
		name   string
		need   func(*domain.Need)
		cands  []domain.Candidate
		wantID []int64
	}{
		{"fewer assignments in 12 months first",
			nil,
			[]domain.Candidate{mk(1, "Bochum", "NW", 1, 5, time.Time{}), mk(2, "Bochum", "NW", 1, 2, at(time.April, 1))},
			[]int64{2, 1}},
		{"then the longest since the last offer, never first",
			nil,
			[]domain.Candidate{mk(1, "Bochum", "NW", 1, 2, at(time.April, 20)), mk(2, "Bochum", "NW", 1, 2, at(time.March, 1)),
				mk(3, "Bochum", "NW", 1, 2, time.Time{}), mk(4, "Bochum", "NW", 1, 1, at(time.April, 30))},
			[]int64{4, 3, 2, 1}},
		{"then the id",
			nil,
			[]domain.Candidate{mk(9, "Bochum", "NW", 1, 2, at(time.March, 1)), mk(3, "Bochum", "NW", 1, 2, at(time.March, 1))},
			[]int64{3, 9}},
		{"region class before the tie-breakers",
			nil,
			[]domain.Candidate{mk(1, "Celle", "NI", 1, 0, time.Time{}), mk(2, "Bochum", "NW", 1, 3, time.Time{}),
				mk(3, "Hattingen", "NW", 1, 9, at(time.April, 30))},
			[]int64{3, 2, 1}},
		{"languages before the tie-breakers",
			nil,
			[]domain.Candidate{mk(1, "Bochum", "NW", 1, 0, time.Time{}), mk(2, "Bochum", "NW", 2, 7, at(time.April, 30))},
			[]int64{2, 1}},
		{"region class before languages",
			nil,
			[]domain.Candidate{mk(1, "Bochum", "NW", 2, 0, time.Time{}), mk(2, "Hattingen", "NW", 1, 0, time.Time{})},
			[]int64{2, 1}},
		{"online: region class does not count",
			func(n *domain.Need) { n.Format = domain.FormatOnline },
			[]domain.Candidate{mk(1, "Hattingen", "NW", 1, 3, time.Time{}), mk(2, "Celle", "NI", 1, 1, time.Time{})},
			[]int64{2, 1}},
		{"topic other: listed expertise first",
			func(n *domain.Need) { n.Topic = domain.TopicOther },
			func() []domain.Candidate {
				a, b := mk(1, "Bochum", "NW", 1, 0, time.Time{}), mk(2, "Bochum", "NW", 1, 4, time.Time{})
				b.Profile.Expertise = append(b.Profile.Expertise, domain.TopicOther)
				return []domain.Candidate{a, b}
			}(),
			[]int64{2, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := need()
			if tc.need != nil {
				tc.need(&n)
			}
			ranked, missing := domain.Rank(n, tc.cands, nil)
			if got := ids(ranked); !slices.Equal(got, tc.wantID) || len(missing) != 0 {
				t.Errorf("order %v, missing %+v; want %v", got, missing, tc.wantID)
			}
		})
	}
}

// The same candidates in any order give the same shortlist, and Rank
// does not reorder its input.
func TestRankDeterministic(t *testing.T) {
	t.Parallel()
	var cands []domain.Candidate
	for id := int64(1); id <= 6; id++ {
		c := advisor(id)
		c.Load.Year = int(id % 2)             // three tie on each count …
		c.Load.LastOffer = day(time.March, 1) // … and all on the last offer
		c.Profile.Languages = []string{"türkisch", "arabisch"}
		cands = append(cands, c)
	}
	want := []int64{2, 4, 6, 1, 3, 5}
	for i := range len(cands) {
		in := append(slices.Clone(cands[i:]), cands[:i]...)
		slices.Reverse(in[:len(in)/2])
		before := slices.Clone(in)
		ranked, _ := domain.Rank(need(), in, nil)
		if got := ids(ranked); !slices.Equal(got, want) {
			t.Errorf("rotation %d: order %v, want %v", i, got, want)
		}
		for j := range in {
			if in[j].ID() != before[j].ID() {
				t.Fatalf("rotation %d: Rank reordered its input", i)
			}
		}
	}
}

// The coordinator's exclusions: named before any filter, others untouched.
func TestRankExcluded(t *testing.T) {
	t.Parallel()
	fits, excluded, also := advisor(1), advisor(2), advisor(3)
	also.Profile.Deactivated = true
	ranked, missing := domain.Rank(need(), []domain.Candidate{fits, excluded, also}, []int64{2, 3})
	if got := ids(ranked); !slices.Equal(got, []int64{1}) {
		t.Errorf("ranked %v, want [1]", got)
	}
	if len(missing) != 2 || missing[0].ID() != 2 || missing[0].Filter != domain.FilterExcluded ||
		missing[1].ID() != 3 || missing[1].Filter != domain.FilterExcluded {
		t.Errorf("missing %+v, want 2 and 3 excluded", missing)
	}
	// WhyNot still names the filter for the deactivated one.
	if f, ok := domain.WhyNot(need(), also); f != domain.FilterDeactivated || !ok {
		t.Errorf("WhyNot = %q, %v", f, ok)
	}
}

// NeedFor takes the request's fields and re-anchors its days in loc.
func TestNeedFor(t *testing.T) {
	t.Parallel()
	berlin := time.FixedZone("CEST", 2*60*60)
	r := domain.Request{ID: 7, RequestDraft: domain.RequestDraft{Topic: domain.TopicFairTrade, Format: domain.FormatOnline,
		Earliest: day(time.May, 4), Latest: day(time.May, 5), Languages: []string{"Polnisch"}}}
	n := domain.NeedFor(r, "Hattingen", "NW", berlin)
	if n.RequestID != 7 || n.Topic != domain.TopicFairTrade || n.Format != domain.FormatOnline || n.City != "Hattingen" ||
		n.State != "NW" || !slices.Equal(n.Languages, []string{"Polnisch"}) ||
		!n.Earliest.Equal(time.Date(2026, time.May, 4, 0, 0, 0, 0, berlin)) ||
		!n.Latest.Equal(time.Date(2026, time.May, 5, 0, 0, 0, 0, berlin)) {
		t.Errorf("NeedFor = %+v", n)
	}
	// An appointment covering 4 and 5 May in Berlin (but not in UTC) makes
	// the advisor busy for the whole timeframe.
	c := advisor(1)
	c.Load.Busy = []domain.Interval{{Start: n.Earliest, End: n.Latest.AddDate(0, 0, 1)}}
	c.Profile.Languages = []string{"polnisch"}
	if f, _ := domain.WhyNot(n, c); f != domain.FilterBusy {
		t.Errorf("WhyNot = %q, want busy", f)
	}
}
