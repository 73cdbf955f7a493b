package sandbox_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// The demo associations' names, as the organiser's audience lists them.
const (
	assocAfrican = "Afrikanischer Kulturverein Dortmund"
	assocParents = "Deutsch-Türkischer Elternverein Dortmund"
	assocWomen   = "Syrischer Frauenverein Bochum"
)

// Seeding at start registers the three demo associations with their
// profiles and members, the second member of the Kulturverein joined by
// its invite; a second start (a restart of the sandbox on the same
// database) adds nothing, and the audience of an event finds each once.
func TestSeedAssociations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := storagetest.Store(t, storage.WithClock(testNow))
	for range 2 {
		if err := sandbox.SeedAssociations(ctx, store, testNow()); err != nil {
			t.Fatalf("SeedAssociations: %v", err)
		}
	}
	type member struct {
		name, lang string
		org        domain.OrganisationProfile
	}
	want := map[int64]member{
		sandbox.AfricanAssocID: {"Amara Diallo", "de", domain.OrganisationProfile{Name: assocAfrican, City: "Dortmund", State: "NW",
			Topics: []domain.Topic{domain.TopicCulture, domain.TopicEducation, domain.TopicMigrantOrganisations}, InviteLang: "de"}},
		sandbox.ParentsAssocID: {"Elif Kaya", "de", domain.OrganisationProfile{Name: assocParents, City: "Dortmund", State: "NW",
			Topics: []domain.Topic{domain.TopicEducation, domain.TopicYouth}, InviteLang: "de"}},
		sandbox.WomenAssocID: {"Rana Haddad", "en", domain.OrganisationProfile{Name: assocWomen, City: "Bochum", State: "NW",
			Topics: []domain.Topic{domain.TopicWomen, domain.TopicCulture}, InviteLang: "en"}},
	}
	want[sandbox.AfricanAssoc2ID] = member{"Kofi Boateng", "de", want[sandbox.AfricanAssocID].org}
	orgIDs := map[int64]int64{}
	for id, w := range want {
		u, err := store.UserByTelegramID(ctx, id)
		if err != nil {
			t.Fatalf("demo member %d is not registered: %v", id, err)
		}
		if u.Name != w.name || u.Lang != w.lang || u.ChatID != id || !slices.Equal(u.Roles, []domain.Role{domain.RoleOrganisation}) ||
			u.ConsentAt.IsZero() {
			t.Errorf("demo member %d = %+v, want %s (%s), organisation member only, consented", id, u, w.name, w.lang)
		}
		_, orgs, err := store.Profiles(ctx, u.ID)
		if err != nil || len(orgs) != 1 {
			t.Fatalf("associations of %s: %v, %v; want one", w.name, orgs, err)
		}
		got := orgs[0]
		orgIDs[id] = got.ID
		if got.Name != w.org.Name || got.City != w.org.City || got.State != w.org.State ||
			!slices.Equal(got.Topics, w.org.Topics) || got.InviteLang != w.org.InviteLang {
			t.Errorf("association of %s = %+v, want %+v", w.name, got, w.org)
		}
	}
	if orgIDs[sandbox.AfricanAssocID] != orgIDs[sandbox.AfricanAssoc2ID] {
		t.Errorf("the Kulturverein's members are in associations %d and %d, want one", orgIDs[sandbox.AfricanAssocID],
			orgIDs[sandbox.AfricanAssoc2ID])
	}
	for _, id := range []int64{sandbox.MunicipalID, sandbox.AdvisorID, sandbox.OrganisationID, sandbox.CoordinatorID} {
		if u, err := store.UserByTelegramID(ctx, id); err == nil {
			t.Errorf("demo user %d (%s) was registered by the seeding; they register by chatting", id, u.Name)
		}
	}

	// What an organiser's audience finds: each association once, with its
	// members counted once.
	cases := []struct {
		topics   []domain.Topic
		city     string
		cityOnly bool
		want     []string
	}{
		{domain.InterestTopics, "Dortmund", false, []string{assocAfrican + " 2", assocParents + " 1", assocWomen + " 1"}},
		{[]domain.Topic{domain.TopicCulture}, "Dortmund", false, []string{assocAfrican + " 2", assocWomen + " 1"}},
		{[]domain.Topic{domain.TopicCulture}, "Dortmund", true, []string{assocAfrican + " 2"}},
		{[]domain.Topic{domain.TopicEducation}, "Dortmund", true, []string{assocAfrican + " 2", assocParents + " 1"}},
		{[]domain.Topic{domain.TopicWomen}, "Bochum", true, []string{assocWomen + " 1"}},
	}
	for _, c := range cases {
		matches, err := store.MatchingOrganisations(ctx, c.topics, c.city, "NW", c.cityOnly)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range matches {
			got = append(got, fmt.Sprintf("%s %d", m.Organisation.Name, m.Members))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("audience of %v in %s (city only %v) = %q, want %q", c.topics, c.city, c.cityOnly, got, c.want)
		}
	}
}

// A member who deleted their data is registered afresh at the next start,
// and rejoins their association by its invite; the association is not
// registered twice.
func TestSeedAssociationsAfterErasure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := storagetest.Store(t, storage.WithClock(testNow))
	if err := sandbox.SeedAssociations(ctx, store, testNow()); err != nil {
		t.Fatal(err)
	}
	kofi, err := store.UserByTelegramID(ctx, sandbox.AfricanAssoc2ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.DeleteUser(ctx, kofi.ID); err != nil {
		t.Fatal(err)
	}
	if err := sandbox.SeedAssociations(ctx, store, testNow()); err != nil {
		t.Fatalf("SeedAssociations after an erasure: %v", err)
	}
	matches, err := store.MatchingOrganisations(ctx, []domain.Topic{domain.TopicCulture}, "Dortmund", "NW", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(matches) != 1 || matches[0].Organisation.Name != assocAfrican || matches[0].Members != 2 {
		t.Errorf("the Kulturverein after Kofi's erasure and a restart: %+v, want it once with 2 members", matches)
	}
}
