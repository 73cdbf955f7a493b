package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// MatchingOrganisations is domain.OrganisationMatches in SQL: on a table of
// associations (two with two members) and of events, both pick exactly the
// associations the table names, and the store counts their members.
func TestMatchingOrganisationsAgreesWithTheDomain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	culture, youth, women, sports := domain.TopicCulture, domain.TopicYouth, domain.TopicWomen, domain.TopicSports
	orgs := []struct {
		p       domain.OrganisationProfile
		members int
		stopAll bool
		stopped []domain.Topic
	}{
		{domain.OrganisationProfile{Name: "A Dortmund Kultur", City: "Dortmund", State: "NW", Topics: []domain.Topic{culture, youth}}, 2, false, nil},
		{domain.OrganisationProfile{Name: "B Dortmund Frauen", City: " dortmund", State: "NW", Topics: []domain.Topic{women}}, 1, false, nil},
		{domain.OrganisationProfile{Name: "C Bochum Kultur", City: "Bochum", State: "NW", Topics: []domain.Topic{culture}}, 2, false, nil},
		{domain.OrganisationProfile{Name: "D Leipzig Kultur", City: "Leipzig", State: "SN", Topics: []domain.Topic{culture, sports}}, 1, false, nil},
		{domain.OrganisationProfile{Name: "E Dortmund gestoppt", City: "Dortmund", State: "NW", Topics: []domain.Topic{culture}}, 1, true, nil},
		{domain.OrganisationProfile{Name: "F Dortmund Kultur gestoppt", City: "Dortmund", State: "NW", Topics: []domain.Topic{culture, youth}}, 1, false, []domain.Topic{culture}},
	}
	events := []struct {
		name     string
		topics   []domain.Topic
		city     string
		state    string
		cityOnly bool
		want     []string
	}{
		{"culture in Dortmund", []domain.Topic{culture}, "Dortmund", "NW", false, []string{"A Dortmund Kultur", "C Bochum Kultur"}},
		{"culture in Dortmund only", []domain.Topic{culture}, "DORTMUND ", "NW", true, []string{"A Dortmund Kultur"}},
		{"youth and women in Dortmund", []domain.Topic{youth, women}, "Dortmund", "NW", true,
			[]string{"A Dortmund Kultur", "B Dortmund Frauen", "F Dortmund Kultur gestoppt"}},
		{"sports in Saxony", []domain.Topic{sports, culture}, "Dresden", "SN", false, []string{"D Leipzig Kultur"}},
		{"sports in Bavaria", []domain.Topic{sports}, "München", "BY", false, nil},
	}
	tg := int64(3000)
	var profiles []domain.OrganisationProfile
	members := map[string]int{}
	for _, o := range orgs {
		tg++
		r := registration(e, tg, domain.RoleOrganisation)
		o.p.InviteLang = "de"
		r.Organisation = &o.p
		u, err := e.st.Register(ctx, r, nil)
		if err != nil {
			t.Fatalf("register %s: %v", o.p.Name, err)
		}
		a := actorOf(t, e, tg)
		for i := 1; i < o.members; i++ {
			tg++
			code := fmt.Sprintf("colleague-%d-000000000", tg)
			if err := e.st.AddInvite(ctx, domain.Invite{Code: code, CreatedBy: u.ID, ExpiresAt: e.clock.Now().Add(time.Hour),
				InviteScope: domain.InviteScope{Role: domain.RoleOrganisation, OrganisationID: a.Organisations[0]}}); err != nil {
				t.Fatal(err)
			}
			r := registration(e, tg, domain.RoleOrganisation)
			r.InviteCode = code
			if _, err := e.st.Register(ctx, r, nil); err != nil {
				t.Fatal(err)
			}
		}
		if o.stopAll {
			if err := e.st.SetInvitationStop(ctx, u.ID, a.Organisations[0], "", true); err != nil {
				t.Fatal(err)
			}
		}
		for _, topic := range o.stopped {
			if err := e.st.SetInvitationStop(ctx, u.ID, a.Organisations[0], topic, true); err != nil {
				t.Fatal(err)
			}
		}
		_, read, err := e.st.Profiles(ctx, u.ID)
		if err != nil || len(read) != 1 || read[0].StoppedAll != o.stopAll || len(read[0].StoppedTopics) != len(o.stopped) {
			t.Fatalf("profile of %s: %+v, %v", o.p.Name, read, err)
		}
		profiles = append(profiles, read[0])
		members[o.p.Name] = o.members
	}
	for _, ev := range events {
		var byDomain []string
		for _, p := range profiles {
			if domain.OrganisationMatches(p, ev.topics, ev.city, ev.state, ev.cityOnly) {
				byDomain = append(byDomain, p.Name)
			}
		}
		got, err := e.st.MatchingOrganisations(ctx, ev.topics, ev.city, ev.state, ev.cityOnly)
		if err != nil {
			t.Fatal(err)
		}
		var bySQL []string
		for _, m := range got {
			bySQL = append(bySQL, m.Organisation.Name)
			if m.Members != members[m.Organisation.Name] {
				t.Errorf("%s: %s has %d members, want %d", ev.name, m.Organisation.Name, m.Members, members[m.Organisation.Name])
			}
		}
		if !slices.Equal(byDomain, ev.want) || !slices.Equal(bySQL, ev.want) {
			t.Errorf("%s: domain picks %q, SQL %q; want %q", ev.name, byDomain, bySQL, ev.want)
		}
	}
}

// Stops are set by a member only, and with topics of the catalogue.
func TestSetInvitationStopRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u, err := e.st.Register(ctx, registration(e, 3101, domain.RoleOrganisation), nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := e.st.Register(ctx, registration(e, 3102, domain.RoleOrganisation), nil)
	if err != nil {
		t.Fatal(err)
	}
	org := actorOf(t, e, 3101).Organisations[0]
	if err := e.st.SetInvitationStop(ctx, other.ID, org, "", true); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a non-member stops: %v, want ErrNotFound", err)
	}
	if err := e.st.SetInvitationStop(ctx, other.ID, org, domain.TopicCulture, true); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a non-member stops a topic: %v, want ErrNotFound", err)
	}
	if err := e.st.SetInvitationStop(ctx, u.ID, org, "billing", true); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("an unknown topic: %v, want ErrInvalid", err)
	}
	if n := e.count(t, `SELECT count(*) FROM organisations WHERE stopped_all OR cardinality(stopped_topics) > 0`); n != 0 {
		t.Errorf("%d organisations stopped", n)
	}
}

// The association's profile is validated before it is stored, and each
// edit applies to the association of all its members.
func TestOrganisationProfileEdits(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	r := registration(e, 3201, domain.RoleOrganisation)
	r.Organisation.Topics = nil
	if _, err := e.st.Register(ctx, r, nil); err == nil {
		t.Error("an association without topics was registered")
	}
	u, err := e.st.Register(ctx, registration(e, 3201, domain.RoleOrganisation), nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"state":  e.st.SetOrganisationState(ctx, u.ID, "XX"),
		"topics": e.st.SetOrganisationTopics(ctx, u.ID, nil),
		"lang":   e.st.SetInviteLang(ctx, u.ID, "fr"),
	} {
		if !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("bad %s: %v, want ErrInvalid", name, err)
		}
	}
	if err := e.st.SetOrganisationState(ctx, u.ID, "by"); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetOrganisationTopics(ctx, u.ID, []domain.Topic{domain.TopicReligionDialogue, domain.TopicOther}); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetInviteLang(ctx, u.ID, "en"); err != nil {
		t.Fatal(err)
	}
	_, orgs, err := e.st.Profiles(ctx, u.ID)
	if err != nil || len(orgs) != 1 || orgs[0].State != "BY" || orgs[0].InviteLang != "en" ||
		!slices.Equal(orgs[0].Topics, []domain.Topic{domain.TopicReligionDialogue, domain.TopicOther}) {
		t.Errorf("after the edits: %+v, %v", orgs, err)
	}
	if err := e.st.SetInviteLang(ctx, 999999, "en"); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("no organisation: %v, want ErrNotFound", err)
	}
}

// Each stop changes its one field, as it is at the change: stopping a
// topic twice (a second tap, an out-of-date screen) leaves it stopped once,
// a topic's change keeps another member's stop of all, and members
// stopping different topics at once lose none.
func TestSetInvitationStopChangesOneField(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	org, members := w.addOrg(t, "Kulturverein Brücke e.V.", "Dortmund", 3)
	stops := func() (bool, []domain.Topic) {
		t.Helper()
		_, orgs, err := w.st.Profiles(ctx, members[0])
		if err != nil || len(orgs) != 1 {
			t.Fatalf("profiles: %+v, %v", orgs, err)
		}
		return orgs[0].StoppedAll, orgs[0].StoppedTopics
	}
	culture, youth := domain.TopicCulture, domain.TopicYouth
	for range 2 {
		if err := w.st.SetInvitationStop(ctx, members[0], org, culture, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.st.SetInvitationStop(ctx, members[1], org, "", true); err != nil {
		t.Fatal(err)
	}
	if err := w.st.SetInvitationStop(ctx, members[0], org, youth, true); err != nil {
		t.Fatal(err)
	}
	if all, topics := stops(); !all || !slices.Equal(topics, []domain.Topic{culture, youth}) {
		t.Fatalf("stopped all %v, topics %v; want true, [culture youth]", all, topics)
	}
	if err := w.st.SetInvitationStop(ctx, members[2], org, youth, false); err != nil {
		t.Fatal(err)
	}
	if err := w.st.SetInvitationStop(ctx, members[2], org, youth, false); err != nil {
		t.Fatal(err)
	}
	if all, topics := stops(); !all || !slices.Equal(topics, []domain.Topic{culture}) {
		t.Fatalf("after youth taken back: stopped all %v, topics %v; want true, [culture]", all, topics)
	}

	// Members stop different topics at once: all of them are stopped.
	rest := []domain.Topic{domain.TopicWomen, domain.TopicSports, domain.TopicEducation}
	errs := make(chan error, len(rest))
	for i, topic := range rest {
		go func() { errs <- w.st.SetInvitationStop(ctx, members[i], org, topic, true) }()
	}
	for range rest {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	all, topics := stops()
	slices.Sort(topics)
	want := append([]domain.Topic{culture}, rest...)
	slices.Sort(want)
	if !all || !slices.Equal(topics, want) {
		t.Fatalf("after stops at once: stopped all %v, topics %v; want true, %v", all, topics, want)
	}
}
