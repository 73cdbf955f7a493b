package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// offeredOne is an event of 1 seat published to A and B, with the clock
// past its answer deadline (so that its start may move to any time
// ahead): A held the seat, B waited, A said no, and B is offered the seat
// for 24 hours.
func (w *evWorld) offeredOne(t *testing.T) (domain.Event, []int64, []int64) {
	t.Helper()
	e, orgs, members := w.seated(t, 1, domain.EventSeating{}, 2)
	w.clock.Add(e.Deadline.Add(24 * time.Hour).Sub(w.clock.Now()))
	w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 1)
	w.reply(t, e, orgs[1], members[1], domain.ReplyYes, 1)
	ch := w.reply(t, e, orgs[0], members[0], domain.ReplyNo, 0)
	if len(ch.Promoted) != 1 || !ch.Promoted[0].Answer.OfferUntil.Equal(w.clock.Now().Add(24*time.Hour)) {
		t.Fatalf("promoted %+v, want B offered for 24 hours", ch.Promoted)
	}
	return e, orgs, members
}

// moved is the draft of e starting at start (for 2 hours).
func moved(e domain.Event, start time.Time) domain.EventDraft {
	d := draftOf(e)
	d.Start, d.End = start, start.Add(2*time.Hour)
	return d
}

// toldOf is the invitation of org among told.
func toldOf(told []domain.EventInvitation, org int64) (domain.EventInvitation, bool) {
	for _, m := range told {
		if m.OrganisationID == org {
			return m, true
		}
	}
	return domain.EventInvitation{}, false
}

// A start moved earlier ends an open offer 2 hours before the new start
// at the latest (domain.OfferEnd), not later.
func TestChangeOfTheStartEndsAnOfferTwoHoursBeforeTheNewStart(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, _ := w.offeredOne(t)
	start := w.clock.Now().Add(25 * time.Hour) // start - 2 h lies before the offer's end (now + 24 h)
	up, err := w.st.ChangeEvent(ctx, e.ID, w.organiser.ID, moved(e, start), toldNotes)
	if err != nil {
		t.Fatalf("change: %v", err)
	}
	latest := start.Add(-domain.MinConfirmLead)
	if b := w.answer(t, e, orgs[1]); b.Offered != 1 || !b.OfferUntil.Equal(latest) {
		t.Fatalf("B after the change %+v, want offered until %v", b, latest)
	}
	if m, ok := toldOf(up.Told, orgs[1]); !ok || !m.Answer.OfferUntil.Equal(latest) {
		t.Fatalf("B told %v with %+v", ok, m.Answer)
	}
	// A later start leaves the offer's end as it is.
	if _, err := w.st.ChangeEvent(ctx, e.ID, w.organiser.ID, moved(e, start.Add(48*time.Hour)), toldNotes); err != nil {
		t.Fatalf("later start: %v", err)
	}
	if b := w.answer(t, e, orgs[1]); !b.OfferUntil.Equal(latest) {
		t.Fatalf("B after a later start %+v", b)
	}
}

// A start moved to within 2 hours gives the seats offered at once: they
// cannot be confirmed in time, nor stay offered.
func TestChangeOfTheStartToWithinTwoHoursGivesTheOfferedSeats(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.offeredOne(t)
	up, err := w.st.ChangeEvent(ctx, e.ID, w.organiser.ID, moved(e, w.clock.Now().Add(time.Hour)), toldNotes)
	if err != nil {
		t.Fatalf("change: %v", err)
	}
	if b := w.answer(t, e, orgs[1]); seatsOf(b) != [3]int{1, 0, 0} || !b.OfferUntil.IsZero() || b.Reply != domain.ReplyYes {
		t.Fatalf("B after the change %+v, want the seat held", b)
	}
	if w.taken(t, e) != 1 || up.After.SeatsTaken != 1 {
		t.Fatalf("seats taken %d (update %d), want 1", w.taken(t, e), up.After.SeatsTaken)
	}
	if m, ok := toldOf(up.Told, orgs[1]); !ok || m.Answer.Seats != 1 || m.Answer.Offered != 0 {
		t.Fatalf("B told %v with %+v, want told with the seat", ok, m.Answer)
	}
	_, err = w.st.ConfirmSeats(ctx, members[1], e.ID, orgs[1], nil)
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("confirm after the change: %v, want a conflict (nothing offered)", err)
	}
}

// CountTold counts the members the next change or cancellation tells:
// not a member who left, nor one who joined an association after the
// invitations went out (they have no invitation).
func TestCountToldIsWhomTheChangeAndTheCancellationTell(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	s := w.fiveAnswers(t)
	_, joined := w.addOrg(t, "Neuer Verein", "Dortmund", 1)
	if _, err := w.db.Exec(ctx, `UPDATE organisation_members SET organisation_id = $1 WHERE user_id = $2`,
		s.orgs[1], joined[0]); err != nil {
		t.Fatal(err)
	}
	n, err := w.st.CountTold(ctx, s.e.ID, false)
	if err != nil || n != 5 {
		t.Fatalf("count told of a change: %d, %v; want 5 (yes but the former member, waiting, maybe)", n, err)
	}
	d := draftOf(s.e)
	d.Place = "Stadthalle"
	up, err := w.st.ChangeEvent(ctx, s.e.ID, w.organiser.ID, d, toldNotes)
	if err != nil || len(up.Told) != n {
		t.Fatalf("change told %d, %v; counted %d", len(up.Told), err, n)
	}
	if n, err = w.st.CountTold(ctx, s.e.ID, true); err != nil || n != 9 {
		t.Fatalf("count told of a cancellation: %d, %v; want 9", n, err)
	}
	up, err = w.st.CancelEvent(ctx, s.e.ID, w.organiser.ID, toldNotes)
	if err != nil || len(up.Told) != n {
		t.Fatalf("cancel told %d, %v; counted %d", len(up.Told), err, n)
	}
}
