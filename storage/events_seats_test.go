package storage_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

func TestFiftyYesForTenSeatsTakeTenAndWaitInOrder(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.seated(t, 10, domain.EventSeating{}, 50)
	st, err := storage.Open(ctx, w.db.Config().ConnString(), storage.WithClock((&ticking{c: w.clock}).Now))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(st.Close)

	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		committed []int64 // the order in which the answers held the event (and committed)
		errs      []error
	)
	start := make(chan struct{})
	for i := range orgs {
		wg.Go(func() {
			<-start
			_, err := st.Answer(ctx, members[i], domain.OrgAnswer{EventID: e.ID, OrganisationID: orgs[i], Reply: domain.ReplyYes, Persons: 1},
				func(ch domain.EventAnswerChange) []domain.Notification {
					mu.Lock()
					committed = append(committed, ch.Answer.OrganisationID)
					mu.Unlock()
					return nil
				})
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()
	if len(errs) > 0 || len(committed) != 50 {
		t.Fatalf("answers: %d committed, errors %v", len(committed), errs)
	}
	if got := w.taken(t, e); got != 10 {
		t.Fatalf("seats taken %d, want 10", got)
	}
	holders := w.ints(t, `SELECT organisation_id FROM event_answers WHERE event_id = $1 AND seats = 1 AND offered = 0 ORDER BY organisation_id`, e.ID)
	first := slices.Clone(committed[:10])
	slices.Sort(first)
	if !slices.Equal(holders, first) {
		t.Fatalf("seats held by %v, want the first ten committed %v", holders, first)
	}
	waiting := w.ints(t, `SELECT organisation_id FROM event_answers WHERE event_id = $1 AND seats = 0
		ORDER BY waiting_since, organisation_id`, e.ID)
	if !slices.Equal(waiting, committed[10:]) {
		t.Fatalf("waitlist %v, want in the order committed %v", waiting, committed[10:])
	}
}

func TestANoPromotesTheFirstWhoConfirmsAndAnExpiredOfferPassesOver(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.seated(t, 2, domain.EventSeating{}, 4)
	a, b, c, d := orgs[0], orgs[1], orgs[2], orgs[3]
	w.reply(t, e, a, members[0], domain.ReplyYes, 2)
	for i := 1; i < 4; i++ {
		w.clock.Add(time.Minute)
		if ch := w.reply(t, e, orgs[i], members[i], domain.ReplyYes, 1); seatsOf(ch.Answer) != [3]int{0, 0, 1} || ch.Persons != 2 {
			t.Fatalf("yes of %d: %+v", i, ch)
		}
	}

	now := w.clock.Now()
	ch := w.reply(t, e, a, members[0], domain.ReplyNo, 0)
	if got := promotedOrgs(ch.Promoted); !slices.Equal(got, []int64{b, c}) || ch.Persons != 2 {
		t.Fatalf("a no promoted %v (seats %d), want %v", got, ch.Persons, []int64{b, c})
	}
	for _, p := range ch.Promoted {
		if seatsOf(p.Answer) != [3]int{0, 1, 0} || !p.Answer.OfferUntil.Equal(now.Add(24*time.Hour)) || len(p.Members) != 1 {
			t.Fatalf("offer %+v, want 1 offered until %v", p.Answer, now.Add(24*time.Hour))
		}
	}

	// Refusals change nothing: another association's member, nothing offered.
	before := w.snapshot(t, e)
	_, err := w.st.ConfirmSeats(ctx, members[3], e.ID, b, cardsUpdated)
	wantErr(t, "confirm by another association's member", err, domain.ErrForbidden)
	_, err = w.st.ConfirmSeats(ctx, members[3], e.ID, d, cardsUpdated)
	wantErr(t, "confirm with nothing offered", err, domain.ErrConflict)
	_, err = w.st.ConfirmSeats(ctx, members[3], e.ID+1000, d, cardsUpdated)
	wantErr(t, "confirm of an unknown event", err, domain.ErrNotFound)
	if after := w.snapshot(t, e); after != before {
		t.Fatalf("refusals changed %v -> %v", before, after)
	}

	w.clock.Add(time.Hour)
	conf, err := w.st.ConfirmSeats(ctx, members[1], e.ID, b, cardsUpdated)
	if err != nil || seatsOf(conf.Answer) != [3]int{1, 0, 0} || !conf.Answer.OfferUntil.IsZero() || conf.Persons != 2 ||
		conf.Previous.Offered != 1 || len(conf.Members) != 1 {
		t.Fatalf("confirm: %+v, %v", conf, err)
	}
	before = w.snapshot(t, e)
	_, err = w.st.ConfirmSeats(ctx, members[1], e.ID, b, cardsUpdated)
	wantErr(t, "confirm replayed", err, domain.ErrConflict)
	if after := w.snapshot(t, e); after != before {
		t.Fatalf("replayed confirm changed %v -> %v", before, after)
	}

	// Nothing expires before the window ends.
	if x, err := w.st.ExpireSeatOffers(ctx, nil); err != nil || len(x) != 0 {
		t.Fatalf("expire early: %+v, %v", x, err)
	}
	// c does not confirm: at the window's end it is passed over (by two
	// instances at once, once) and d is promoted.
	w.clock.Add(23 * time.Hour)
	_, err = w.st.ConfirmSeats(ctx, members[2], e.ID, c, cardsUpdated)
	wantErr(t, "confirm at the window's end", err, domain.ErrConflict)
	other, err := storage.Open(ctx, w.db.Config().ConnString(), storage.WithClock(w.clock.Now))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(other.Close)
	notes := func(x domain.SeatsExpiry) []domain.Notification {
		var out []domain.Notification
		for _, p := range x.Passed {
			for _, m := range p.Members {
				out = append(out, domain.Notification{ChatID: m.ChatID, Message: domain.Message{Text: "vorbei"}})
			}
		}
		return out
	}
	outbox := w.count(t, `SELECT count(*) FROM outbox`)
	var (
		mu   sync.Mutex
		runs []domain.SeatsExpiry
	)
	atOnce([]*storage.Store{w.st, other}, func(st *storage.Store) []string {
		x, err := st.ExpireSeatOffers(ctx, notes)
		if err != nil {
			return []string{err.Error()}
		}
		mu.Lock()
		runs = append(runs, x...)
		mu.Unlock()
		return nil
	})
	if len(runs) != 1 || len(runs[0].Passed) != 1 || runs[0].Passed[0].Answer.OrganisationID != c ||
		!slices.Equal(promotedOrgs(runs[0].Promoted), []int64{d}) {
		t.Fatalf("expiry runs %+v, want c passed over and d promoted once", runs)
	}
	if got := w.count(t, `SELECT count(*) FROM outbox`); got != outbox+1 {
		t.Fatalf("outbox %d -> %d, want one message", outbox, got)
	}
	if p := w.answer(t, e, c); p.Reply != domain.ReplyNo || p.Persons != 0 || p.AnsweredBy != 0 || seatsOf(p) != [3]int{} {
		t.Fatalf("passed over answer %+v", p)
	}
	if p := w.answer(t, e, d); seatsOf(p) != [3]int{0, 1, 0} || !p.OfferUntil.Equal(w.clock.Now().Add(24*time.Hour)) {
		t.Fatalf("promoted d %+v", p)
	}
	if got := w.taken(t, e); got != 2 {
		t.Fatalf("seats taken %d, want 2", got)
	}
}

func TestOffersNearTheStartEndTwoHoursBeforeAndThenSeatsAreGiven(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	ctx := context.Background()
	e, orgs, members := w.seated(t, 1, domain.EventSeating{}, 3)
	w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 1)
	w.reply(t, e, orgs[1], members[1], domain.ReplyYes, 1)
	w.clock.Add(e.Start.Add(-10 * time.Hour).Sub(w.clock.Now()))
	ch := w.reply(t, e, orgs[0], members[0], domain.ReplyNo, 0)
	if len(ch.Promoted) != 1 || !ch.Promoted[0].Answer.OfferUntil.Equal(e.Start.Add(-2*time.Hour)) {
		t.Fatalf("promoted %+v, want an offer until 2 h before the start", ch.Promoted)
	}
	w.reply(t, e, orgs[2], members[2], domain.ReplyYes, 1)

	// Within the last 2 hours the next gets the seat at once.
	w.clock.Add(9 * time.Hour)
	x, err := w.st.ExpireSeatOffers(ctx, nil)
	if err != nil || len(x) != 1 || len(x[0].Promoted) != 1 || seatsOf(x[0].Promoted[0].Answer) != [3]int{1, 0, 0} ||
		!x[0].Promoted[0].Answer.OfferUntil.IsZero() {
		t.Fatalf("expiry near the start: %+v, %v", x, err)
	}
	_, err = w.st.ConfirmSeats(ctx, members[2], e.ID, orgs[2], nil)
	wantErr(t, "confirm of seats given", err, domain.ErrConflict)

	// After the start nothing is confirmed.
	w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 1) // waits
	w.reply(t, e, orgs[2], members[2], domain.ReplyNo, 0)  // a is given the seat at once
	if a := w.answer(t, e, orgs[0]); seatsOf(a) != [3]int{1, 0, 0} {
		t.Fatalf("a within the last 2 hours: %+v", a)
	}
	w.clock.Add(2 * time.Hour)
	_, err = w.st.ConfirmSeats(ctx, members[0], e.ID, orgs[0], nil)
	wantErr(t, "confirm after the start", err, domain.ErrConflict)
}

func TestPersonsChangesFreeAndWait(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	e, orgs, members := w.seated(t, 3, domain.EventSeating{}, 2)
	a, b := orgs[0], orgs[1]
	w.reply(t, e, a, members[0], domain.ReplyYes, 3)
	w.reply(t, e, b, members[1], domain.ReplyYes, 2)
	// Fewer persons free seats: b is offered them.
	ch := w.reply(t, e, a, members[0], domain.ReplyYes, 1)
	if seatsOf(ch.Answer) != [3]int{1, 0, 0} || !slices.Equal(promotedOrgs(ch.Promoted), []int64{b}) ||
		seatsOf(ch.Promoted[0].Answer) != [3]int{0, 2, 0} {
		t.Fatalf("fewer persons: %+v", ch)
	}
	// More persons keep the seats held; the extra ones wait.
	if ch := w.reply(t, e, a, members[0], domain.ReplyYes, 3); seatsOf(ch.Answer) != [3]int{1, 0, 2} || len(ch.Promoted) != 0 {
		t.Fatalf("more persons: %+v", ch)
	}
	// Maybe gives b's offer back: a's waiting persons are offered it.
	ch = w.reply(t, e, b, members[1], domain.ReplyMaybe, 0)
	if seatsOf(ch.Answer) != [3]int{} || !slices.Equal(promotedOrgs(ch.Promoted), []int64{a}) ||
		seatsOf(ch.Promoted[0].Answer) != [3]int{1, 2, 0} || w.taken(t, e) != 3 {
		t.Fatalf("maybe: %+v, taken %d", ch, w.taken(t, e))
	}
	// a does not confirm: passed over, it keeps the seat it held, and
	// nobody of it waits any more.
	w.clock.Add(25 * time.Hour)
	x, err := w.st.ExpireSeatOffers(context.Background(), nil)
	if err != nil || len(x) != 1 || len(x[0].Passed) != 1 || len(x[0].Promoted) != 0 || x[0].Event.SeatsTaken != 1 {
		t.Fatalf("expiry: %+v, %v", x, err)
	}
	if p := x[0].Passed[0].Answer; p.Reply != domain.ReplyYes || p.Persons != 1 || seatsOf(p) != [3]int{1, 0, 0} ||
		p.AnsweredBy != members[0] {
		t.Fatalf("passed over holding a seat: %+v", p)
	}
}

func TestFairnessCapsWhileOthersWaitAndPutsNewcomersFirst(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	e, orgs, members := w.seated(t, 6, domain.EventSeating{FairMax: 2}, 3)
	x, a, b := orgs[0], orgs[1], orgs[2]
	w.reply(t, e, x, members[0], domain.ReplyYes, 6)
	w.reply(t, e, a, members[1], domain.ReplyYes, 4)
	w.reply(t, e, b, members[2], domain.ReplyYes, 5)
	w.reply(t, e, x, members[0], domain.ReplyNo, 0)
	if sa, sb := w.answer(t, e, a), w.answer(t, e, b); seatsOf(sa) != [3]int{0, 2, 2} || seatsOf(sb) != [3]int{0, 2, 3} {
		t.Fatalf("with others waiting: a %v, b %v; want 2 offered each", seatsOf(sa), seatsOf(sb))
	}
	// Nobody else waits: a gets the rest.
	w.reply(t, e, b, members[2], domain.ReplyNo, 0)
	if sa := w.answer(t, e, a); seatsOf(sa) != [3]int{0, 4, 0} {
		t.Fatalf("alone: a %v, want 4 offered", seatsOf(sa))
	}

	// NewFirst: an association that attended an event of the organiser
	// before waits behind one that did not.
	e2, orgs2, members2 := w.seated(t, 1, domain.EventSeating{NewFirst: true}, 3)
	old := w.create(t)
	if _, err := w.db.Exec(context.Background(), `INSERT INTO event_answers (event_id, organisation_id, reply, persons, answered_at, seats, attended)
		VALUES ($1, $2, 'yes', 1, $3, 1, true)`, old.ID, orgs2[1], w.clock.Now()); err != nil {
		t.Fatalf("attended: %v", err)
	}
	w.reply(t, e2, orgs2[0], members2[0], domain.ReplyYes, 1)
	w.reply(t, e2, orgs2[1], members2[1], domain.ReplyYes, 1) // waits first, but came before
	w.clock.Add(time.Minute)
	w.reply(t, e2, orgs2[2], members2[2], domain.ReplyYes, 1)
	ch := w.reply(t, e2, orgs2[0], members2[0], domain.ReplyNo, 0)
	if !slices.Equal(promotedOrgs(ch.Promoted), []int64{orgs2[2]}) {
		t.Fatalf("promoted %v, want the newcomer %d", promotedOrgs(ch.Promoted), orgs2[2])
	}
}

func TestWithoutCapacityEveryYesHoldsItsSeats(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	e, orgs, members := w.seated(t, 0, domain.EventSeating{}, 2)
	if ch := w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 5); seatsOf(ch.Answer) != [3]int{5, 0, 0} {
		t.Fatalf("yes: %+v", ch.Answer)
	}
	if ch := w.reply(t, e, orgs[1], members[1], domain.ReplyYes, 8); seatsOf(ch.Answer) != [3]int{8, 0, 0} || ch.Persons != 13 {
		t.Fatalf("yes: %+v", ch)
	}
	if ch := w.reply(t, e, orgs[0], members[0], domain.ReplyNo, 0); ch.Persons != 8 {
		t.Fatalf("no: %+v", ch)
	}
}

func TestAYesTakesTheSeatsFreeAndTheRestWait(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	e, orgs, members := w.seated(t, 3, domain.EventSeating{}, 2)
	if ch := w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 10); seatsOf(ch.Answer) != [3]int{3, 0, 7} || ch.Persons != 3 {
		t.Fatalf("a yes of 10 for 3 seats: %v, taken %d; want 3 held and 7 waiting", seatsOf(ch.Answer), ch.Persons)
	}
	// The seat freed by fewer persons goes to the next waiting, as an offer.
	w.reply(t, e, orgs[1], members[1], domain.ReplyYes, 1)
	if ch := w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 2); seatsOf(ch.Answer) != [3]int{2, 0, 0} || ch.Persons != 3 ||
		!slices.Equal(promotedOrgs(ch.Promoted), []int64{orgs[1]}) || seatsOf(ch.Promoted[0].Answer) != [3]int{0, 1, 0} {
		t.Fatalf("fewer persons: %+v", ch)
	}
}

// While others wait, nobody passes them with a part of its persons: seats
// freed that fit none of the waiting stay free for a yes that fits them
// whole (the first that fits, as a promotion would seat it), not for a
// part of a later yes or of a waiting association answering again.
func TestNoPartOfALaterYesPassesThoseWaiting(t *testing.T) {
	t.Parallel()
	w := newEvWorld(t)
	e, orgs, members := w.seated(t, 10, domain.EventSeating{}, 5)
	w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 10)
	w.reply(t, e, orgs[1], members[1], domain.ReplyYes, 5)
	w.reply(t, e, orgs[2], members[2], domain.ReplyYes, 3)
	if ch := w.reply(t, e, orgs[0], members[0], domain.ReplyYes, 8); len(ch.Promoted) != 0 || ch.Persons != 8 {
		t.Fatalf("2 seats freed promoted %v, taken %d; want nobody (5 and 3 wait)", promotedOrgs(ch.Promoted), ch.Persons)
	}
	if ch := w.reply(t, e, orgs[2], members[2], domain.ReplyYes, 3); seatsOf(ch.Answer) != [3]int{0, 0, 3} {
		t.Fatalf("the third answering again: %v; want it waiting as before", seatsOf(ch.Answer))
	}
	if ch := w.reply(t, e, orgs[3], members[3], domain.ReplyYes, 3); seatsOf(ch.Answer) != [3]int{0, 0, 3} {
		t.Fatalf("a new yes of 3 for 2 free seats: %v; want it waiting", seatsOf(ch.Answer))
	}
	if ch := w.reply(t, e, orgs[4], members[4], domain.ReplyYes, 2); seatsOf(ch.Answer) != [3]int{2, 0, 0} || ch.Persons != 10 {
		t.Fatalf("a new yes of 2 for 2 free seats: %v, taken %d; want it seated", seatsOf(ch.Answer), ch.Persons)
	}
	if a := w.answer(t, e, orgs[1]); seatsOf(a) != [3]int{0, 0, 5} {
		t.Fatalf("the first waiting: %+v", a)
	}
}
