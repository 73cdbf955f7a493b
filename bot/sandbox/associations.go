package sandbox

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// DemoAssociation is a migrant association the sandbox registers at start,
// so that an event has someone to invite: its profile and its members.
type DemoAssociation struct {
	Profile domain.OrganisationProfile
	// Members are the Telegram ids of demo users (DemoUsers): the first
	// registers the association, the others join it by its invite.
	Members []int64
}

// DemoAssociations returns the associations SeedAssociations registers: two
// in Dortmund (the Afrikanischer Kulturverein with two members, the
// Deutsch-Türkischer Elternverein with one) and one in Bochum, another city
// of the same Bundesland (the Syrischer Frauenverein, whose invitations
// come in English). It never fails.
func DemoAssociations() []DemoAssociation {
	return []DemoAssociation{
		{Profile: domain.OrganisationProfile{Name: "Afrikanischer Kulturverein Dortmund", City: "Dortmund", State: "NW",
			Topics:     []domain.Topic{domain.TopicCulture, domain.TopicEducation, domain.TopicMigrantOrganisations},
			InviteLang: "de"}, Members: []int64{AfricanAssocID, AfricanAssoc2ID}},
		{Profile: domain.OrganisationProfile{Name: "Deutsch-Türkischer Elternverein Dortmund", City: "Dortmund", State: "NW",
			Topics: []domain.Topic{domain.TopicEducation, domain.TopicYouth}, InviteLang: "de"},
			Members: []int64{ParentsAssocID}},
		{Profile: domain.OrganisationProfile{Name: "Syrischer Frauenverein Bochum", City: "Bochum", State: "NW",
			Topics: []domain.Topic{domain.TopicWomen, domain.TopicCulture}, InviteLang: "en"},
			Members: []int64{WomenAssocID}},
	}
}

// DemoStore is what SeedAssociations needs of the bot's store
// (storage.Store): the calls onboarding makes when an association
// registers and a colleague joins it by invite.
type DemoStore interface {
	// UserByTelegramID returns the registered user, domain.ErrNotFound
	// when there is none or they were deleted.
	UserByTelegramID(ctx context.Context, telegramID int64) (domain.User, error)
	// Profiles returns the user's municipal and organisation profiles.
	Profiles(ctx context.Context, userID int64) ([]domain.MunicipalProfile, []domain.OrganisationProfile, error)
	// AddInvite stores an invite.
	AddInvite(ctx context.Context, inv domain.Invite) error
	// Register stores a registration as onboarding does.
	Register(ctx context.Context, r domain.Registration, notify func(domain.Contact) []domain.Notification,
		extra ...domain.Role) (domain.User, error)
}

// SeedAssociations registers the demo associations (DemoAssociations) as
// their members would by chatting: the first member registers the
// association with its profile, every other member joins it by a
// single-use invite of the first, as a colleague who opens the invite link
// does; everyone consents at now. A member registered already is left as
// they are (with what they changed since), so a second start adds nothing;
// a member who deleted their data is registered afresh. It returns the
// first error of the store.
func SeedAssociations(ctx context.Context, store DemoStore, now time.Time) error {
	names := make(map[int64]string)
	langs := make(map[int64]string)
	for _, u := range DemoUsers() {
		names[u.ID], langs[u.ID] = u.FirstName+" "+u.LastName, u.LanguageCode
	}
	for _, a := range DemoAssociations() {
		p := a.Profile
		reg := func(id int64, code string) domain.Registration {
			return domain.Registration{TelegramID: id, ChatID: id, Name: names[id], Lang: langs[id], ConsentAt: now,
				Role: domain.RoleOrganisation, Organisation: &p, InviteCode: code}
		}
		founder, err := store.UserByTelegramID(ctx, a.Members[0])
		if errors.Is(err, domain.ErrNotFound) {
			founder, err = store.Register(ctx, reg(a.Members[0], ""), nil)
		}
		if err != nil {
			return fmt.Errorf("sandbox: demo association %d: %w", a.Members[0], err)
		}
		_, orgs, err := store.Profiles(ctx, founder.ID)
		if err != nil {
			return fmt.Errorf("sandbox: demo association %d: %w", a.Members[0], err)
		}
		if len(orgs) == 0 { // the founder left the association: nothing to join
			continue
		}
		for _, id := range a.Members[1:] {
			if _, err := store.UserByTelegramID(ctx, id); !errors.Is(err, domain.ErrNotFound) {
				if err != nil {
					return fmt.Errorf("sandbox: demo member %d: %w", id, err)
				}
				continue
			}
			inv := domain.Invite{Code: rand.Text(), CreatedBy: founder.ID, ExpiresAt: now.Add(time.Hour),
				InviteScope: domain.InviteScope{Role: domain.RoleOrganisation, OrganisationID: orgs[0].ID}}
			if err := store.AddInvite(ctx, inv); err != nil {
				return fmt.Errorf("sandbox: invite of demo member %d: %w", id, err)
			}
			if _, err := store.Register(ctx, reg(id, inv.Code), nil); err != nil {
				return fmt.Errorf("sandbox: demo member %d: %w", id, err)
			}
		}
	}
	return nil
}
