package storage_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func TestProfilesReadBackWhatRegisterStored(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	mun, err := e.st.Register(ctx, registration(e, 501, domain.RoleMunicipal), nil)
	if err != nil {
		t.Fatal(err)
	}
	org, err := e.st.Register(ctx, registration(e, 502, domain.RoleOrganisation), nil)
	if err != nil {
		t.Fatal(err)
	}
	muns, orgs, err := e.st.Profiles(ctx, mun.ID)
	if err != nil || len(orgs) != 0 || len(muns) != 1 ||
		muns[0] != (domain.MunicipalProfile{Municipality: "Hattingen", State: "NW", Function: "Integrationsbeauftragte",
			Status: domain.ContactPending}) {
		t.Fatalf("municipal contact: %+v %+v %v", muns, orgs, err)
	}
	muns, orgs, err = e.st.Profiles(ctx, org.ID)
	if err != nil || len(muns) != 0 || len(orgs) != 1 ||
		!reflect.DeepEqual(orgs[0], domain.OrganisationProfile{ID: orgs[0].ID, Name: "Kulturverein Brücke e.V.", City: "Dortmund",
			State: "NW", Topics: []domain.Topic{domain.TopicCulture, domain.TopicYouth}, InviteLang: "de",
			StoppedTopics: []domain.Topic{}}) || orgs[0].ID == 0 {
		t.Fatalf("organisation contact: %+v %+v %v", muns, orgs, err)
	}
	if err := e.st.DeleteUser(ctx, mun.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{mun.ID, 999999} {
		if _, _, err := e.st.Profiles(ctx, id); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("user %d: got %v, want ErrNotFound", id, err)
		}
	}
}
