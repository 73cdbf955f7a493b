package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// fourOrgs adds four associations of Nordrhein-Westfalen, two members
// each, and returns their ids and members: two in Dortmund that care about
// the event's topics (one city spelt in lower case), one in Dortmund that
// cares about women only, one in Bochum that cares about everything.
func (w *evWorld) fourOrgs(t *testing.T) (orgs []int64, members [][]int64) {
	t.Helper()
	for _, o := range []struct {
		name, city string
		topics     []domain.Topic
	}{
		{"Kulturverein Brücke e.V.", "Dortmund", domain.InterestTopics},
		{"Afrika-Forum", "dortmund", []domain.Topic{domain.TopicCulture}},
		{"Frauen für Frauen", "Dortmund", []domain.Topic{domain.TopicWomen}},
		{"Ruhrgebiet United", "Bochum", domain.InterestTopics},
	} {
		id, ms := w.addOrgWith(t, o.name, o.city, o.topics, 2)
		orgs, members = append(orgs, id), append(members, ms)
	}
	return orgs, members
}

func TestAudienceMatchesTheProfileAndTakesAdditions(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	orgs, members := w.fourOrgs(t)
	e := w.create(t)

	ids := func(f domain.AudienceFilter) []int64 {
		t.Helper()
		aud, _, err := w.st.Audience(ctx, e.ID, f)
		if err != nil {
			t.Fatalf("audience %+v: %v", f, err)
		}
		var out []int64
		for _, o := range aud {
			if o.Members != 2 {
				t.Fatalf("members of %+v", o)
			}
			out = append(out, o.ID)
		}
		slices.Sort(out)
		return out
	}
	// The event (culture, religion and dialogue, in Dortmund, NW): the
	// Bundesland by default, the city alone when narrowed; topics must
	// overlap; an association added by hand joins whatever its city and
	// topics.
	if got, want := ids(domain.AudienceFilter{}), []int64{orgs[0], orgs[1], orgs[3]}; !slices.Equal(got, want) {
		t.Fatalf("audience %v, want %v", got, want)
	}
	if got := ids(domain.AudienceFilter{CityOnly: true}); !slices.Equal(got, orgs[:2]) {
		t.Fatalf("city only %v, want %v", got, orgs[:2])
	}
	if got := ids(domain.AudienceFilter{CityOnly: true, Add: []int64{orgs[2], orgs[0]}}); !slices.Equal(got, orgs[:3]) {
		t.Fatalf("with the women's association added %v, want %v", got, orgs[:3])
	}
	if err := w.st.SetInvitationStop(ctx, members[1][0], orgs[1], domain.TopicCulture, true); err != nil {
		t.Fatal(err)
	}
	if got := ids(domain.AudienceFilter{CityOnly: true}); !slices.Equal(got, orgs[:1]) {
		t.Fatalf("after Afrika-Forum stopped culture %v, want %v", got, orgs[:1])
	}
	// An association that stopped every invitation is not added by hand
	// either, and publishing to it invites nobody.
	if err := w.st.SetInvitationStop(ctx, members[2][0], orgs[2], "", true); err != nil {
		t.Fatal(err)
	}
	if got := ids(domain.AudienceFilter{CityOnly: true, Add: []int64{orgs[2]}}); !slices.Equal(got, orgs[:1]) {
		t.Fatalf("with the stopped association added %v, want %v", got, orgs[:1])
	}
	if n, err := w.st.Publish(ctx, e.ID, w.organiser.ID, []int64{orgs[0], orgs[2]}, card); err != nil || n != 2 {
		t.Fatalf("publish to one open and one stopped association: %d invitations, %v; want the open one's 2", n, err)
	}
	if _, _, err := w.st.Audience(ctx, 424242, domain.AudienceFilter{}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown event: %v", err)
	}
}

func TestPublishInvitesEveryMemberOnceAndAReplayWritesNothing(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	orgs, members := w.fourOrgs(t)
	e := w.create(t)
	stranger := registerUser(t, w.env, 2, "Anderer Berater", domain.RoleAdvisor, "")

	if _, err := w.st.Publish(ctx, e.ID, stranger.ID, orgs[:3], card); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("publish by another advisor: %v", err)
	}
	if _, err := w.st.Publish(ctx, e.ID, w.organiser.ID, nil, card); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("publish to nobody: %v", err)
	}
	if n := w.count(t, `SELECT count(*) FROM event_invitations`) + w.count(t, `SELECT count(*) FROM outbox`); n != 0 {
		t.Fatalf("%d rows written by refused publishes", n)
	}

	var seen []domain.EventInvitation
	n, err := w.st.Publish(ctx, e.ID, w.organiser.ID, orgs[:3], func(inv domain.EventInvitation) []domain.Notification {
		seen = append(seen, inv)
		return card(inv)
	})
	if err != nil || n != 6 || len(seen) != 6 {
		t.Fatalf("publish: %d invitations, %d notified, %v", n, len(seen), err)
	}
	want := w.chatsOf(t, sorted(members[0], members[1], members[2]))
	if got := w.outboxChats(t); !slices.Equal(got, want) {
		t.Fatalf("outbox chats %v, want %v", got, want)
	}
	if got := w.count(t, `SELECT count(*) FROM event_invitations WHERE event_id = $1`, e.ID); got != 6 {
		t.Fatalf("%d invitation rows, want 6", got)
	}
	for _, inv := range seen {
		if inv.Event.Status != domain.EventPublished || inv.Event.ID != e.ID || inv.OrganisationName == "" || inv.Lang != "de" {
			t.Fatalf("notified invitation %+v", inv)
		}
	}

	// The replayed press, and one that adds the fourth association.
	for _, ids := range [][]int64{orgs[:3], orgs} {
		if _, err := w.st.Publish(ctx, e.ID, w.organiser.ID, ids, card); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("publish again: %v", err)
		}
	}
	if a, b := w.count(t, `SELECT count(*) FROM event_invitations`), w.count(t, `SELECT count(*) FROM outbox`); a != 6 || b != 6 {
		t.Fatalf("after the replay: %d invitations, %d outbox rows, want 6 and 6", a, b)
	}
	if got, _ := w.st.EventByID(ctx, e.ID); got.Status != domain.EventPublished || !got.PublishedAt.Equal(w.clock.Now()) {
		t.Fatalf("published event %+v", got)
	}
	c, err := w.st.Counts(ctx, e.ID)
	if err != nil || c.Organisations != 3 || c.Members != 6 || c.NoAnswer != 3 || c.Yes+c.Maybe+c.No+c.Persons != 0 {
		t.Fatalf("counts %+v, %v", c, err)
	}
}

func TestPublishRacingOnTwoStoresWritesOnce(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	orgs, _ := w.fourOrgs(t)
	e := w.create(t)
	other, err := storage.Open(ctx, w.db.Config().ConnString(), storage.WithClock(w.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)

	got := atOnce([]*storage.Store{w.st, other}, func(st *storage.Store) []string {
		_, err := st.Publish(ctx, e.ID, w.organiser.ID, orgs[:3], card)
		switch {
		case err == nil:
			return []string{"published"}
		case errors.Is(err, domain.ErrConflict):
			return []string{"conflict"}
		}
		return []string{err.Error()}
	})
	slices.Sort(got)
	want := []string{"conflict", "conflict", "conflict", "conflict", "conflict", "conflict", "conflict", "published"}
	if !slices.Equal(got, want) {
		t.Fatalf("runs %v, want one published", got)
	}
	if a, b := w.count(t, `SELECT count(*) FROM event_invitations`), w.count(t, `SELECT count(*) FROM outbox`); a != 6 || b != 6 {
		t.Fatalf("%d invitations, %d outbox rows, want 6 and 6", a, b)
	}
}

func TestPublishToThreeThousandMembersInOneTransaction(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	org, members := w.addOrg(t, "Großer Dachverband", "Dortmund", 3000)
	e := w.create(t)

	began := time.Now()
	n, err := w.st.Publish(ctx, e.ID, w.organiser.ID, []int64{org}, card)
	t.Logf("published to %d members in %v", n, time.Since(began))
	if err != nil || n != 3000 {
		t.Fatalf("publish: %d, %v", n, err)
	}
	if got := w.count(t, `SELECT count(DISTINCT chat_id) FROM outbox`); got != 3000 {
		t.Fatalf("%d chats in the outbox, want 3000", got)
	}
	if got := w.count(t, `SELECT count(DISTINCT user_id) FROM event_invitations WHERE event_id = $1 AND user_id = ANY($2)`,
		e.ID, members); got != 3000 {
		t.Fatalf("%d members invited, want 3000", got)
	}
}
