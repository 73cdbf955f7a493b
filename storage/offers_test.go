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

// offerEnv is a reqEnv with advisors and an approved request.
type offerEnv struct {
	reqEnv
	advisors []domain.User
	req      domain.Request
}

// newOfferEnv registers n advisors and approves a request (a tandem when
// tandem is set).
func newOfferEnv(t *testing.T, n int, tandem bool) offerEnv {
	t.Helper()
	e := offerEnv{reqEnv: newReqEnv(t)}
	for i := range n {
		e.advisors = append(e.advisors, registerUser(t, e.env, int64(100+i), fmt.Sprintf("Berater %d", i), domain.RoleAdvisor, ""))
	}
	d := e.draft()
	d.Tandem = tandem
	r, _, err := e.st.SubmitRequest(context.Background(), d, "offer-test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.req, err = e.st.Transition(context.Background(), r.ID, e.coordA.ID, domain.OpenStatuses, domain.StatusApproved,
		domain.EventStatus, "", nil); err != nil {
		t.Fatal(err)
	}
	return e
}

// ids are the users.id of the advisors.
func (e offerEnv) ids(from, to int) []int64 {
	var out []int64
	for _, a := range e.advisors[from:to] {
		out = append(out, a.ID)
	}
	return out
}

// start offers the request in mode to the advisors from..to.
func (e offerEnv) start(t *testing.T, mode domain.OfferMode, from, to int, notify func(domain.OfferChange) []domain.Notification) domain.OfferChange {
	t.Helper()
	ch, err := e.st.StartOffers(context.Background(), domain.OfferPlan{RequestID: e.req.ID, CoordinatorID: e.coordA.ID,
		Mode: mode, Advisors: e.ids(from, to), Window: 48 * time.Hour}, notify)
	if err != nil {
		t.Fatalf("start offers: %v", err)
	}
	return ch
}

// tell is a notify that writes one outbox row per opened, closed and
// acted offer, and one for an assignment and an exhaustion, so that tests
// count what was told.
func tell(ch domain.OfferChange) []domain.Notification {
	var out []domain.Notification
	for _, o := range ch.Opened {
		out = append(out, domain.Notification{ChatID: o.Advisor.ChatID, Message: domain.Message{Text: fmt.Sprintf("card %d", o.ID)}})
	}
	for _, o := range ch.Closed {
		out = append(out, domain.Notification{ChatID: o.Advisor.ChatID, Message: domain.Message{Text: fmt.Sprintf("closed %d", o.ID)}})
	}
	if ch.Assigned {
		out = append(out, domain.Notification{ChatID: 1, Message: domain.Message{Text: "assigned " + ch.Request.Ref}})
	}
	if ch.Exhausted {
		out = append(out, domain.Notification{ChatID: 1, Message: domain.Message{Text: "exhausted " + ch.Request.Ref}})
	}
	return out
}

// outboxCount counts the outbox rows whose text starts with prefix.
func (e offerEnv) outboxCount(t *testing.T, prefix string) int {
	t.Helper()
	return e.count(t, `SELECT count(*) FROM outbox WHERE starts_with(text, $1)`, prefix)
}

// Twenty advisors accept one seat at once: exactly one wins, the others
// are told the seat is taken, the request is assigned once, and the
// nineteen other cards are closed once each.
func TestConcurrentAcceptsHaveOneWinner(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 20, false)
	ch := e.start(t, domain.ModeParallel, 0, 20, tell)
	if len(ch.Opened) != 20 || ch.Request.Status != domain.StatusMatching {
		t.Fatalf("start: %d opened, status %s", len(ch.Opened), ch.Request.Status)
	}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		winners []int64
		taken   int
	)
	for _, o := range ch.Opened {
		wg.Go(func() {
			got, err := e.st.AcceptOffer(context.Background(), o.ID, o.Advisor.ID, tell)
			var closed *domain.OfferClosed
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				winners = append(winners, o.Advisor.ID)
				if !got.Assigned || len(got.Closed) != 19 {
					t.Errorf("winner's change: assigned %v, %d closed", got.Assigned, len(got.Closed))
				}
			case errors.As(err, &closed) && closed.Status == domain.OfferTaken && errors.Is(err, domain.ErrConflict):
				taken++
			default:
				t.Errorf("accept %d: %v", o.ID, err)
			}
		})
	}
	wg.Wait()
	if len(winners) != 1 || taken != 19 {
		t.Fatalf("%d winners, %d told taken", len(winners), taken)
	}
	if n := e.count(t, `SELECT count(*) FROM request_seats WHERE advisor_id IS NOT NULL`); n != 1 {
		t.Errorf("%d seats held", n)
	}
	if got := e.outboxCount(t, "assigned"); got != 1 {
		t.Errorf("assigned told %d times", got)
	}
	if got := e.outboxCount(t, "closed"); got != 19 {
		t.Errorf("%d closed cards", got)
	}
	r, _ := e.st.RequestByID(context.Background(), e.req.ID)
	if r.Status != domain.StatusAssigned {
		t.Errorf("status %s", r.Status)
	}
}

// A tandem has two seats: it stays matching after the first acceptance,
// and is assigned with two different advisors when ten accept at once.
func TestTandemNeedsTwoDifferentAdvisors(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 10, true)
	ch := e.start(t, domain.ModeParallel, 0, 10, tell)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins = map[int64]bool{}
	)
	for _, o := range ch.Opened {
		wg.Go(func() {
			if _, err := e.st.AcceptOffer(context.Background(), o.ID, o.Advisor.ID, tell); err == nil {
				mu.Lock()
				wins[o.Advisor.ID] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(wins) != 2 {
		t.Fatalf("%d winners, want 2", len(wins))
	}
	_, seats, err := e.st.OffersOf(context.Background(), e.req.ID)
	if err != nil || len(seats) != 2 || seats[0].AdvisorID == seats[1].AdvisorID || !wins[seats[0].AdvisorID] || !wins[seats[1].AdvisorID] {
		t.Fatalf("seats %+v, %v", seats, err)
	}
	if got := e.outboxCount(t, "assigned"); got != 1 {
		t.Errorf("assigned told %d times", got)
	}
}

// The first acceptance of a tandem leaves the request matching; the
// same advisor cannot take the second seat through a second offer.
func TestTandemFirstSeat(t *testing.T) {
	t.Parallel()
	e := newOfferEnv(t, 3, true)
	ch := e.start(t, domain.ModeDirect, 0, 1, tell)
	got, err := e.st.AcceptOffer(context.Background(), ch.Opened[0].ID, e.advisors[0].ID, tell)
	if err != nil || got.Assigned || got.Request.Status != domain.StatusMatching || got.FreeSeats() != 1 {
		t.Fatalf("first seat: %+v, %v", got, err)
	}
	_, err = e.st.StartOffers(context.Background(), domain.OfferPlan{RequestID: e.req.ID, CoordinatorID: e.coordA.ID,
		Mode: domain.ModeDirect, Advisors: e.ids(0, 1), Window: time.Hour}, tell)
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("offering the seat holder again: %v, want ErrConflict", err)
	}
	ch = e.start(t, domain.ModeDirect, 1, 2, tell)
	if got, err = e.st.AcceptOffer(context.Background(), ch.Opened[0].ID, e.advisors[1].ID, tell); err != nil || !got.Assigned {
		t.Fatalf("second seat: %+v, %v", got, err)
	}
}
