package domain_test

import (
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// day is midnight UTC of 2026-month-d.
func day(month time.Month, d int) time.Time { return time.Date(2026, month, d, 0, 0, 0, 0, time.UTC) }

// need is an on-site request of Hattingen (NW) on intercultural opening,
// in Turkish or Arabic, from 4 to 29 May 2026.
func need() domain.Need {
	return domain.Need{RequestID: 42, Topic: domain.TopicInterculturalOpening, Format: domain.FormatOnSite,
		Earliest: day(time.May, 4), Latest: day(time.May, 29), Languages: []string{"Türkisch", "Arabisch"},
		City: "Hattingen", State: "NW"}
}

// advisor is advisor id of Bochum (NW) who passes every filter for need():
// on site and online, speaks Turkish (spelled their own way), one
// assignment of three this quarter.
func advisor(id int64) domain.Candidate {
	return domain.Candidate{
		Profile: domain.AdvisorProfile{UserID: id, Name: "Advisor", City: "Bochum", State: "NW",
			Expertise: []domain.Topic{domain.TopicInterculturalOpening, domain.TopicFairTrade},
			Languages: []string{"Deutsch", " türkisch "}, Travels: []string{"NI"},
			Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline}, MaxPerQuarter: 3},
		Load: domain.AdvisorLoad{Quarter: 1, Year: 4},
	}
}

// failing lists the names of the filters c fails for n.
func failing(n domain.Need, c domain.Candidate) []string {
	var out []string
	for _, f := range domain.Filters {
		if !f.Pass(n, c) {
			out = append(out, f.Name)
		}
	}
	return out
}

// Each hard filter excludes whom it should and nobody else: every row
// changes the request or the advisor so that exactly the named filter
// fails ("" for none), and WhyNot and Rank name it.
func TestFilters(t *testing.T) {
	t.Parallel()
	busy := func(from, to time.Time) []domain.Interval { return []domain.Interval{{Start: from, End: to}} }
	cases := []struct {
		name string
		need func(*domain.Need)
		adv  func(*domain.Candidate)
		want string
	}{
		{"fits", nil, nil, ""},
		{"deactivated", nil, func(c *domain.Candidate) { c.Profile.Deactivated = true }, domain.FilterDeactivated},
		{"a report 31 days overdue", nil, func(c *domain.Candidate) { c.Load.OverdueDays = 31 }, domain.FilterOverdue},
		{"a report 30 days overdue", nil, func(c *domain.Candidate) { c.Load.OverdueDays = 30 }, ""},
		{"other expertise", nil, func(c *domain.Candidate) { c.Profile.Expertise = []domain.Topic{domain.TopicFairTrade} },
			domain.FilterExpertise},
		{"topic other passes every expertise", func(n *domain.Need) { n.Topic = domain.TopicOther }, nil, ""},
		{"online only offered", nil, func(c *domain.Candidate) { c.Profile.Formats = []domain.Format{domain.FormatOnline} },
			domain.FilterFormat},
		{"hybrid needs online too", func(n *domain.Need) { n.Format = domain.FormatHybrid },
			func(c *domain.Candidate) { c.Profile.Formats = []domain.Format{domain.FormatOnSite} }, domain.FilterFormat},
		{"hybrid with both", func(n *domain.Need) { n.Format = domain.FormatHybrid }, nil, ""},
		{"other Bundesland", func(n *domain.Need) { n.City, n.State = "Erfurt", "TH" }, nil, domain.FilterRegion},
		{"travels there", func(n *domain.Need) { n.City, n.State = "Celle", "ni" }, nil, ""},
		{"hybrid in another Bundesland", func(n *domain.Need) { n.Format, n.State = domain.FormatHybrid, "TH" }, nil,
			domain.FilterRegion},
		{"online only does not travel", nil, func(c *domain.Candidate) { c.Profile.OnlineOnly = true }, domain.FilterRegion},
		{"online request from anywhere", func(n *domain.Need) { n.Format, n.State = domain.FormatOnline, "TH" },
			func(c *domain.Candidate) { c.Profile.OnlineOnly = true }, ""},
		{"no requested language", nil, func(c *domain.Candidate) { c.Profile.Languages = []string{"Deutsch", "Polnisch"} },
			domain.FilterLanguage},
		{"no language requested", func(n *domain.Need) { n.Languages = nil },
			func(c *domain.Candidate) { c.Profile.Languages = nil }, ""},
		{"paused through the last day", nil, func(c *domain.Candidate) { c.Profile.PausedUntil = day(time.May, 29) },
			domain.FilterPaused},
		{"pause ends within the timeframe", nil, func(c *domain.Candidate) { c.Profile.PausedUntil = day(time.May, 28) }, ""},
		{"pause over the offered slot", func(n *domain.Need) {
			n.Slot = domain.Interval{Start: day(time.May, 6).Add(10 * time.Hour), End: day(time.May, 6).Add(12 * time.Hour)}
		}, func(c *domain.Candidate) { c.Profile.PausedUntil = day(time.May, 6) }, domain.FilterPaused},
		{"quota reached", nil, func(c *domain.Candidate) { c.Load.Quarter = 3 }, domain.FilterQuota},
		{"no quota", nil, func(c *domain.Candidate) { c.Profile.MaxPerQuarter, c.Load.Quarter = 0, 12 }, ""},
		{"booked the whole timeframe", nil, func(c *domain.Candidate) {
			c.Load.Busy = []domain.Interval{{Start: day(time.May, 15), End: day(time.June, 1)},
				{Start: day(time.April, 30), End: day(time.May, 15)}}
		}, domain.FilterBusy},
		{"booked on some days", nil, func(c *domain.Candidate) { c.Load.Busy = busy(day(time.May, 4), day(time.May, 29)) }, ""},
		{"appointment at the slot's time", func(n *domain.Need) {
			n.Slot = domain.Interval{Start: day(time.May, 6).Add(10 * time.Hour), End: day(time.May, 6).Add(12 * time.Hour)}
		}, func(c *domain.Candidate) {
			c.Load.Busy = busy(day(time.May, 6).Add(11*time.Hour), day(time.May, 6).Add(13*time.Hour))
		}, domain.FilterBusy},
		{"appointment right after the slot", func(n *domain.Need) {
			n.Slot = domain.Interval{Start: day(time.May, 6).Add(10 * time.Hour), End: day(time.May, 6).Add(12 * time.Hour)}
		}, func(c *domain.Candidate) {
			c.Load.Busy = busy(day(time.May, 6).Add(12*time.Hour), day(time.May, 6).Add(13*time.Hour))
		}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, c := need(), advisor(1)
			if tc.need != nil {
				tc.need(&n)
			}
			if tc.adv != nil {
				tc.adv(&c)
			}
			want := []string(nil)
			if tc.want != "" {
				want = []string{tc.want}
			}
			if got := failing(n, c); !slices.Equal(got, want) {
				t.Fatalf("failing filters %q, want %q", got, want)
			}
			if f, ok := domain.WhyNot(n, c); f != tc.want || ok != (tc.want != "") {
				t.Errorf("WhyNot = %q, %v; want %q", f, ok, tc.want)
			}
			ranked, missing := domain.Rank(n, []domain.Candidate{c}, nil)
			if tc.want == "" && (len(ranked) != 1 || len(missing) != 0) {
				t.Errorf("Rank: %d ranked, missing %+v; want the advisor ranked", len(ranked), missing)
			}
			if tc.want != "" && (len(ranked) != 0 || len(missing) != 1 || missing[0].Filter != tc.want || missing[0].ID() != 1) {
				t.Errorf("Rank: %d ranked, missing %+v; want advisor 1 missing for %q", len(ranked), missing, tc.want)
			}
		})
	}
}

// "Warum nicht …?" names the first failing filter in the order of
// Filters when several fail.
func TestWhyNotNamesFirstFailure(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		adv  func(*domain.Candidate)
		want string
	}{
		{"deactivated and wrong expertise", func(c *domain.Candidate) {
			c.Profile.Deactivated, c.Profile.Expertise = true, nil
		}, domain.FilterDeactivated},
		{"overdue and wrong expertise", func(c *domain.Candidate) {
			c.Load.OverdueDays, c.Profile.Expertise = 40, nil
		}, domain.FilterOverdue},
		{"quota, language and format", func(c *domain.Candidate) {
			c.Load.Quarter, c.Profile.Languages, c.Profile.Formats = 5, nil, []domain.Format{domain.FormatOnline}
		}, domain.FilterFormat},
		{"busy, quota and paused", func(c *domain.Candidate) {
			c.Load.Quarter, c.Profile.PausedUntil = 3, day(time.July, 1)
			c.Load.Busy = []domain.Interval{{Start: day(time.May, 1), End: day(time.June, 1)}}
		}, domain.FilterPaused},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := advisor(1)
			tc.adv(&c)
			if f, ok := domain.WhyNot(need(), c); f != tc.want || !ok {
				t.Errorf("WhyNot = %q, %v; want %q, true", f, ok, tc.want)
			}
		})
	}
}

// ids returns the advisors' ids in the order of r.
func ids(r []domain.Ranked) []int64 {
	var out []int64
	for _, x := range r {
		out = append(out, x.ID())
	}
	return out
}
