package engine

import (
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Actor returns the acting user as Postgres has them now (roles,
// memberships), read at most once per turn. It reports false when the user
// is not registered (a session that knew them forgets them) or when the
// store failed (then Failed is true and the turn rolls back). Every check
// of what the user may see or do is made on it, never on the session.
func (t *Turn) Actor() (domain.Actor, bool) {
	if t.actor == nil && !t.loadActor() {
		return domain.Actor{}, false
	}
	return *t.actor, t.actor.Registered()
}

// loadActor reads the acting user and refreshes what the session caches
// of them. A configured coordinator who lacks the role gets it. It reports
// false on a store error.
func (t *Turn) loadActor() bool {
	store := t.e.cfg.Actors
	a, err := store.ActorByTelegramID(t.ctx, t.u.UserID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		a = domain.Actor{}
	case err != nil:
		t.Fail(err)
		return false
	}
	if a.Registered() && t.ConfiguredCoordinator() && !a.Has(domain.RoleCoordinator) {
		if err := store.GrantRole(t.ctx, a.ID, domain.RoleCoordinator); err != nil {
			t.Fail(err)
			return false
		}
		a.Roles = append(a.Roles, domain.RoleCoordinator)
	}
	t.actor = &a
	t.sess.UserID, t.sess.Roles = a.ID, a.Roles
	if a.Registered() && t.sess.Lang == "" && t.e.texts.Supports(a.Lang) {
		t.sess.Lang = a.Lang
	}
	return true
}

// SetUser records in the session that the user registered as u (after
// onboarding); a later Actor in the same turn reads them afresh.
func (t *Turn) SetUser(u domain.User) {
	t.sess.UserID, t.sess.Roles = u.ID, u.Roles
	t.actor = nil
}

// Forget drops what the session knows about a user whose record is gone;
// the language stays for the answer.
func (t *Turn) Forget() {
	t.sess.UserID, t.sess.Roles = 0, nil
	t.actor = &domain.Actor{}
}

// ResetSession clears the whole conversation (after the user's data was
// erased); texts noted before stay in the language they were noted in.
// Only the mark of the chat's published command menu stays, so that the
// turn puts the default menu back; once that is done the conversation is
// blank and the store deletes it (domain.Session.Forget).
func (t *Turn) ResetSession() {
	published, ok := t.flagValue(commandsFlag)
	*t.sess = domain.Session{Version: t.sess.Version, Forget: true}
	if ok {
		t.sess.Flags = []string{commandsFlag + published}
	}
	t.actor = &domain.Actor{}
}

// Admit lets the acting user into a feature's screen or command: when no
// flow runs (else Busy says so), the user is registered (else the hint to
// register) and passes policy. Someone who does not is told refusedKey
// after a command, and refused with "not allowed" after a press (which
// only a forged or old button can make). It returns the acting user.
func (t *Turn) Admit(policy func(domain.Actor) bool, refusedKey string) (domain.Actor, bool) {
	if t.Busy() {
		return domain.Actor{}, false
	}
	a, ok := t.Actor()
	switch {
	case t.Failed():
	case !ok:
		t.Note(keyHintNotRegistered, nil)
	case policy(a):
		return a, true
	case t.u.Kind == KindButton:
		t.Refuse(keyForbidden)
	default:
		t.Note(refusedKey, nil)
	}
	return domain.Actor{}, false
}
