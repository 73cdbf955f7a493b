package main

import (
	"context"
	"fmt"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// Telegram ids of the event phase: the members of the associations and the
// organiser.
const (
	firstMemberID    = 9_800_000_000
	eventOrganiserID = 9_900_000_000
)

// eventOrgSize is how many members each association of the event phase
// has: 3,000 members are 100 associations.
const eventOrgSize = 30

// eventWorld is what the event phase seeded: the organiser, the draft
// event and the members' Telegram ids.
type eventWorld struct {
	organiser telegramfake.User
	event     domain.Event
	members   []int64
	orgs      int
}

// eventTitle is the title of the phase's event; the cards show it.
const eventTitle = "Lasttest: Interkulturelles Sommerfest"

// seedEvents registers, straight in Postgres, cfg.Events members of
// associations in Dortmund that care for culture (eventOrgSize each: the
// first registers the association, the others join it by an invite), an
// advisor as organiser, and the organiser's draft event in Dortmund a
// week from now, on culture.
func (b *bench) seedEvents(ctx context.Context, store *storage.Store) (eventWorld, error) {
	n := b.cfg.Events
	w := eventWorld{organiser: telegramfake.User{ID: eventOrganiserID, FirstName: "Lasttest", LanguageCode: "de"},
		members: make([]int64, n), orgs: (n + eventOrgSize - 1) / eventOrgSize}
	organiser, err := b.register(ctx, store, eventOrganiserID, "Lasttest Veranstalterin", domain.RoleAdvisor, nil)
	if err != nil {
		return w, err
	}
	err = runUsers(w.orgs, 8, func(i int) error {
		first := i * eventOrgSize
		size := min(eventOrgSize, n-first)
		for k := range size {
			w.members[first+k] = firstMemberID + int64(first+k)
		}
		return b.seedAssociation(ctx, store, i, w.members[first:first+size])
	})
	if err != nil {
		return w, err
	}
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour)
	w.event, err = store.CreateEvent(ctx, domain.EventDraft{OrganiserID: organiser, Title: eventTitle,
		Description: "Musik, Essen und Gespräche.", Start: start, End: start.Add(3 * time.Hour),
		Place: "Westfalenpark, Dortmund", City: "Dortmund", State: "NW",
		Topics: []domain.Topic{domain.TopicCulture}, Needs: domain.EventNeeds})
	if err != nil {
		return w, fmt.Errorf("event phase: %w", err)
	}
	return w, nil
}

// seedAssociation registers association i with members ids: the first
// member registers it, each further one joins by an invite of the first.
func (b *bench) seedAssociation(ctx context.Context, store *storage.Store, i int, ids []int64) error {
	profile := &domain.OrganisationProfile{Name: fmt.Sprintf("Lasttest-Verein %03d", i+1), City: "Dortmund",
		State: "NW", Topics: []domain.Topic{domain.TopicCulture}, InviteLang: "de"}
	var orgID, firstUser int64
	for k, id := range ids {
		b.fake.AddUser(telegramfake.User{ID: id, FirstName: "Mitglied", LanguageCode: "de"})
		reg := domain.Registration{TelegramID: id, ChatID: id, Name: fmt.Sprintf("Mitglied %d", id-firstMemberID+1),
			Lang: "de", ConsentAt: time.Now(), Role: domain.RoleOrganisation, Organisation: profile}
		if k > 0 {
			reg.InviteCode = fmt.Sprintf("lasttest-%d", id)
			inv := domain.Invite{Code: reg.InviteCode, CreatedBy: firstUser, ExpiresAt: time.Now().Add(time.Hour),
				InviteScope: domain.InviteScope{Role: domain.RoleOrganisation, OrganisationID: orgID}}
			if err := store.AddInvite(ctx, inv); err != nil {
				return fmt.Errorf("event phase: invite %d: %w", id, err)
			}
		}
		u, err := store.Register(ctx, reg, nil)
		if err != nil {
			return fmt.Errorf("event phase: register %d: %w", id, err)
		}
		if k == 0 {
			firstUser = u.ID
			_, orgs, err := store.Profiles(ctx, u.ID)
			if err != nil || len(orgs) != 1 {
				return fmt.Errorf("event phase: the association of %d: %d organisations, %v", id, len(orgs), err)
			}
			orgID = orgs[0].ID
		}
	}
	return nil
}
