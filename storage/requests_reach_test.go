package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The requester's contact for the advisor: stored with its notifications,
// refused when too long, and erased with the requester's data.
func TestContactReachIsStoredAndErased(t *testing.T) {
	t.Parallel()
	e := newReqEnv(t)
	ctx := context.Background()
	r := e.submit(t, "reach", nil)
	if _, err := e.st.SetContactReach(ctx, r.ID, e.requester.ID, strings.Repeat("x", domain.MaxReachLen+1), e.toRequester); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("too long: %v", err)
	}
	got, err := e.st.SetContactReach(ctx, r.ID, e.requester.ID, "Telefon 02324 204-0", e.toRequester)
	if err != nil || got.ContactReach != "Telefon 02324 204-0" {
		t.Fatalf("set: %+v, %v", got, err)
	}
	if n := e.count(t, `SELECT count(*) FROM outbox`); n != 1 {
		t.Errorf("%d notifications, want 1", n)
	}
	if _, err := e.st.SetContactReach(ctx, 99999, e.requester.ID, "x@y.de", nil); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("unknown request: %v", err)
	}
	if err := e.st.DeleteUser(ctx, e.requester.ID); err != nil {
		t.Fatal(err)
	}
	if after, _ := e.st.RequestByID(ctx, r.ID); after.ContactReach != "" {
		t.Errorf("contact kept after the requester's deletion: %q", after.ContactReach)
	}
}
