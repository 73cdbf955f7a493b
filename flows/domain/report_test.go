package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// date is midnight UTC of a day in November 2026.
func date(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }

// The rules of a report: accepted on 10 November, today the 24th.
func TestValidateReport(t *testing.T) {
	t.Parallel()
	valid := domain.ReportDraft{Dates: []time.Time{date(12), date(20)}, PrepMinutes: 180, SessionMinutes: 240,
		FollowUpMinutes: 60, Km: 120, KmRateCents: 30, OtherCents: 1250, Note: "Workshop gehalten."}
	accepted := time.Date(2026, 11, 10, 15, 4, 0, 0, time.UTC)
	today := time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)
	cases := []struct {
		name   string
		change func(*domain.ReportDraft)
		ok     bool
	}{
		{"valid", func(*domain.ReportDraft) {}, true},
		{"on the day of acceptance and today", func(d *domain.ReportDraft) { d.Dates = []time.Time{date(10), date(24)} }, true},
		{"48 hours on two days", func(d *domain.ReportDraft) { d.PrepMinutes, d.SessionMinutes, d.FollowUpMinutes = 0, 48*60, 0 }, true},
		{"tickets instead of km", func(d *domain.ReportDraft) { d.Km, d.TicketCents = 0, 4590 }, true},
		{"note of 1000 characters", func(d *domain.ReportDraft) { d.Note = strings.Repeat("ä", 1000) }, true},
		{"negative preparation", func(d *domain.ReportDraft) { d.PrepMinutes = -1 }, false},
		{"negative follow-up", func(d *domain.ReportDraft) { d.FollowUpMinutes = -60 }, false},
		{"more than 24 hours a day", func(d *domain.ReportDraft) { d.SessionMinutes = 48*60 - 180 - 60 + 1 }, false},
		{"no date", func(d *domain.ReportDraft) { d.Dates = nil }, false},
		{"a date twice", func(d *domain.ReportDraft) { d.Dates = []time.Time{date(12), date(12)} }, false},
		{"before the acceptance", func(d *domain.ReportDraft) { d.Dates = []time.Time{date(9)} }, false},
		{"in the future", func(d *domain.ReportDraft) { d.Dates = []time.Time{date(25)} }, false},
		{"2001 km", func(d *domain.ReportDraft) { d.Km = 2001 }, false},
		{"negative km", func(d *domain.ReportDraft) { d.Km = -5 }, false},
		{"km and tickets", func(d *domain.ReportDraft) { d.TicketCents = 100 }, false},
		{"negative other costs", func(d *domain.ReportDraft) { d.OtherCents = -1 }, false},
		{"rate out of range", func(d *domain.ReportDraft) { d.KmRateCents = 101 }, false},
		{"note too long", func(d *domain.ReportDraft) { d.Note = strings.Repeat("a", 1001) }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := valid
			c.change(&d)
			err := domain.ValidateReport(d, accepted, today)
			if c.ok != (err == nil) || err != nil && !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("ValidateReport = %v, want ok=%v", err, c.ok)
			}
		})
	}
}

func TestValidateRating(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		stars   int
		comment string
		ok      bool
	}{{1, "", true}, {5, strings.Repeat("ü", 1000), true}, {0, "", false}, {6, "", false}, {3, strings.Repeat("x", 1001), false}} {
		if err := domain.ValidateRating(c.stars, c.comment); c.ok != (err == nil) {
			t.Errorf("ValidateRating(%d, %d chars) = %v, want ok=%v", c.stars, len(c.comment), err, c.ok)
		}
	}
}

// Who may report, ask, confirm, rate and see the rating of request 9 of
// municipality 7, requested by user 1, whose seat advisor 5 holds.
func TestReportPolicies(t *testing.T) {
	t.Parallel()
	actor := func(id int64, roles []domain.Role, munis ...int64) domain.Actor {
		return domain.Actor{User: domain.User{ID: id, Roles: roles}, Municipalities: munis, Verified: munis}
	}
	municipal := []domain.Role{domain.RoleMunicipal}
	var (
		requester   = actor(1, municipal, 7)
		colleague   = actor(2, municipal, 7)
		otherCity   = actor(3, municipal, 8)
		coordinator = actor(4, []domain.Role{domain.RoleCoordinator})
		advisor     = actor(5, []domain.Role{domain.RoleAdvisor})
		otherAdv    = actor(6, []domain.Role{domain.RoleAdvisor})
		// an advisor who is also a contact of the municipality
		advContact = actor(5, []domain.Role{domain.RoleAdvisor, domain.RoleMunicipal}, 7)
	)
	seats := []domain.Seat{{N: 1, AdvisorID: 5}}
	type can struct{ submit, act, rate, see, bill bool }
	cases := []struct {
		name   string
		a      domain.Actor
		status domain.Status
		rep    domain.ReportStatus
		want   can
	}{
		{"requester, submitted", requester, domain.StatusScheduled, domain.ReportSubmitted, can{act: true}},
		{"requester, confirmed", requester, domain.StatusCompleted, domain.ReportConfirmed, can{rate: true}},
		{"requester, question", requester, domain.StatusScheduled, domain.ReportQuestion, can{}},
		{"colleague, submitted", colleague, domain.StatusAssigned, domain.ReportSubmitted, can{act: true}},
		{"other municipality", otherCity, domain.StatusScheduled, domain.ReportSubmitted, can{}},
		{"other municipality, confirmed", otherCity, domain.StatusCompleted, domain.ReportConfirmed, can{}},
		{"coordinator", coordinator, domain.StatusScheduled, domain.ReportSubmitted, can{see: true, bill: true}},
		{"the advisor", advisor, domain.StatusScheduled, domain.ReportSubmitted, can{submit: true, see: true}},
		{"the advisor, request closed", advisor, domain.StatusClosed, domain.ReportConfirmed, can{see: true}},
		{"the advisor as a contact", advContact, domain.StatusCompleted, domain.ReportSubmitted, can{submit: true, see: true}},
		{"the advisor as a contact, confirmed", advContact, domain.StatusCompleted, domain.ReportConfirmed, can{submit: true, see: true}},
		{"another advisor", otherAdv, domain.StatusScheduled, domain.ReportSubmitted, can{}},
		{"requester, request closed", requester, domain.StatusClosed, domain.ReportSubmitted, can{}},
		{"nobody", domain.Actor{}, domain.StatusScheduled, domain.ReportSubmitted, can{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := domain.Request{ID: 9, Status: c.status, RequestDraft: domain.RequestDraft{RequesterID: 1, MunicipalityID: 7}}
			rep := domain.Report{Status: c.rep, ReportDraft: domain.ReportDraft{RequestID: 9, AdvisorID: 5}}
			got := can{submit: domain.CanSubmitReport(c.a, r, seats), act: domain.CanActOnReport(c.a, r, rep),
				rate: domain.CanRate(c.a, r, seats, []domain.Report{rep}), see: domain.CanSeeRating(c.a, seats),
				bill: domain.MayExportBilling(c.a)}
			if got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}
