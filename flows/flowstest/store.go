package flowstest

import (
	"context"
	"errors"
	"sync"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// ErrDown is what Store returns while it is made to fail.
var ErrDown = errors.New("connection refused")

// Store wraps the real stores: it counts the calls of the methods below,
// records registrations, and fails the next call of a method when told.
// Other methods go straight to the real store.
type Store struct {
	flows.Stores
	mu            sync.Mutex
	calls         map[string]int
	failOnce      map[string]bool
	registrations []domain.Registration
}

// FailNext makes the next call of method return ErrDown.
func (s *Store) FailNext(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failOnce == nil {
		s.failOnce = map[string]bool{}
	}
	s.failOnce[method] = true
}

func (s *Store) enter(method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.calls == nil {
		s.calls = map[string]int{}
	}
	s.calls[method]++
	s.calls[""]++
	if s.failOnce[method] {
		delete(s.failOnce, method)
		return ErrDown
	}
	return nil
}

// Calls returns how many calls method had; "" counts every method.
func (s *Store) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// LastRegistration returns the newest Registration passed to Register.
func (s *Store) LastRegistration() (domain.Registration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.registrations) == 0 {
		return domain.Registration{}, false
	}
	return s.registrations[len(s.registrations)-1], true
}

// ActorByTelegramID counts as "ActorByTelegramID".
func (s *Store) ActorByTelegramID(ctx context.Context, id int64) (domain.Actor, error) {
	if err := s.enter("ActorByTelegramID"); err != nil {
		return domain.Actor{}, err
	}
	return s.Stores.ActorByTelegramID(ctx, id)
}

// Register counts as "Register" and records r.
func (s *Store) Register(ctx context.Context, r domain.Registration, notify func(domain.Contact) []domain.Notification,
	extra ...domain.Role) (domain.User, error) {
	if err := s.enter("Register"); err != nil {
		return domain.User{}, err
	}
	s.mu.Lock()
	s.registrations = append(s.registrations, r)
	s.mu.Unlock()
	return s.Stores.Register(ctx, r, notify, extra...)
}

// SetLanguage counts as "SetLanguage".
func (s *Store) SetLanguage(ctx context.Context, userID int64, lang string) error {
	if err := s.enter("SetLanguage"); err != nil {
		return err
	}
	return s.Stores.SetLanguage(ctx, userID, lang)
}

// GrantRole counts as "GrantRole".
func (s *Store) GrantRole(ctx context.Context, userID int64, r domain.Role) error {
	if err := s.enter("GrantRole"); err != nil {
		return err
	}
	return s.Stores.GrantRole(ctx, userID, r)
}

// InviteByCode counts as "InviteByCode".
func (s *Store) InviteByCode(ctx context.Context, code string) (domain.Invite, error) {
	if err := s.enter("InviteByCode"); err != nil {
		return domain.Invite{}, err
	}
	return s.Stores.InviteByCode(ctx, code)
}

// DeleteUser counts as "DeleteUser".
func (s *Store) DeleteUser(ctx context.Context, userID int64) error {
	if err := s.enter("DeleteUser"); err != nil {
		return err
	}
	return s.Stores.DeleteUser(ctx, userID)
}

// EraseUserWith counts as "EraseUserWith".
func (s *Store) EraseUserWith(ctx context.Context, userID int64, notify func(domain.Erasure) []domain.Notification) (domain.Erasure, error) {
	if err := s.enter("EraseUserWith"); err != nil {
		return domain.Erasure{}, err
	}
	return s.Stores.EraseUserWith(ctx, userID, notify)
}

// SubmitRequest counts as "SubmitRequest".
func (s *Store) SubmitRequest(ctx context.Context, d domain.RequestDraft, key string,
	notify func(domain.Request) []domain.Notification) (domain.Request, bool, error) {
	if err := s.enter("SubmitRequest"); err != nil {
		return domain.Request{}, false, err
	}
	return s.Stores.SubmitRequest(ctx, d, key, notify)
}

// ListByRequester counts as "ListByRequester".
func (s *Store) ListByRequester(ctx context.Context, userID int64) ([]domain.Request, error) {
	if err := s.enter("ListByRequester"); err != nil {
		return nil, err
	}
	return s.Stores.ListByRequester(ctx, userID)
}

// Coordinators counts as "Coordinators".
func (s *Store) Coordinators(ctx context.Context) ([]domain.User, error) {
	if err := s.enter("Coordinators"); err != nil {
		return nil, err
	}
	return s.Stores.Coordinators(ctx)
}

// RecordShown counts as "RecordShown".
func (s *Store) RecordShown(ctx context.Context, chatID int64, msgID int, about domain.About, lang string, forget int) error {
	if err := s.enter("RecordShown"); err != nil {
		return err
	}
	return s.Stores.RecordShown(ctx, chatID, msgID, about, lang, forget)
}

// ForgetShown counts as "ForgetShown".
func (s *Store) ForgetShown(ctx context.Context, chatID int64, msgID int) error {
	if err := s.enter("ForgetShown"); err != nil {
		return err
	}
	return s.Stores.ForgetShown(ctx, chatID, msgID)
}
