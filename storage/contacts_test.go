package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// noteOf is a notification to chat about c, for the tests to count.
func noteOf(chat int64, c domain.Contact) []domain.Notification {
	return []domain.Notification{note(chat, c.Name+" "+string(c.Status))}
}

// A new municipal link waits for the office, and the notice about it is
// written with the registration; registering again with the same
// municipality makes no second link and no second notice.
func TestRegisterAnnouncesANewMunicipalLink(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	var told []domain.Contact
	announce := func(c domain.Contact) []domain.Notification {
		told = append(told, c)
		return noteOf(9001, c)
	}
	u, err := e.st.Register(ctx, registration(e, 31, domain.RoleMunicipal), announce)
	if err != nil {
		t.Fatal(err)
	}
	if len(told) != 1 {
		t.Fatalf("notify called %d times, want once", len(told))
	}
	c := told[0]
	if c.ID == 0 || c.UserID != u.ID || c.Name != "Ayşe Yılmaz" || c.Function != "Integrationsbeauftragte" ||
		c.Municipality != "Hattingen" || c.State != "NW" || c.Status != domain.ContactPending ||
		!c.CreatedAt.Equal(e.clock.Now()) || c.DecidedByID != 0 || !c.DecidedAt.IsZero() {
		t.Errorf("announced %+v", c)
	}
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE chat_id = 9001`); n != 1 {
		t.Errorf("%d notices in the outbox, want 1", n)
	}
	if _, err := e.st.Register(ctx, registration(e, 31, domain.RoleMunicipal), announce); err != nil {
		t.Fatal(err)
	}
	if len(told) != 1 || e.count(t, `SELECT count(*) FROM outbox WHERE chat_id = 9001`) != 1 {
		t.Errorf("registering again announced the link again (%d calls)", len(told))
	}
	for _, role := range []domain.Role{domain.RoleAdvisor, domain.RoleOrganisation} {
		if _, err := e.st.Register(ctx, registration(e, 32, role), announce); err != nil {
			t.Fatal(err)
		}
	}
	if len(told) != 1 {
		t.Errorf("a registration without a municipal profile announced a link")
	}
}

// The office decides a waiting link once: the decision, who took it and
// the notice to the contact are written together; a second decision is a
// conflict that returns the link as the first left it; a decided link is
// no longer waiting.
func TestDecideContact(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	coord, err := e.st.Register(ctx, registration(e, 40, domain.RoleAdvisor), nil, domain.RoleCoordinator)
	if err != nil {
		t.Fatal(err)
	}
	first, err := e.st.Register(ctx, registration(e, 41, domain.RoleMunicipal), nil)
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Add(time.Minute)
	if _, err := e.st.Register(ctx, registration(e, 42, domain.RoleMunicipal), nil); err != nil {
		t.Fatal(err)
	}
	pending, err := e.st.PendingContacts(ctx)
	if err != nil || len(pending) != 2 || pending[0].UserID != first.ID || !pending[0].CreatedAt.Before(pending[1].CreatedAt) {
		t.Fatalf("pending, oldest first: %+v, %v", pending, err)
	}
	link := pending[0].ID

	e.clock.Add(time.Hour)
	c, err := e.st.DecideContact(ctx, link, coord.ID, domain.ContactVerified, func(c domain.Contact) []domain.Notification {
		return noteOf(first.ChatID, c)
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != domain.ContactVerified || c.DecidedByID != coord.ID || c.DecidedByName != "Ayşe Yılmaz" ||
		!c.DecidedAt.Equal(e.clock.Now()) || c.UserID != first.ID {
		t.Errorf("decided %+v", c)
	}
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE chat_id = $1`, first.ChatID); n != 1 {
		t.Errorf("%d notices to the contact, want 1", n)
	}
	if n := e.count(t, `SELECT count(*) FROM audit_log WHERE action = 'contact.verified' AND actor_user_id = $1`, coord.ID); n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}

	again, err := e.st.DecideContact(ctx, link, coord.ID, domain.ContactRejected, func(c domain.Contact) []domain.Notification {
		return noteOf(first.ChatID, c)
	})
	if !errors.Is(err, domain.ErrConflict) || again.Status != domain.ContactVerified || again.DecidedByID != coord.ID {
		t.Errorf("second decision: %+v, %v; want the verified link and ErrConflict", again, err)
	}
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE chat_id = $1`, first.ChatID); n != 1 {
		t.Errorf("the lost decision wrote a notice (%d)", n)
	}
	if pending, _ = e.st.PendingContacts(ctx); len(pending) != 1 || pending[0].UserID == first.ID {
		t.Errorf("still pending: %+v", pending)
	}
	if _, err := e.st.DecideContact(ctx, 999999, coord.ID, domain.ContactVerified, nil); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("unknown link: %v, want ErrNotFound", err)
	}
	if _, err := e.st.DecideContact(ctx, pending[0].ID, coord.ID, domain.ContactPending, nil); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("back to pending: %v, want ErrInvalid", err)
	}

	// The link of a deleted user is gone with it.
	if err := e.st.DeleteUser(ctx, pending[0].UserID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ContactByID(ctx, pending[0].ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("link of a deleted user: %v, want ErrNotFound", err)
	}
	if _, err := e.st.DecideContact(ctx, pending[0].ID, coord.ID, domain.ContactVerified, nil); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("deciding the link of a deleted user: %v, want ErrNotFound", err)
	}
}

// Coordinators deciding one link at once: exactly one decision counts,
// and the contact is told once.
func TestDecideContactOnceUnderRace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	coord, err := e.st.Register(ctx, registration(e, 50, domain.RoleAdvisor), nil, domain.RoleCoordinator)
	if err != nil {
		t.Fatal(err)
	}
	u, err := e.st.Register(ctx, registration(e, 51, domain.RoleMunicipal), nil)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := e.st.PendingContacts(ctx)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending %+v, %v", pending, err)
	}
	const n = 8
	var (
		wg   sync.WaitGroup
		errs [n]error
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			to := domain.ContactVerified
			if i%2 == 1 {
				to = domain.ContactRejected
			}
			_, errs[i] = e.st.DecideContact(ctx, pending[0].ID, coord.ID, to, func(c domain.Contact) []domain.Notification {
				return noteOf(u.ChatID, c)
			})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, domain.ErrConflict):
			t.Errorf("unexpected error %v", err)
		}
	}
	if won != 1 {
		t.Errorf("%d decisions won, want 1", won)
	}
	if got := e.count(t, `SELECT count(*) FROM outbox WHERE chat_id = $1`, u.ChatID); got != 1 {
		t.Errorf("contact told %d times, want once", got)
	}
}
