package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// twice runs f twice at the same moment, as two instances would.
func twice(f func()) {
	var wg sync.WaitGroup
	wg.Go(f)
	wg.Go(f)
	wg.Wait()
}

// One after another: the first offer is reminded once halfway, expires at
// its deadline and the second gets it; a decline passes it to the third;
// after the last, the change is exhausted. Two runs of each job at the
// same moment change and tell once.
func TestOffersOneAfterAnother(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 3, false)
	ctx := context.Background()
	ch := e.start(t, domain.ModeSequence, 0, 3, tell)
	if len(ch.Opened) != 1 || ch.Opened[0].Advisor.ID != e.advisors[0].ID {
		t.Fatalf("opened %+v", ch.Opened)
	}
	remind := func(o domain.Offer) []domain.Notification {
		return []domain.Notification{{ChatID: o.Advisor.ChatID, Message: domain.Message{Text: "reminder"}}}
	}
	e.clock.Add(23 * time.Hour)
	twice(func() { _, _ = e.st.RemindOffers(ctx, remind) })
	if n := e.outboxCount(t, "reminder"); n != 0 {
		t.Fatalf("reminded before halfway: %d", n)
	}
	e.clock.Add(time.Hour)
	twice(func() {
		if _, err := e.st.RemindOffers(ctx, remind); err != nil {
			t.Error(err)
		}
	})
	if n := e.outboxCount(t, "reminder"); n != 1 {
		t.Fatalf("reminders at halfway: %d, want 1", n)
	}
	e.clock.Add(24*time.Hour - time.Second)
	if got, _ := e.st.ExpireOffers(ctx, tell); len(got) != 0 {
		t.Fatalf("expired before the deadline: %+v", got)
	}
	e.clock.Add(time.Second)
	var mu sync.Mutex
	var changes []domain.OfferChange
	twice(func() {
		got, err := e.st.ExpireOffers(ctx, tell)
		if err != nil {
			t.Error(err)
		}
		mu.Lock()
		changes = append(changes, got...)
		mu.Unlock()
	})
	if len(changes) != 1 || len(changes[0].Opened) != 1 || changes[0].Opened[0].Advisor.ID != e.advisors[1].ID ||
		changes[0].Offer.Status != domain.OfferExpired {
		t.Fatalf("expiry: %+v", changes)
	}
	second := changes[0].Opened[0]
	if !second.Deadline.Equal(e.clock.Now().Add(48 * time.Hour)) {
		t.Errorf("second deadline %v", second.Deadline)
	}
	if _, err := e.st.AcceptOffer(ctx, ch.Opened[0].ID, e.advisors[0].ID, tell); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("accepting the expired offer: %v", err)
	}
	got, err := e.st.DeclineOffer(ctx, second.ID, e.advisors[1].ID, domain.DeclineDistance, "", tell)
	if err != nil || len(got.Opened) != 1 || got.Opened[0].Advisor.ID != e.advisors[2].ID {
		t.Fatalf("decline: %+v, %v", got, err)
	}
	e.clock.Add(48 * time.Hour)
	last, err := e.st.ExpireOffers(ctx, tell)
	if err != nil || len(last) != 1 || !last[0].Exhausted || len(last[0].Opened) != 0 {
		t.Fatalf("last expiry: %+v, %v", last, err)
	}
	if n := e.outboxCount(t, "exhausted"); n != 1 {
		t.Errorf("exhaustion told %d times", n)
	}
	if n := e.outboxCount(t, "card"); n != 3 {
		t.Errorf("%d cards, want 3", n)
	}
	r, _ := e.st.RequestByID(ctx, e.req.ID)
	if r.Status != domain.StatusMatching {
		t.Errorf("status %s, want matching", r.Status)
	}
}

// Refusals change nothing: another advisor's offer is not found, a second
// acceptance and a decline after it are told the offer is accepted, a bad
// reason is invalid, and a request still in review cannot be offered.
func TestOfferRefusals(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 2, false)
	ctx := context.Background()
	ch := e.start(t, domain.ModeParallel, 0, 2, tell)
	mine, theirs := ch.Opened[0], ch.Opened[1]
	before := e.outboxCount(t, "")
	if _, err := e.st.AcceptOffer(ctx, theirs.ID, mine.Advisor.ID, tell); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("accepting another's offer: %v", err)
	}
	if _, err := e.st.DeclineOffer(ctx, mine.ID, mine.Advisor.ID, "bored", "", tell); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("unknown reason: %v", err)
	}
	if e.outboxCount(t, "") != before {
		t.Fatal("a refusal wrote to the outbox")
	}
	if _, err := e.st.AcceptOffer(ctx, mine.ID, mine.Advisor.ID, tell); err != nil {
		t.Fatal(err)
	}
	var closed *domain.OfferClosed
	if _, err := e.st.AcceptOffer(ctx, mine.ID, mine.Advisor.ID, tell); !errors.As(err, &closed) || closed.Status != domain.OfferAccepted {
		t.Errorf("second accept: %v", err)
	}
	if _, err := e.st.DeclineOffer(ctx, theirs.ID, theirs.Advisor.ID, domain.DeclineNoTime, "", tell); !errors.As(err, &closed) ||
		closed.Status != domain.OfferTaken {
		t.Errorf("declining a taken offer: %v", err)
	}
	d := e.draft()
	r, _, _ := e.st.SubmitRequest(ctx, d, "not-approved", nil)
	_, err := e.st.StartOffers(ctx, domain.OfferPlan{RequestID: r.ID, CoordinatorID: e.coordA.ID, Mode: domain.ModeDirect,
		Advisors: e.ids(0, 1), Window: time.Hour}, tell)
	var sc *domain.StatusConflict
	if !errors.As(err, &sc) || sc.Status != domain.StatusSubmitted {
		t.Errorf("offering a submitted request: %v", err)
	}
}

// The candidates carry their load: assignments this quarter and year, the
// last assignment and the last offer.
func TestCandidatesCarryTheirLoad(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 2, false)
	ctx := context.Background()
	for _, a := range e.advisors {
		if err := e.st.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: a.ID, City: "Bochum", State: "NW",
			Formats: []domain.Format{domain.FormatOnline}}); err != nil {
			t.Fatal(err)
		}
	}
	ch := e.start(t, domain.ModeParallel, 0, 2, tell)
	if _, err := e.st.AcceptOffer(ctx, ch.Opened[0].ID, e.advisors[0].ID, tell); err != nil {
		t.Fatal(err)
	}
	now := e.clock.Now()
	list, err := e.st.Candidates(ctx, now.Add(-time.Hour), now.AddDate(-1, 0, 0))
	if err != nil || len(list) != 2 {
		t.Fatalf("candidates: %+v, %v", list, err)
	}
	a, b := list[0], list[1]
	if a.ID() != e.advisors[0].ID || a.Load.Quarter != 1 || a.Load.Year != 1 || !a.Load.LastAssignment.Equal(now) ||
		!a.Load.LastOffer.Equal(now) || a.Profile.City != "Bochum" {
		t.Errorf("winner: %+v", a)
	}
	if b.Load.Quarter != 0 || !b.Load.LastAssignment.IsZero() || !b.Load.LastOffer.Equal(now) {
		t.Errorf("other: %+v", b)
	}
	if later, _ := e.st.Candidates(ctx, now.Add(time.Hour), now.Add(time.Hour)); later[0].Load.Quarter != 0 {
		t.Errorf("quarter start after the assignment counts it: %+v", later[0].Load)
	}
}

// An advisor the office deactivated is not offered a request.
func TestDeactivatedAdvisorIsNotOffered(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 1, false)
	ctx := context.Background()
	if err := e.st.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: e.advisors[0].ID, City: "Bochum", State: "NW",
		Formats: []domain.Format{domain.FormatOnline}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.SetAdvisorActive(ctx, e.advisors[0].ID, e.coordA.ID, false, nil); err != nil {
		t.Fatal(err)
	}
	_, err := e.st.StartOffers(ctx, domain.OfferPlan{RequestID: e.req.ID, CoordinatorID: e.coordA.ID, Mode: domain.ModeDirect,
		Advisors: e.ids(0, 1), Window: time.Hour}, tell)
	if !errors.Is(err, domain.ErrConflict) || e.count(t, `SELECT count(*) FROM offers`) != 0 {
		t.Fatalf("offering a deactivated advisor: %v", err)
	}
}

// One after another: an acceptance ends the offers still queued as taken
// (they never reached a phone), and a withdrawn request ends them too.
func TestQueuedOffersEnd(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 3, false)
	ctx := context.Background()
	ch := e.start(t, domain.ModeSequence, 0, 3, tell)
	got, err := e.st.AcceptOffer(ctx, ch.Opened[0].ID, e.advisors[0].ID, tell)
	if err != nil || !got.Assigned || len(got.Closed) != 2 {
		t.Fatalf("accept: %+v, %v", got, err)
	}
	if n := e.count(t, `SELECT count(*) FROM offers WHERE status = 'taken' AND offered_at IS NULL`); n != 2 {
		t.Errorf("%d queued offers taken, want 2", n)
	}

	w := newOfferEnv(t, 2, false)
	w.start(t, domain.ModeSequence, 0, 2, tell)
	if _, err := w.st.Transition(ctx, w.req.ID, w.requester.ID, domain.CancellableStatuses, domain.StatusCancelled,
		domain.EventStatus, "", nil); err != nil {
		t.Fatalf("withdraw the request: %v", err)
	}
	if n := w.count(t, `SELECT count(*) FROM offers WHERE status = 'withdrawn'`); n != 2 {
		t.Errorf("%d offers withdrawn, want 2", n)
	}
}

// A tandem one after another keeps as many offers open as seats are free:
// two at first, the next after a decline, none queued once both seats
// are held.
func TestTandemOneAfterAnother(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 4, true)
	ctx := context.Background()
	ch := e.start(t, domain.ModeSequence, 0, 4, tell)
	if len(ch.Opened) != 2 {
		t.Fatalf("opened %d at first, want 2", len(ch.Opened))
	}
	got, err := e.st.AcceptOffer(ctx, ch.Opened[0].ID, e.advisors[0].ID, tell)
	if err != nil || got.Assigned || len(got.Opened) != 0 {
		t.Fatalf("first seat: %+v, %v", got, err)
	}
	got, err = e.st.DeclineOffer(ctx, ch.Opened[1].ID, e.advisors[1].ID, domain.DeclineNoTime, "", tell)
	if err != nil || len(got.Opened) != 1 || got.Opened[0].Advisor.ID != e.advisors[2].ID {
		t.Fatalf("decline: %+v, %v", got, err)
	}
	got, err = e.st.AcceptOffer(ctx, got.Opened[0].ID, e.advisors[2].ID, tell)
	if err != nil || !got.Assigned || len(got.Closed) != 1 || got.Closed[0].Advisor.ID != e.advisors[3].ID {
		t.Fatalf("second seat: %+v, %v", got, err)
	}
}
