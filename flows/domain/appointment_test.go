package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Who may propose, pick (or counter), reschedule and cancel appointments
// of a request of Hattingen (municipality 7), requested by user 1, whose
// seats advisors 5 and 6 hold.
func TestAppointmentPolicies(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	actor := func(id int64, role domain.Role, munis ...int64) domain.Actor {
		return domain.Actor{User: domain.User{ID: id, Roles: []domain.Role{role}}, Municipalities: munis, Verified: munis}
	}
	var (
		requester   = actor(1, domain.RoleMunicipal, 7)
		colleague   = actor(2, domain.RoleMunicipal, 7)
		otherCity   = actor(3, domain.RoleMunicipal, 8)
		coordinator = actor(4, domain.RoleCoordinator)
		holder      = actor(5, domain.RoleAdvisor)
		tandem      = actor(6, domain.RoleAdvisor)
		noSeat      = actor(8, domain.RoleAdvisor)
		exAdvisor   = domain.Actor{User: domain.User{ID: 5}} // holds the seat, the role taken away
	)
	seats := []domain.Seat{{N: 1, AdvisorID: 5}, {N: 2, AdvisorID: 6}}
	slot := domain.Slot{Start: now.Add(48 * time.Hour), End: now.Add(50 * time.Hour), Place: "Rathaus"}
	proposed := domain.Appointment{Status: domain.AppointmentProposed, Awaiting: domain.SideRequester}
	countered := domain.Appointment{Status: domain.AppointmentProposed, Awaiting: domain.SideAdvisor}
	agreed := domain.Appointment{Status: domain.AppointmentAgreed, Slot: slot}
	started := domain.Appointment{Status: domain.AppointmentAgreed, Slot: domain.Slot{Start: now.Add(-time.Minute), End: now.Add(time.Hour)}}
	cancelled := domain.Appointment{Status: domain.AppointmentCancelled}
	type can struct{ propose, pick, reschedule, cancel bool }
	cases := []struct {
		name   string
		a      domain.Actor
		status domain.Status
		ap     domain.Appointment
		want   can
	}{
		{"seat holder, proposal awaits the requester", holder, domain.StatusAssigned, proposed, can{propose: true, cancel: true}},
		{"tandem partner, counter-proposal", tandem, domain.StatusScheduled, countered, can{propose: true, pick: true, cancel: true}},
		{"requester, proposal", requester, domain.StatusAssigned, proposed, can{pick: true, cancel: true}},
		{"colleague, agreed", colleague, domain.StatusScheduled, agreed, can{reschedule: true, cancel: true}},
		{"requester, own counter-proposal", requester, domain.StatusAssigned, countered, can{cancel: true}},
		{"seat holder, started", holder, domain.StatusScheduled, started, can{propose: true}},
		{"seat holder, cancelled", holder, domain.StatusScheduled, cancelled, can{propose: true}},
		{"seat holder, request completed", holder, domain.StatusCompleted, agreed, can{}},
		{"seat holder, request back to matching", holder, domain.StatusMatching, proposed, can{}},
		{"other municipality", otherCity, domain.StatusAssigned, proposed, can{}},
		{"advisor without a seat", noSeat, domain.StatusAssigned, countered, can{}},
		{"seat holder without the advisor role", exAdvisor, domain.StatusAssigned, countered, can{}},
		{"coordinator", coordinator, domain.StatusScheduled, agreed, can{}},
		{"nobody", domain.Actor{}, domain.StatusAssigned, proposed, can{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := domain.Request{ID: 9, Status: c.status, RequestDraft: domain.RequestDraft{RequesterID: 1, MunicipalityID: 7}}
			got := can{propose: domain.CanPropose(c.a, r, seats), pick: domain.CanPick(c.a, r, seats, c.ap),
				reschedule: domain.CanReschedule(c.a, r, seats, c.ap, now), cancel: domain.CanCallOff(c.a, r, seats, c.ap, now)}
			if got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

// Each rule of a slot, a proposal and a reason names its problem and is
// an ErrInvalid.
func TestCheckSlot(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	accepted := now.Add(-time.Hour)
	at := func(h int) time.Time { return now.Add(time.Duration(h) * time.Hour) }
	ok := domain.Slot{Start: at(24), End: at(26), Place: "Rathaus Hattingen"}
	with := func(f func(*domain.Slot)) domain.Slot { s := ok; f(&s); return s }
	long := strings.Repeat("ä", domain.MaxAppointmentPlace+1)
	cases := []struct {
		name     string
		slot     domain.Slot
		accepted time.Time
		want     domain.AppointmentProblem
	}{
		{"fine", ok, accepted, ""},
		{"online only", with(func(s *domain.Slot) { s.Place, s.Link = "", "https://meet.example/x" }), accepted, ""},
		{"place of 200 characters", with(func(s *domain.Slot) { s.Place = long[:len(long)-2] }), accepted, ""},
		{"end before start", with(func(s *domain.Slot) { s.End = at(23) }), accepted, domain.ProblemEndBeforeStart},
		{"end at start", with(func(s *domain.Slot) { s.End = s.Start }), accepted, domain.ProblemEndBeforeStart},
		{"13 hours", with(func(s *domain.Slot) { s.End = at(37) }), accepted, domain.ProblemTooLong},
		{"before the acceptance", with(func(s *domain.Slot) { s.Start, s.End = at(-3), at(-2) }), accepted, domain.ProblemBeforeAcceptance},
		{"in the past, after the acceptance", with(func(s *domain.Slot) { s.Start, s.End = at(-1), at(1) }), at(-2), domain.ProblemPast},
		{"now", with(func(s *domain.Slot) { s.Start, s.End = now, at(1) }), accepted, domain.ProblemPast},
		{"too far ahead", with(func(s *domain.Slot) { s.Start, s.End = at(24*401), at(24*401+1) }), accepted, domain.ProblemTooFar},
		{"no place, no link", with(func(s *domain.Slot) { s.Place = "" }), accepted, domain.ProblemNoPlace},
		{"place too long", with(func(s *domain.Slot) { s.Place = long }), accepted, domain.ProblemPlaceTooLong},
		{"link too long", with(func(s *domain.Slot) { s.Link = long }), accepted, domain.ProblemPlaceTooLong},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := domain.CheckSlot(c.slot, now, c.accepted)
			checkProblem(t, err, c.want)
		})
	}
	checkProblem(t, domain.CheckOptions(nil, now, accepted), domain.ProblemNoOptions)
	checkProblem(t, domain.CheckOptions(make([]domain.Slot, domain.MaxAppointmentOptions+1), now, accepted), domain.ProblemTooManyOptions)
	err := domain.CheckOptions([]domain.Slot{ok, with(func(s *domain.Slot) { s.Place = long })}, now, accepted)
	checkProblem(t, err, domain.ProblemPlaceTooLong)
	if e := (*domain.AppointmentError)(nil); !errors.As(err, &e) || e.Option != 1 {
		t.Errorf("second option's error names option %+v", e)
	}
	checkProblem(t, domain.CheckOptions([]domain.Slot{ok, ok}, now, accepted), "")
	checkProblem(t, domain.CheckReason("", true), domain.ProblemNoReason)
	checkProblem(t, domain.CheckReason("", false), "")
	checkProblem(t, domain.CheckReason(strings.Repeat("x", domain.MaxAppointmentReason+1), false), domain.ProblemReasonTooLong)
	checkProblem(t, domain.CheckReason(strings.Repeat("ü", domain.MaxAppointmentReason), true), "")
}

// checkProblem fails t unless err is the *AppointmentError of want (an
// ErrInvalid), or nil for want "".
func checkProblem(t *testing.T, err error, want domain.AppointmentProblem) {
	t.Helper()
	var e *domain.AppointmentError
	switch {
	case want == "" && err != nil:
		t.Errorf("got %v, want no error", err)
	case want != "" && (!errors.As(err, &e) || e.Problem != want || !errors.Is(err, domain.ErrInvalid)):
		t.Errorf("got %v, want %s", err, want)
	}
}
