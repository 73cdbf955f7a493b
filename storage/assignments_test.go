package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// withProfiles gives every advisor of e a profile (quota 4).
func (e offerEnv) withProfiles(t *testing.T) offerEnv {
	t.Helper()
	for _, a := range e.advisors {
		if err := e.st.SaveAdvisorProfile(context.Background(), domain.AdvisorProfile{UserID: a.ID,
			Expertise: []domain.Topic{domain.TopicMigrantOrganisations}, City: "Bochum", State: "NW",
			Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline}, MaxPerQuarter: 4}); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// another submits and approves one more request of the requester.
func (e offerEnv) another(t *testing.T, key string) domain.Request {
	t.Helper()
	ctx := context.Background()
	r, _, err := e.st.SubmitRequest(ctx, e.draft(), key, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, err = e.st.Transition(ctx, r.ID, e.coordA.ID, domain.OpenStatuses, domain.StatusApproved, domain.EventStatus, "", nil); err != nil {
		t.Fatal(err)
	}
	return r
}

// offer offers request id in mode to advisors from..to.
func (e offerEnv) offer(t *testing.T, id int64, mode domain.OfferMode, from, to int) domain.OfferChange {
	t.Helper()
	ch, err := e.st.StartOffers(context.Background(), domain.OfferPlan{RequestID: id, CoordinatorID: e.coordA.ID,
		Mode: mode, Advisors: e.ids(from, to), Window: 48 * time.Hour}, tell)
	if err != nil {
		t.Fatalf("offer %d: %v", id, err)
	}
	return ch
}

// An advisor's work: the open offer with its deadline, the seat held with
// the contact and the place, the share of the quarter; once the request is
// completed it moves to the completed ones. The pool counts the same.
func TestMyOffersAndPool(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 3, false).withProfiles(t)
	ctx := context.Background()
	quarter := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	first := e.start(t, domain.ModeDirect, 0, 1, tell).Opened[0]
	if _, err := e.st.AcceptOffer(ctx, first.ID, e.advisors[0].ID, tell); err != nil {
		t.Fatal(err)
	}
	second := e.another(t, "second")
	opened := e.offer(t, second.ID, domain.ModeParallel, 0, 2).Opened
	if _, err := e.st.DeclineOffer(ctx, opened[1].ID, e.advisors[1].ID, domain.DeclineNoTime, "", tell); err != nil {
		t.Fatal(err)
	}

	w, err := e.st.MyOffers(ctx, e.advisors[0].ID, quarter)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Open) != 1 || w.Open[0].OfferID != opened[0].ID || w.Open[0].Ref != second.Ref ||
		w.Open[0].Municipality != "Hattingen" || !w.Open[0].Deadline.Equal(opened[0].Deadline) {
		t.Errorf("open offers %+v", w.Open)
	}
	if len(w.Held) != 1 || len(w.Completed) != 0 {
		t.Fatalf("held %+v, completed %+v", w.Held, w.Completed)
	}
	a := w.Held[0]
	if a.Ref != e.req.Ref || a.ContactName != "Sabine Krüger" || a.ContactFunction != "Integrationsbeauftragte" ||
		a.Place != "Rathaus Hattingen" || a.State != "NW" || a.Department != "Amt für Integration" ||
		a.Status != domain.StatusAssigned || a.OfferID != first.ID || a.Seat != 1 {
		t.Errorf("assignment %+v", a)
	}
	if want := (domain.OfferShare{Received: 2, Accepted: 1}); w.Quarter != want {
		t.Errorf("quarter %+v, want %+v", w.Quarter, want)
	}
	w1, err := e.st.MyOffers(ctx, e.advisors[1].ID, quarter)
	if err != nil || len(w1.Open)+len(w1.Held) != 0 || w1.Quarter != (domain.OfferShare{Received: 1, Declined: 1}) {
		t.Errorf("second advisor: %+v, %v", w1, err)
	}

	pool, err := e.st.AdvisorPool(ctx, quarter)
	if err != nil || len(pool) != 3 {
		t.Fatalf("pool %+v, %v", pool, err)
	}
	got := map[int64]domain.PoolEntry{}
	for _, p := range pool {
		got[p.Profile.UserID] = p
	}
	if p := got[e.advisors[0].ID]; p.Open != 1 || p.Held != 1 || p.Quarter != 1 || p.Profile.MaxPerQuarter != 4 {
		t.Errorf("first advisor in the pool: %+v", p)
	}
	if p := got[e.advisors[1].ID]; p.Open != 0 || p.Held != 0 || p.Quarter != 0 {
		t.Errorf("second advisor in the pool: %+v", p)
	}
	if pool, _ := e.st.AdvisorPool(ctx, e.clock.Now().Add(time.Hour)); pool[0].Quarter != 0 {
		t.Errorf("a later quarter counts %d", pool[0].Quarter)
	}

	for _, s := range [][2]domain.Status{{domain.StatusAssigned, domain.StatusScheduled}, {domain.StatusScheduled, domain.StatusCompleted}} {
		if _, err := e.st.Transition(ctx, e.req.ID, e.coordA.ID, s[:1], s[1], domain.EventStatus, "", nil); err != nil {
			t.Fatal(err)
		}
	}
	if w, _ = e.st.MyOffers(ctx, e.advisors[0].ID, quarter); len(w.Held) != 0 || len(w.Completed) != 1 {
		t.Errorf("after completion: held %+v, completed %+v", w.Held, w.Completed)
	}
	if pool, _ := e.st.AdvisorPool(ctx, quarter); pool[0].Held != 0 {
		t.Errorf("the pool counts a completed request as held: %+v", pool[0])
	}
}

// Deactivating an advisor withdraws their live offers: in one after
// another, the next advisor's offer opens; a request with nobody left is
// exhausted. A repeat changes and tells nothing; reactivating clears the
// flag only.
func TestDeactivationWithdrawsOffers(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 3, false).withProfiles(t)
	ctx := context.Background()
	e.start(t, domain.ModeSequence, 0, 3, tell)
	alone := e.another(t, "alone")
	e.offer(t, alone.ID, domain.ModeDirect, 0, 1)
	told := func(d domain.AdvisorDeactivation) []domain.Notification {
		return []domain.Notification{{ChatID: d.Advisor.ChatID, Message: domain.Message{
			Text: fmt.Sprintf("deactivated %d withdrawn %d", d.Advisor.ID, len(d.Withdrawn))}}}
	}
	d, err := e.st.SetAdvisorActive(ctx, e.advisors[0].ID, e.coordA.ID, false, told)
	if err != nil || !d.Changed || d.Active || len(d.Withdrawn) != 2 || len(d.Changes) != 2 {
		t.Fatalf("deactivate: %+v, %v", d, err)
	}
	for _, o := range d.Withdrawn {
		if o.Status != domain.OfferWithdrawn || o.AnsweredAt.IsZero() || o.Advisor.ID != e.advisors[0].ID {
			t.Errorf("withdrawn offer %+v", o)
		}
	}
	seq, direct := d.Changes[0], d.Changes[1]
	if seq.Request.ID != e.req.ID || len(seq.Opened) != 1 || seq.Opened[0].Advisor.ID != e.advisors[1].ID || seq.Exhausted {
		t.Errorf("one after another: %+v", seq)
	}
	if direct.Request.ID != alone.ID || len(direct.Opened) != 0 || !direct.Exhausted {
		t.Errorf("direct: %+v", direct)
	}
	if p, _ := e.st.AdvisorProfile(ctx, e.advisors[0].ID); !p.Deactivated {
		t.Error("the profile is not deactivated")
	}
	if n := e.outboxCount(t, "deactivated"); n != 1 {
		t.Errorf("told %d times", n)
	}
	if n := e.count(t, `SELECT count(*) FROM audit_log WHERE action = 'advisor.deactivate'`); n != 1 {
		t.Errorf("%d audit entries", n)
	}

	again, err := e.st.SetAdvisorActive(ctx, e.advisors[0].ID, e.coordB.ID, false, told)
	if err != nil || again.Changed || len(again.Withdrawn) != 0 || e.outboxCount(t, "deactivated") != 1 {
		t.Errorf("repeat: %+v, %v", again, err)
	}
	back, err := e.st.SetAdvisorActive(ctx, e.advisors[0].ID, e.coordA.ID, true, told)
	if err != nil || !back.Changed || !back.Active || len(back.Withdrawn) != 0 {
		t.Errorf("reactivate: %+v, %v", back, err)
	}
	if p, _ := e.st.AdvisorProfile(ctx, e.advisors[0].ID); p.Deactivated {
		t.Error("still deactivated")
	}
	if n := e.count(t, `SELECT count(*) FROM offers WHERE advisor_id = $1 AND status IN ('queued', 'open')`, e.advisors[0].ID); n != 0 {
		t.Errorf("reactivating brought back %d offers", n)
	}
	if _, err := e.st.SetAdvisorActive(ctx, e.requester.ID, e.coordA.ID, false, told); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("someone without a profile: %v", err)
	}
}

// Taking a request back from its advisor frees the seat, withdraws the
// offer and moves the request back to matching with a history row; of
// two withdrawals at once one changes. It is refused for an advisor who
// holds no seat, and the request can be offered again.
func TestWithdrawSeat(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 2, false).withProfiles(t)
	ctx := context.Background()
	o := e.start(t, domain.ModeDirect, 0, 1, tell).Opened[0]
	if _, err := e.st.AcceptOffer(ctx, o.ID, e.advisors[0].ID, tell); err != nil {
		t.Fatal(err)
	}
	told := func(w domain.SeatWithdrawal) []domain.Notification {
		return []domain.Notification{{ChatID: w.Advisor.ChatID, Message: domain.Message{Text: "withdrawn " + w.Change.Request.Ref}}}
	}
	if _, err := e.st.WithdrawSeat(ctx, e.req.ID, e.advisors[1].ID, e.coordA.ID, told); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("an advisor without the seat: %v, want ErrConflict", err)
	}
	if _, err := e.st.WithdrawSeat(ctx, e.req.ID+100, e.advisors[0].ID, e.coordA.ID, told); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("an unknown request: %v, want ErrNotFound", err)
	}

	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins []domain.SeatWithdrawal
		errs []error
	)
	for _, c := range []domain.User{e.coordA, e.coordB} {
		wg.Go(func() {
			w, err := e.st.WithdrawSeat(ctx, e.req.ID, e.advisors[0].ID, c.ID, told)
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				wins = append(wins, w)
			} else {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	if len(wins) != 1 || len(errs) != 1 || !errors.Is(errs[0], domain.ErrConflict) {
		t.Fatalf("two withdrawals: %d changed, errors %v", len(wins), errs)
	}
	w := wins[0]
	if w.Advisor.ID != e.advisors[0].ID || w.Change.Request.Status != domain.StatusMatching ||
		w.Change.Offer.Status != domain.OfferWithdrawn || w.Change.FreeSeats() != 1 || !w.Change.Exhausted {
		t.Errorf("withdrawal %+v", w)
	}
	if n := e.outboxCount(t, "withdrawn"); n != 1 {
		t.Errorf("told %d times", n)
	}
	if n := e.count(t, `SELECT count(*) FROM request_events WHERE request_id = $1 AND from_status = 'assigned'
		AND to_status = 'matching'`, e.req.ID); n != 1 {
		t.Errorf("%d history rows assigned → matching", n)
	}
	if n := e.count(t, `SELECT count(*) FROM offers WHERE id = $1 AND status = 'withdrawn'`, o.ID); n != 1 {
		t.Error("the offer is not withdrawn")
	}
	if _, err := e.st.WithdrawSeat(ctx, e.req.ID, e.advisors[0].ID, e.coordA.ID, told); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("a late withdrawal: %v", err)
	}

	next := e.start(t, domain.ModeDirect, 1, 2, tell).Opened[0]
	if got, err := e.st.AcceptOffer(ctx, next.ID, e.advisors[1].ID, tell); err != nil || !got.Assigned {
		t.Fatalf("offered again: %+v, %v", got, err)
	}
}
