package statistics_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the statistics tests share: the coordinators, a municipal contact
// of Hattingen, two advisors and two associations' members, with the
// records of Q4 2026 made through the store as the bot makes them, and the
// clock then moved to Q1 2027.
var (
	coord, coordEN = flowstest.Person{ID: flowstest.CoordinatorID}, flowstest.Person{ID: flowstest.Coordinator2ID}
	muni           = flowstest.Person{ID: 8401}
	aylin, bora    = flowstest.Person{ID: 8411}, flowstest.Person{ID: 8412}
	kofi, amara    = flowstest.Person{ID: 8421}, flowstest.Person{ID: 8422}
)

// quarterOfRecords is made at the harness's start (24.11.2026, 18:00 in
// Berlin): two requests of Hattingen, one approved after a day, offered to
// both advisors a day and a half later and, half a day after that, declined
// by Bora ("no time") and accepted by Aylin; the other still waits; an
// event with two associations invited, one yes for three persons who came;
// a rating of four stars. The
// clock then moves on to 5 January 2027 (Q1 2027).
func quarterOfRecords(t *testing.T) *flowstest.H {
	t.Helper()
	h := flowstest.New(t)
	h.RegisterCoordinators()
	h.RegisterMunicipal(muni, "de")
	var advisors []int64
	for _, a := range []struct {
		p    flowstest.Person
		name string
	}{{aylin, "Aylin Demir"}, {bora, "Bora Yilmaz"}} {
		h.Register(a.p, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: a.name})
		advisors = append(advisors, h.UserID(a.p))
	}
	h.Deliver()
	ctx := context.Background()
	r := h.SubmitRequest(muni, false, "stats-1")
	h.Clock.Advance(24 * time.Hour)
	coordID := h.UserID(coord)
	if _, err := h.DB.Transition(ctx, r.ID, coordID, domain.OpenStatuses, domain.StatusApproved, domain.EventStatus, "", nil); err != nil {
		t.Fatal(err)
	}
	h.Clock.Advance(36 * time.Hour)
	ch, err := h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: r.ID, CoordinatorID: coordID, Mode: domain.ModeParallel,
		Advisors: advisors, Window: 48 * time.Hour}, nil)
	if err != nil || len(ch.Opened) != 2 {
		t.Fatalf("offers: %d opened, %v", len(ch.Opened), err)
	}
	h.Clock.Advance(12 * time.Hour)
	for _, o := range ch.Opened { // Bora's no first, then Aylin's yes
		if o.Advisor.ID == advisors[1] {
			if _, err := h.DB.DeclineOffer(ctx, o.ID, o.Advisor.ID, domain.DeclineNoTime, "", nil); err != nil {
				t.Fatalf("decline: %v", err)
			}
		}
	}
	for _, o := range ch.Opened {
		if o.Advisor.ID == advisors[0] {
			if _, err := h.DB.AcceptOffer(ctx, o.ID, o.Advisor.ID, nil); err != nil {
				t.Fatalf("accept: %v", err)
			}
		}
	}
	h.SubmitRequest(muni, false, "stats-2")
	// An event of the coordinator for two associations, one of which says
	// yes for three and came, and a rating of four stars: straight in the
	// tables (the events and reports tests go through the bot).
	for i, p := range []flowstest.Person{kofi, amara} {
		a := flowstest.Organisation
		a.Lang, a.Org = "de", []string{"Afrika-Forum e.V.", "Frauenverein Bochum"}[i]
		h.Register(p, a)
	}
	h.Exec(`WITH e AS (
			INSERT INTO events (organiser_id, status, title, starts_at, ends_at, link, city, state, topics, created_at,
				updated_at, published_at)
			VALUES ($1, 'published', 'Fest der Vereine', '2026-12-12 17:00Z', '2026-12-12 19:00Z', 'https://example.org',
				'Hattingen', 'NW', '{culture}', $2, $2, $2) RETURNING id),
		i AS (INSERT INTO event_invitations (event_id, organisation_id, user_id, invited_at)
			SELECT e.id, m.organisation_id, m.user_id, $2 FROM e, organisation_members m)
		INSERT INTO event_answers (event_id, organisation_id, reply, persons, seats, answered_at, answered_by, attended)
		SELECT e.id, m.organisation_id, 'yes', 3, 3, $2, m.user_id, true FROM e JOIN organisation_members m ON m.user_id = $3`,
		coordID, h.Clock.Now(), h.UserID(kofi))
	h.Exec(`INSERT INTO report_ratings (request_id, stars, rated_at) VALUES ($1, 4, $2)`, r.ID, h.Clock.Now())
	h.Deliver()
	h.Clock.Advance(time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC).Sub(h.Clock.Now()))
	return h
}
