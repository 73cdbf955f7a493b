package storage_test

import (
	"context"
	"testing"
)

// A name search finds associations by a part of their name, case
// ignored, with their members; % and _ match only themselves.
func TestSearchOrganisations(t *testing.T) {
	w := newEvWorld(t)
	ctx := context.Background()
	kultur, _ := w.addOrg(t, "Kulturverein Dortmund", "Dortmund", 2)
	w.addOrg(t, "Sportclub Essen", "Essen", 1)
	pct, _ := w.addOrg(t, "100% Vielfalt_e.V.", "Köln", 0)
	got, err := w.st.SearchOrganisations(ctx, "  KULTUR ", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != kultur || got[0].Members != 2 || got[0].City != "Dortmund" {
		t.Fatalf("search kultur: %+v", got)
	}
	for _, q := range []string{"%", "_e.V"} {
		got, err = w.st.SearchOrganisations(ctx, q, 10)
		if err != nil || len(got) != 1 || got[0].ID != pct {
			t.Fatalf("search %q: %+v, %v", q, got, err)
		}
	}
	if got, err = w.st.SearchOrganisations(ctx, "e", 2); err != nil || len(got) != 2 {
		t.Fatalf("limit 2: %+v, %v", got, err)
	}
	if got, err = w.st.SearchOrganisations(ctx, " ", 10); err != nil || len(got) != 0 {
		t.Fatalf("blank query: %+v, %v", got, err)
	}
}
