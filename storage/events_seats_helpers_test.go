package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// seated is an event with capacity and seating published to n new
// associations of one member each, with their ids and their members'.
func (w *evWorld) seated(t *testing.T, capacity int, seating domain.EventSeating, n int) (domain.Event, []int64, []int64) {
	t.Helper()
	ctx := context.Background()
	var orgs, members []int64
	for i := range n {
		org, ms := w.addOrg(t, "Verein "+string(rune('A'+i%26))+string(rune('a'+i/26)), "Dortmund", 1)
		orgs, members = append(orgs, org), append(members, ms[0])
	}
	d := w.eventDraft()
	d.Capacity, d.Seating = capacity, seating
	e, err := w.st.CreateEvent(ctx, d)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if _, err := w.st.Publish(ctx, e.ID, w.organiser.ID, orgs, nil); err != nil {
		t.Fatalf("publish: %v", err)
	}
	return e, orgs, members
}

// reply stores org's reply (persons for a yes) by member and fails the
// test on error.
func (w *evWorld) reply(t *testing.T, e domain.Event, org, member int64, r domain.EventReply, persons int) domain.EventAnswerChange {
	t.Helper()
	ch, err := w.st.Answer(context.Background(), member, domain.OrgAnswer{EventID: e.ID, OrganisationID: org, Reply: r, Persons: persons}, nil)
	if err != nil {
		t.Fatalf("%s %d of %d: %v", r, persons, org, err)
	}
	return ch
}

// answer is org's stored answer to e.
func (w *evWorld) answer(t *testing.T, e domain.Event, org int64) domain.OrgAnswer {
	t.Helper()
	all, err := w.st.AnswersOf(context.Background(), e.ID)
	if err != nil {
		t.Fatalf("answers: %v", err)
	}
	for _, a := range all {
		if a.OrganisationID == org {
			return a
		}
	}
	return domain.OrgAnswer{}
}

// seatsOf is what an answer holds: seats, offered and waiting persons.
func seatsOf(a domain.OrgAnswer) [3]int { return [3]int{a.Seats, a.Offered, a.Waiting()} }

// taken is the event's seats taken as stored.
func (w *evWorld) taken(t *testing.T, e domain.Event) int {
	t.Helper()
	return w.count(t, `SELECT seats_taken FROM events WHERE id = $1`, e.ID)
}

// snapshot is every answer's seat columns, the event's seats taken and
// the outbox rows, to show that a refusal changed nothing.
func (w *evWorld) snapshot(t *testing.T, e domain.Event) [4]int {
	t.Helper()
	return [4]int{w.taken(t, e), w.count(t, `SELECT count(*) FROM outbox`),
		w.count(t, `SELECT COALESCE(sum(seats * 100 + offered * 10 + persons), 0) FROM event_answers WHERE event_id = $1`, e.ID),
		w.count(t, `SELECT count(*) FROM event_answers WHERE event_id = $1 AND reply = 'yes'`, e.ID)}
}

// promotedOrgs are the organisations of offers.
func promotedOrgs(offers []domain.SeatOffer) []int64 {
	var out []int64
	for _, o := range offers {
		out = append(out, o.Answer.OrganisationID)
	}
	return out
}

// wantErr fails the test unless err is want.
func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: %v, want %v", what, err, want)
	}
}

// ticking is a clock that moves a microsecond at each reading, so that
// answers in a row get times in the order they read them.
type ticking struct {
	mu sync.Mutex
	c  *clock
}

func (k *ticking) Now() time.Time {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.c.Add(time.Microsecond)
	return k.c.Now()
}
