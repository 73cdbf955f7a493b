package erasure

import (
	"errors"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// settler settles, before the erasure, what others rely on of actor a,
// each with the store change the office or the organiser would make and
// its notifications; office is the coordinators, told.
type settler struct {
	d      Deps
	t      *engine.Turn
	a      domain.Actor
	office []domain.User
}

// toOffice is the notification key with data for every coordinator.
func (s settler) toOffice(key string, data map[string]any) []domain.Notification {
	notes := s.t.Notifier()
	out := make([]domain.Notification, 0, len(s.office))
	for _, c := range s.office {
		if c.ID != s.a.ID {
			out = append(out, notes.Notification(c, key, data, nil))
		}
	}
	return out
}

// gone reports whether err means the change was made or became moot
// meanwhile (nothing to do); another error is recorded.
func (s settler) gone(err error) bool {
	if errors.Is(err, domain.ErrConflict) || errors.Is(err, domain.ErrNotFound) ||
		errors.Is(err, domain.ErrForbidden) || errors.Is(err, domain.ErrInvalid) {
		return true
	}
	s.t.Fail(err)
	return false
}

// offers withdraws the open and queued offers (the advisor leaves the
// pool as on the office's deactivation): the next queued offers open,
// the office is told.
func (s settler) offers(p domain.ErasurePlan) bool {
	if len(p.Offers) == 0 || !p.Advisor {
		return true
	}
	changes, ok := s.d.OfferNotes(s.t)
	if !ok {
		return false
	}
	notify := func(c domain.AdvisorDeactivation) []domain.Notification {
		var out []domain.Notification
		refs := make([]string, 0, len(c.Changes))
		for _, ch := range c.Changes {
			out = append(out, changes(ch)...)
			refs = append(refs, ch.Request.Ref)
		}
		return append(out, s.toOffice(keyOfficeOffers, map[string]any{"Refs": strings.Join(refs, ", ")})...)
	}
	_, err := s.d.Assignments.SetAdvisorActive(s.t.Ctx(), s.a.ID, s.a.ID, false, notify)
	return err == nil || s.gone(err)
}

// seats gives back the seats of requests not yet scheduled: the request
// goes back to matching; the requester side and the office are told.
func (s settler) seats(p domain.ErasurePlan) bool {
	for _, seat := range p.Seats {
		if !releasable(seat.Status) {
			continue
		}
		requester, ok := s.requester(seat)
		if !ok {
			return false
		}
		changes, ok := s.d.OfferNotes(s.t)
		if !ok {
			return false
		}
		notes := s.t.Notifier()
		notify := func(w domain.SeatWithdrawal) []domain.Notification {
			data := map[string]any{"Ref": w.Change.Request.Ref}
			out := append(changes(w.Change), s.toOffice(keyOfficeSeat, data)...)
			if requester.ID != 0 {
				out = append(out, notes.Notification(requester, keyRequesterSeat, data, nil))
			}
			return out
		}
		if _, err := s.d.Assignments.WithdrawSeat(s.t.Ctx(), seat.RequestID, s.a.ID, s.a.ID, notify); err != nil && !s.gone(err) {
			return false
		}
	}
	return true
}

// requester returns the requester of seat's request (zero when erased).
func (s settler) requester(seat domain.ErasureSeat) (domain.User, bool) {
	u, err := s.d.Users.UserByID(s.t.Ctx(), seat.RequesterID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.User{}, true
	case err != nil:
		s.t.Fail(err)
		return domain.User{}, false
	}
	return u, true
}

// scheduled returns the notify function of the erasure: the requester
// side and the office of each scheduled request the user advises learn
// that the office takes the appointment over.
func (s settler) scheduled(p domain.ErasurePlan) (func(domain.Erasure) []domain.Notification, bool) {
	var out []domain.Notification
	notes := s.t.Notifier()
	for _, seat := range p.Seats {
		if releasable(seat.Status) {
			continue
		}
		requester, ok := s.requester(seat)
		if !ok {
			return nil, false
		}
		data := map[string]any{"Ref": seat.Ref}
		out = append(out, s.toOffice(keyOfficeScheduled, data)...)
		if requester.ID != 0 && requester.ID != s.a.ID {
			out = append(out, notes.Notification(requester, keyRequesterSchedul, data, nil))
		}
	}
	return func(domain.Erasure) []domain.Notification { return out }, true
}

// event reads event id: found false when it is gone, ok false after
// recording a store error.
func (s settler) event(id int64) (e domain.Event, found, ok bool) {
	e, err := s.d.Events.EventByID(s.t.Ctx(), id)
	if err != nil {
		return e, false, s.gone(err)
	}
	return e, true, true
}

// answers withdraws the answers of associations whose last member the
// user is: their seats go to the waitlist, the organiser is told.
func (s settler) answers(p domain.ErasurePlan) bool {
	notes := s.t.Notifier()
	for _, an := range p.Answers {
		e, found, ok := s.event(an.EventID)
		if !ok {
			return false
		} else if !found {
			continue
		}
		organiser, err := s.d.Users.UserByID(s.t.Ctx(), e.OrganiserID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			s.t.Fail(err)
			return false
		}
		notify := func(ch domain.EventAnswerChange) []domain.Notification {
			out := s.d.Promoted(s.t, ch.Event, ch.Promoted)
			if organiser.ID != 0 && organiser.ID != s.a.ID {
				out = append(out, notes.Notification(organiser, keyOrganiserAnswer,
					map[string]any{"Org": an.Organisation, "Title": ch.Event.Title}, nil))
			}
			return out
		}
		ans := domain.OrgAnswer{EventID: an.EventID, OrganisationID: an.OrganisationID, Reply: domain.ReplyNo}
		if _, err := s.d.Events.Answer(s.t.Ctx(), s.a.ID, ans, notify); err != nil && !s.gone(err) {
			return false
		}
	}
	return true
}

// events cancels the upcoming events the user organises, as the
// organiser's own cancel does: every invitee is told.
func (s settler) events(p domain.ErasurePlan) bool {
	for _, pe := range p.Events {
		e, found, ok := s.event(pe.ID)
		if !ok {
			return false
		} else if !found {
			continue
		}
		notify, err := s.d.EventUpdates(s.t, e)
		if err != nil {
			s.t.Fail(err)
			return false
		}
		if _, err := s.d.Events.CancelEvent(s.t.Ctx(), e.ID, s.a.ID, notify); err != nil && !s.gone(err) {
			return false
		}
	}
	return true
}
