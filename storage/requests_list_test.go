package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

func refsOf(list []domain.Request) []string {
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = r.Ref
	}
	return out
}

func TestListingOrder(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	colleague := registerUser(t, e.env, 4, "Kollegin", domain.RoleMunicipal, "hattingen") // same municipality
	other := registerUser(t, e.env, 5, "Andere Stadt", domain.RoleMunicipal, "Solingen")
	muns, err := e.st.MunicipalitiesOf(ctx, other.ID)
	if err != nil || len(muns) != 1 || muns[0].MunicipalityID == e.mun.MunicipalityID || muns[0].Municipality != "Solingen" {
		t.Fatalf("other municipalities = %+v, %v", muns, err)
	}
	otherMun := muns[0]
	submit := func(key string, d domain.RequestDraft) domain.Request {
		t.Helper()
		e.clock.Add(time.Hour)
		r, _, err := e.st.SubmitRequest(ctx, d, key, nil)
		if err != nil {
			t.Fatalf("submit %s: %v", key, err)
		}
		return r
	}
	submit("a", e.draft())                                     // 0001
	submit("b", e.draftOf(colleague.ID, e.mun.MunicipalityID)) // 0002
	approved := submit("c", e.draft())                         // 0003
	submit("d", e.draftOf(other.ID, otherMun.MunicipalityID))  // 0004
	if _, err := e.st.Transition(ctx, approved.ID, e.coordA.ID, []domain.Status{domain.StatusSubmitted},
		domain.StatusApproved, domain.EventStatus, "", nil); err != nil {
		t.Fatalf("approve: %v", err)
	}

	tests := []struct {
		name string
		list func() ([]domain.Request, error)
		want []string
	}{
		{"by requester, newest first", func() ([]domain.Request, error) { return e.st.ListByRequester(ctx, e.requester.ID) },
			[]string{"MG-2026-0003", "MG-2026-0001"}},
		{"by municipality, newest first", func() ([]domain.Request, error) { return e.st.ListByMunicipality(ctx, e.mun.MunicipalityID) },
			[]string{"MG-2026-0003", "MG-2026-0002", "MG-2026-0001"}},
		{"open queue, oldest first", func() ([]domain.Request, error) { return e.st.OpenQueue(ctx) },
			[]string{"MG-2026-0001", "MG-2026-0002", "MG-2026-0004"}},
		{"nobody's requests", func() ([]domain.Request, error) { return e.st.ListByRequester(ctx, e.coordA.ID) }, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list, err := tc.list()
			if err != nil || !slices.Equal(refsOf(list), tc.want) {
				t.Fatalf("list = %v, %v; want %v", refsOf(list), err, tc.want)
			}
		})
	}
	queue, _ := e.st.OpenQueue(ctx)
	if len(queue) == 0 || !queue[0].CreatedAt.Equal(time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)) {
		t.Errorf("oldest queued request created at %v, want 18:00 UTC", queue)
	}
}

func TestRequestLookups(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	if e.mun.Municipality != "Hattingen" || e.mun.State != "NW" || e.mun.Function != "Integrationsbeauftragte" {
		t.Errorf("municipality of requester = %+v", e.mun)
	}
	if muns, err := e.st.MunicipalitiesOf(ctx, e.coordA.ID); err != nil || len(muns) != 0 {
		t.Errorf("municipalities of a coordinator = %+v, %v; want none", muns, err)
	}
	// A second link comes after the first.
	if _, err := e.db.Exec(ctx, `WITH m AS (INSERT INTO municipalities (name, state) VALUES ('Sprockhövel', 'NW') RETURNING id)
		INSERT INTO municipal_contacts (user_id, municipality_id, function, created_at)
		SELECT $1, m.id, 'Leitung Soziales', (SELECT created_at + interval '1 day' FROM municipal_contacts WHERE user_id = $1) FROM m`,
		e.requester.ID); err != nil {
		t.Fatal(err)
	}
	if muns, err := e.st.MunicipalitiesOf(ctx, e.requester.ID); err != nil || len(muns) != 2 || muns[0] != e.mun ||
		muns[1].Municipality != "Sprockhövel" || muns[1].Function != "Leitung Soziales" {
		t.Errorf("municipalities of a contact of two = %+v, %v", muns, err)
	}
	notFound := []struct {
		name string
		call func() error
	}{
		{"request by id", func() error { _, err := e.st.RequestByID(ctx, 42); return err }},
		{"request by ref", func() error { _, err := e.st.RequestByRef(ctx, "MG-2026-0042"); return err }},
		{"user by id", func() error { _, err := e.st.UserByID(ctx, 999); return err }},
	}
	for _, tc := range notFound {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, domain.ErrNotFound) {
				t.Fatalf("error %v, want ErrNotFound", err)
			}
		})
	}
	u, err := e.st.UserByID(ctx, e.requester.ID)
	if err != nil || u.ChatID != e.requester.ChatID || u.Lang != "de" || !u.Has(domain.RoleMunicipal) {
		t.Errorf("user by id = %+v, %v", u, err)
	}
	if err := e.st.DeleteUser(ctx, e.coordB.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	cs, err := e.st.Coordinators(ctx)
	if err != nil || len(cs) != 1 || cs[0].ID != e.coordA.ID || !cs[0].Has(domain.RoleCoordinator) {
		t.Errorf("coordinators = %+v, %v; want only A (B was deleted)", cs, err)
	}
}
