package domain_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestOrganisationMatches(t *testing.T) {
	culture, youth, women := domain.TopicCulture, domain.TopicYouth, domain.TopicWomen
	base := domain.OrganisationProfile{Name: "Brücke", City: "Dortmund", State: "NW", Topics: []domain.Topic{culture, youth}}
	with := func(f func(o *domain.OrganisationProfile)) domain.OrganisationProfile {
		o := base
		f(&o)
		return o
	}
	cases := []struct {
		name     string
		o        domain.OrganisationProfile
		topics   []domain.Topic
		city     string
		state    string
		cityOnly bool
		want     bool
	}{
		{"same city, a shared topic", base, []domain.Topic{women, youth}, "Dortmund", "NW", false, true},
		{"city with other case and spaces", base, []domain.Topic{culture}, "  dortmund ", "NW", true, true},
		{"no shared topic", base, []domain.Topic{women}, "Dortmund", "NW", false, false},
		{"no topics", base, nil, "Dortmund", "NW", false, false},
		{"same Bundesland", base, []domain.Topic{culture}, "Bochum", "NW", false, true},
		{"same Bundesland, city only", base, []domain.Topic{culture}, "Bochum", "NW", true, false},
		{"other Bundesland", base, []domain.Topic{culture}, "Leipzig", "SN", false, false},
		{"same city, other Bundesland given", base, []domain.Topic{culture}, "Dortmund", "SN", false, true},
		{"no Bundesland (registered before)", with(func(o *domain.OrganisationProfile) { o.State = "" }),
			[]domain.Topic{culture}, "Bochum", "", false, false},
		{"no Bundesland, same city", with(func(o *domain.OrganisationProfile) { o.State = "" }),
			[]domain.Topic{culture}, "Dortmund", "NW", false, true},
		{"empty cities do not match", with(func(o *domain.OrganisationProfile) { o.City, o.State = "", "BY" }),
			[]domain.Topic{culture}, "", "NW", false, false},
		{"stopped all", with(func(o *domain.OrganisationProfile) { o.StoppedAll = true }),
			[]domain.Topic{culture}, "Dortmund", "NW", false, false},
		{"stopped the only shared topic", with(func(o *domain.OrganisationProfile) { o.StoppedTopics = []domain.Topic{culture} }),
			[]domain.Topic{culture, women}, "Dortmund", "NW", false, false},
		{"stopped one, another shared", with(func(o *domain.OrganisationProfile) { o.StoppedTopics = []domain.Topic{culture} }),
			[]domain.Topic{culture, youth}, "Dortmund", "NW", false, true},
	}
	for _, c := range cases {
		if got := domain.OrganisationMatches(c.o, c.topics, c.city, c.state, c.cityOnly); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCheckOrganisationProfile(t *testing.T) {
	ok := domain.OrganisationProfile{Name: "x", State: "NW", Topics: []domain.Topic{domain.TopicSports}, InviteLang: "en"}
	if err := domain.CheckOrganisationProfile(ok); err != nil {
		t.Errorf("valid profile: %v", err)
	}
	for name, bad := range map[string]func(o *domain.OrganisationProfile){
		"no state":        func(o *domain.OrganisationProfile) { o.State = "" },
		"no topic":        func(o *domain.OrganisationProfile) { o.Topics = nil },
		"request-only":    func(o *domain.OrganisationProfile) { o.Topics = []domain.Topic{"billing"} },
		"topic twice":     func(o *domain.OrganisationProfile) { o.Topics = []domain.Topic{domain.TopicSports, domain.TopicSports} },
		"invite language": func(o *domain.OrganisationProfile) { o.InviteLang = "fr" },
	} {
		o := ok
		bad(&o)
		if err := domain.CheckOrganisationProfile(o); err == nil {
			t.Errorf("%s: accepted %+v", name, o)
		}
	}
}
