package storage_test

import (
	"context"
	"errors"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A user's export in the store: a fresh user's sections are empty lists
// (never null) beside the profile, the role and the consent; an unknown
// and a deleted user are ErrNotFound. (What the sections hold is tested
// in flows/mydata.)
func TestExportUser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	u, err := e.st.Register(ctx, registration(e, 1, domain.RoleOrganisation), nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.st.ExportUser(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x.Format != domain.ExportFormat || x.Profile.UserID != u.ID || x.Profile.TelegramID != 1 ||
		len(x.Roles) != 1 || len(x.Consents) != 1 || !x.Consents[0].GivenAt.Equal(u.ConsentAt) ||
		len(x.Organisations) != 1 || x.AdvisorProfile != nil {
		t.Errorf("export %+v", x)
	}
	if x.Requests == nil || x.Offers == nil || x.Invitations == nil || x.InvitesUsed == nil || len(x.Requests) != 0 {
		t.Errorf("empty sections are nil or hold something: %+v", x)
	}
	if _, err := e.st.ExportUser(ctx, u.ID+1000); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("unknown user: %v, want ErrNotFound", err)
	}
	if err := e.st.DeleteUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ExportUser(ctx, u.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("deleted user: %v, want ErrNotFound", err)
	}
}
