package flows_test

import (
	"context"
	"errors"
	"sync"

	"github.com/miglobe/miglobe-bot/flows"
)

// errDown is what testStore returns while it is made to fail.
var errDown = errors.New("connection refused")

// testStore wraps the real Store: it counts calls, records registrations,
// and fails the next call of a method when told.
type testStore struct {
	flows.Store
	mu            sync.Mutex
	calls         int
	failOnce      map[string]bool
	registrations []flows.Registration
}

// failNext makes the next call of method return errDown.
func (s *testStore) failNext(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failOnce == nil {
		s.failOnce = map[string]bool{}
	}
	s.failOnce[method] = true
}

func (s *testStore) enter(method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.failOnce[method] {
		delete(s.failOnce, method)
		return errDown
	}
	return nil
}

func (s *testStore) callCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

func (s *testStore) UserByTelegramID(ctx context.Context, id int64) (flows.User, error) {
	if err := s.enter("UserByTelegramID"); err != nil {
		return flows.User{}, err
	}
	return s.Store.UserByTelegramID(ctx, id)
}

func (s *testStore) Register(ctx context.Context, r flows.Registration, extra ...flows.Role) (flows.User, error) {
	if err := s.enter("Register"); err != nil {
		return flows.User{}, err
	}
	s.mu.Lock()
	s.registrations = append(s.registrations, r)
	s.mu.Unlock()
	return s.Store.Register(ctx, r, extra...)
}

func (s *testStore) SetLanguage(ctx context.Context, userID int64, lang string) error {
	if err := s.enter("SetLanguage"); err != nil {
		return err
	}
	return s.Store.SetLanguage(ctx, userID, lang)
}

func (s *testStore) GrantRole(ctx context.Context, userID int64, r flows.Role) error {
	if err := s.enter("GrantRole"); err != nil {
		return err
	}
	return s.Store.GrantRole(ctx, userID, r)
}

func (s *testStore) InviteByCode(ctx context.Context, code string) (flows.Invite, error) {
	if err := s.enter("InviteByCode"); err != nil {
		return flows.Invite{}, err
	}
	return s.Store.InviteByCode(ctx, code)
}

func (s *testStore) DeleteUser(ctx context.Context, userID int64) error {
	if err := s.enter("DeleteUser"); err != nil {
		return err
	}
	return s.Store.DeleteUser(ctx, userID)
}

// lastRegistration returns the newest Registration passed to Register.
func (s *testStore) lastRegistration() (flows.Registration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.registrations) == 0 {
		return flows.Registration{}, false
	}
	return s.registrations[len(s.registrations)-1], true
}
