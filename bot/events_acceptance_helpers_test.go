package bot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// association registers the association p with members: the first one
// registers it, each further one joins by the first one's invite, as the
// invite link does. It returns the association's id.
func association(t *testing.T, store *storage.Store, fake *telegramfake.Server, p domain.OrganisationProfile,
	members ...telegramfake.User) int64 {
	t.Helper()
	ctx := context.Background()
	var orgID, first int64
	for k, m := range members {
		fake.AddUser(m)
		reg := domain.Registration{TelegramID: m.ID, ChatID: m.ID, Name: m.FirstName + " " + m.LastName,
			Lang: m.LanguageCode, ConsentAt: testNow(), Role: domain.RoleOrganisation, Organisation: &p}
		if k > 0 {
			reg.InviteCode = fmt.Sprintf("join-%d", m.ID)
			if err := store.AddInvite(ctx, domain.Invite{Code: reg.InviteCode, CreatedBy: first,
				ExpiresAt: testNow().Add(7 * 24 * time.Hour), InviteScope: domain.InviteScope{Role: domain.RoleOrganisation,
					OrganisationID: orgID}}); err != nil {
				t.Fatal(err)
			}
		}
		u, err := store.Register(ctx, reg, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, orgs, err := store.Profiles(ctx, u.ID)
		if err != nil || len(orgs) != 1 {
			t.Fatalf("the associations of %s: %v, %v", m.FirstName, orgs, err)
		}
		if k == 0 {
			orgID, first = orgs[0].ID, u.ID
		} else if orgs[0].ID != orgID {
			t.Fatalf("%s joined association %d, not %d", m.FirstName, orgs[0].ID, orgID)
		}
	}
	return orgID
}
