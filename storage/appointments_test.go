package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
)

// apptEnv is an offerEnv whose request advisor 0 accepted (assigned), with
// a confirmed colleague of the requester and a confirmed contact of
// another municipality.
type apptEnv struct {
	offerEnv
	colleague, stranger domain.User
	acceptedAt          time.Time
}

func newApptEnv(t *testing.T) apptEnv {
	t.Helper()
	e := apptEnv{offerEnv: newOfferEnv(t, 2, false)}
	ch := e.start(t, domain.ModeDirect, 0, 1, nil)
	if got, err := e.st.AcceptOffer(context.Background(), ch.Opened[0].ID, e.advisors[0].ID, nil); err != nil || !got.Assigned {
		t.Fatalf("accept: %+v, %v", got, err)
	}
	e.acceptedAt = e.clock.Now()
	e.colleague = registerUser(t, e.env, 60, "Kollegin Hattingen", domain.RoleMunicipal, "Hattingen")
	e.stranger = registerUser(t, e.env, 61, "Kontakt Bochum", domain.RoleMunicipal, "Bochum")
	pending, err := e.st.PendingContacts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range pending {
		if _, err := e.st.DecideContact(context.Background(), c.ID, e.coordA.ID, domain.ContactVerified, nil); err != nil {
			t.Fatal(err)
		}
	}
	e.clock.Add(time.Hour)
	return e
}

// slot is a slot starting h hours after the acceptance, one hour long.
func (e apptEnv) slot(h int) domain.Slot {
	start := e.acceptedAt.Add(time.Duration(h) * time.Hour)
	return domain.Slot{Start: start, End: start.Add(time.Hour), Place: "Rathaus Hattingen, Raum 2"}
}

// propose has advisor 0 propose slots starting at the hours given.
func (e apptEnv) propose(t *testing.T, hours ...int) domain.Appointment {
	t.Helper()
	var slots []domain.Slot
	for _, h := range hours {
		slots = append(slots, e.slot(h))
	}
	ch, err := e.st.ProposeAppointment(context.Background(), domain.AppointmentProposal{RequestID: e.req.ID,
		AdvisorID: e.advisors[0].ID, Options: slots}, apptTell)
	if err != nil {
		t.Fatalf("propose: %v", err)
	}
	return ch.Appointment
}

// agree proposes one slot h hours after the acceptance and has the
// requester pick it.
func (e apptEnv) agree(t *testing.T, h int) domain.Appointment {
	t.Helper()
	ap := e.propose(t, h)
	ch, err := e.st.PickAppointment(context.Background(), ap.ID, ap.Options[0].ID, e.requester.ID, apptTell)
	if err != nil {
		t.Fatalf("pick: %v", err)
	}
	return ch.Appointment
}

// apptTell writes one outbox row per participant of a change:
// "appt <event> <id> <sequence>".
func apptTell(ch domain.AppointmentChange) []domain.Notification {
	text := fmt.Sprintf("appt %s %d %d", ch.Event, ch.Appointment.ID, ch.Appointment.Sequence)
	return toParticipants(ch.Participants, text)
}

// remindTell writes one outbox row per participant of a reminder:
// "remind <kind> <id> <sequence>".
func remindTell(r domain.Reminder) []domain.Notification {
	return toParticipants(r.Participants, fmt.Sprintf("remind %s %d %d", r.Kind, r.Appointment.ID, r.Appointment.Sequence))
}

func toParticipants(p domain.Participants, text string) []domain.Notification {
	var out []domain.Notification
	for _, u := range append(p.Advisors, p.Requester) {
		out = append(out, domain.Notification{ChatID: u.ChatID, Message: domain.Message{Text: text}})
	}
	return out
}

// The advisor proposes two options, the requester picks the second: the
// appointment is agreed on it (sequence 0, a stable uid), the request
// moves to scheduled with its history row, both sides are told; a second
// agreed appointment leaves the request as it is.
func TestPickAgreesAndSchedules(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ctx := context.Background()
	ap := e.propose(t, 48, 72)
	if ap.Status != domain.AppointmentProposed || ap.Awaiting != domain.SideRequester || len(ap.Options) != 2 ||
		!ap.Options[1].Start.Equal(e.slot(72).Start) || ap.UID == "" || ap.CreatedBy != e.advisors[0].ID {
		t.Fatalf("proposed %+v", ap)
	}
	ch, err := e.st.PickAppointment(ctx, ap.ID, ap.Options[1].ID, e.requester.ID, apptTell)
	if err != nil {
		t.Fatal(err)
	}
	got := ch.Appointment
	if got.Status != domain.AppointmentAgreed || !got.Start.Equal(e.slot(72).Start) || !got.End.Equal(e.slot(72).End) ||
		got.Place != e.slot(72).Place || got.Sequence != 0 || got.UID != ap.UID || got.AgreedBy != e.requester.ID ||
		!got.AgreedAt.Equal(e.clock.Now()) || got.Awaiting != "" || len(got.Options) != 0 {
		t.Errorf("agreed %+v", got)
	}
	if !ch.Scheduled || ch.Request.Status != domain.StatusScheduled || ch.ActorSide != domain.SideRequester ||
		len(ch.Advisors) != 1 || ch.Advisors[0].ID != e.advisors[0].ID || ch.Requester.ID != e.requester.ID {
		t.Errorf("change %+v", ch)
	}
	hist, err := e.st.History(ctx, e.req.ID)
	last := hist[len(hist)-1]
	if err != nil || last.From != domain.StatusAssigned || last.To != domain.StatusScheduled || last.ActorID != e.requester.ID {
		t.Errorf("history %+v, %v", last, err)
	}
	if n := e.outboxCount(t, fmt.Sprintf("appt agreed %d 0", ap.ID)); n != 2 {
		t.Errorf("agreement told %d times, want advisor and requester", n)
	}

	second := e.propose(t, 24*14)
	ch, err = e.st.PickAppointment(ctx, second.ID, second.Options[0].ID, e.colleague.ID, apptTell)
	if err != nil || ch.Scheduled || ch.Request.Status != domain.StatusScheduled {
		t.Fatalf("second appointment: %+v, %v", ch, err)
	}
	if n := e.count(t, `SELECT count(*) FROM request_events WHERE request_id = $1 AND to_status = 'scheduled'`, e.req.ID); n != 1 {
		t.Errorf("%d moves to scheduled", n)
	}
	list, err := e.st.AppointmentsOf(ctx, e.req.ID)
	if err != nil || len(list) != 2 || list[0].ID != ap.ID || list[1].ID != second.ID {
		t.Errorf("appointments of the request: %+v, %v", list, err)
	}
}

// A contact of another municipality, an advisor without a seat, a
// coordinator, and the proposing side itself are refused and change
// nothing.
func TestAppointmentStrangersRefused(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ctx := context.Background()
	ap := e.propose(t, 48)
	opt := ap.Options[0].ID
	_, err := e.st.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: e.req.ID, AdvisorID: e.advisors[1].ID,
		Options: []domain.Slot{e.slot(50)}}, apptTell)
	checkErr(t, "advisor without a seat proposes", err, domain.ErrForbidden)
	_, err = e.st.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: e.req.ID, AdvisorID: e.requester.ID,
		Options: []domain.Slot{e.slot(50)}}, apptTell)
	checkErr(t, "requester proposes", err, domain.ErrForbidden)
	for name, id := range map[string]int64{"other municipality": e.stranger.ID, "advisor without a seat": e.advisors[1].ID,
		"proposing advisor": e.advisors[0].ID, "coordinator": e.coordA.ID, "unknown user": 999999} {
		_, err := e.st.PickAppointment(ctx, ap.ID, opt, id, apptTell)
		checkErr(t, name+" picks", err, domain.ErrForbidden)
		_, err = e.st.CounterAppointment(ctx, ap.ID, id, []domain.Slot{e.slot(60)}, "", apptTell)
		checkErr(t, name+" counters", err, domain.ErrForbidden)
		if name != "proposing advisor" {
			_, err = e.st.CancelAppointment(ctx, ap.ID, id, "passt nicht", apptTell)
			checkErr(t, name+" cancels", err, domain.ErrForbidden)
		}
	}
	got, _ := e.st.AppointmentByID(ctx, ap.ID)
	if got.Status != domain.AppointmentProposed || got.Round != 1 || e.count(t, `SELECT count(*) FROM appointments`) != 1 ||
		e.count(t, `SELECT count(*) FROM appointment_options`) != 1 || e.outboxCount(t, "appt") != 2 {
		t.Errorf("refusals changed something: %+v", got)
	}
	r, _ := e.st.RequestByID(ctx, e.req.ID)
	if r.Status != domain.StatusAssigned {
		t.Errorf("request %s", r.Status)
	}
}

// checkErr fails t unless err is want.
func checkErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: %v, want %v", what, err, want)
	}
}

// Ten picks at once, by the requester and a colleague, of either option:
// one agrees, the others are conflicts; the request is scheduled once and
// the agreement told once.
func TestConcurrentPicksAgreeOnce(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ap := e.propose(t, 48, 72)
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		agreed    int
		conflicts int
	)
	for i := range 10 {
		who := []int64{e.requester.ID, e.colleague.ID}[i%2]
		wg.Go(func() {
			_, err := e.st.PickAppointment(context.Background(), ap.ID, ap.Options[i%2].ID, who, apptTell)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				agreed++
			case errors.Is(err, domain.ErrConflict):
				conflicts++
			default:
				t.Errorf("pick: %v", err)
			}
		})
	}
	wg.Wait()
	if agreed != 1 || conflicts != 9 {
		t.Fatalf("%d agreed, %d conflicts", agreed, conflicts)
	}
	if n := e.outboxCount(t, "appt agreed"); n != 2 {
		t.Errorf("agreement told %d times, want 2 (one per side)", n)
	}
	if n := e.count(t, `SELECT count(*) FROM request_events WHERE request_id = $1 AND to_status = 'scheduled'`, e.req.ID); n != 1 {
		t.Errorf("%d moves to scheduled", n)
	}
}

// The requester proposes another time: the old options cannot be picked
// any more, the proposal awaits the advisor, who picks the new one.
func TestCounterProposal(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ctx := context.Background()
	ap := e.propose(t, 48)
	ch, err := e.st.CounterAppointment(ctx, ap.ID, e.requester.ID, []domain.Slot{e.slot(96)}, "Donnerstag passt besser", apptTell)
	if err != nil {
		t.Fatal(err)
	}
	c := ch.Appointment
	if c.Round != 2 || c.Awaiting != domain.SideAdvisor || len(c.Options) != 1 || !c.Options[0].Start.Equal(e.slot(96).Start) ||
		c.Note != "Donnerstag passt besser" || ch.Event != domain.AppointmentWasCountered {
		t.Fatalf("countered %+v", c)
	}
	_, err = e.st.PickAppointment(ctx, ap.ID, ap.Options[0].ID, e.advisors[0].ID, apptTell)
	checkErr(t, "picking the first round's option", err, domain.ErrNotFound)
	_, err = e.st.PickAppointment(ctx, ap.ID, c.Options[0].ID, e.requester.ID, apptTell)
	checkErr(t, "the requester picking their own counter-proposal", err, domain.ErrForbidden)
	ch, err = e.st.PickAppointment(ctx, ap.ID, c.Options[0].ID, e.advisors[0].ID, apptTell)
	if err != nil || ch.Appointment.Status != domain.AppointmentAgreed || !ch.Appointment.Start.Equal(e.slot(96).Start) ||
		!ch.Scheduled || ch.ActorSide != domain.SideAdvisor {
		t.Fatalf("advisor picks the counter-proposal: %+v, %v", ch, err)
	}
	if n := e.count(t, `SELECT count(*) FROM appointment_options WHERE appointment_id = $1`, ap.ID); n != 2 {
		t.Errorf("%d options kept, want both rounds", n)
	}
}

// reminders runs DueReminders and returns "kind/sequence" of each.
func reminders(t *testing.T, st *storage.Store) []string {
	t.Helper()
	rs, err := st.DueReminders(context.Background(), remindTell)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s/%d", r.Kind, r.Appointment.Sequence))
	}
	return out
}

// expect fails t unless got lists want, in any order.
func expect(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: reminders %v, want %v", what, got, want)
	}
}

// Taking the seat back from the advisor cancels their open proposal: once
// another advisor holds the seat, the requester cannot agree on it.
func TestWithdrawnSeatDropsProposals(t *testing.T) {
	t.Parallel()
	e := newApptEnv(t)
	ctx := context.Background()
	ap := e.propose(t, 48)
	if _, err := e.st.WithdrawSeat(ctx, e.req.ID, e.advisors[0].ID, e.coordA.ID, nil); err != nil {
		t.Fatal(err)
	}
	ch := e.start(t, domain.ModeDirect, 1, 2, nil)
	if got, err := e.st.AcceptOffer(ctx, ch.Opened[0].ID, e.advisors[1].ID, nil); err != nil || !got.Assigned {
		t.Fatalf("second advisor accepts: %+v, %v", got, err)
	}
	_, err := e.st.PickAppointment(ctx, ap.ID, ap.Options[0].ID, e.requester.ID, apptTell)
	checkErr(t, "picking the former advisor's proposal", err, domain.ErrConflict)
	got, _ := e.st.AppointmentByID(ctx, ap.ID)
	if got.Status != domain.AppointmentCancelled || got.CancelledBy != e.coordA.ID {
		t.Errorf("proposal after the withdrawal: %+v", got)
	}
	if r, _ := e.st.RequestByID(ctx, e.req.ID); r.Status != domain.StatusAssigned {
		t.Errorf("request %s", r.Status)
	}
}
