package storage_test

import (
	"context"
	"maps"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A member of two matching associations counts once among the members an
// audience reaches, in the language of the association with the lower id,
// as publishing invites them; the associations keep their own numbers.
func TestAudienceCountsAMemberOfTwoAssociationsOnce(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	first, ms := w.addOrg(t, "Kulturverein Brücke e.V.", "Dortmund", 2)
	second, _ := w.addOrg(t, "Afrika-Forum", "Dortmund", 1)
	if _, err := w.db.Exec(ctx, `UPDATE organisations SET invite_lang = 'en' WHERE id = $1`, second); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.Exec(ctx, `INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2)`, second, ms[0]); err != nil {
		t.Fatal(err)
	}
	e := w.create(t)
	orgs, members, err := w.st.Audience(ctx, e.ID, domain.AudienceFilter{})
	if err != nil || len(orgs) != 2 || orgs[0].Members+orgs[1].Members != 4 {
		t.Fatalf("audience %+v, %v", orgs, err)
	}
	if want := (domain.AudienceMembers{"de": 2, "en": 1}); !maps.Equal(members, want) || members.Total() != 3 {
		t.Fatalf("members reached %v, want %v", members, want)
	}
	n, err := w.st.Publish(ctx, e.ID, w.organiser.ID, []int64{first, second}, card)
	if err != nil || n != members.Total() {
		t.Fatalf("publish: %d invitations, %v; want %d", n, err, members.Total())
	}
	if got := len(w.outboxChats(t)); got != 3 {
		t.Fatalf("%d cards, want 3", got)
	}
}
