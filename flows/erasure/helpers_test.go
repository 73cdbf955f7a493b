package erasure_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the erasure tests share: Zeynep, who is everything at once (a
// municipal contact of Hattingen with a request of her own, an advisor
// holding a seat of Erika's request with a confirmed and rated report and
// an open offer of another, the last member of an association that
// answered an event of Bora's, the organiser of a draft, the one who
// countered with a note the time Cem proposed for her own request), Erika
// of Hattingen, the advisors Bora and Cem and the coordinators. Every text Zeynep
// gave is distinctive, so that a scan finds any copy of it.

type person = flowstest.Person

var (
	zeynep = person{ID: 740_123_987, FirstName: "Zeynep"}
	erika  = person{ID: 7001, FirstName: "Erika"}
	bora   = person{ID: 7102}
	cem    = person{ID: 7103}
	coord  = person{ID: flowstest.CoordinatorID}
)

// What Zeynep gave, each a string no other record holds.
const (
	zName     = "Zeynep Quastenberg"
	zPhone    = "+49 151 98765432"
	zMail     = "zeynep.q@example.org"
	zNote     = "Quastenbergs Verlaufsnotiz"
	zReport   = "Quastenbergs Berichtsnotiz"
	zDecline  = "Quastenbergs Absagegrund"
	zInterp   = "Quastenbergs Dolmetschwunsch"
	zContact  = "Quastenbergs Veranstaltungskontakt"
	zRating   = "Quastenbergs Bewertungskommentar"
	zCounter  = "Quastenbergs Gegenvorschlag"
	billingTo = "31.12.2034" // confirmed in 2026, plus 8 years
)

// secrets are the strings that must be gone after the erasure.
var secrets = []string{zName, "Quastenberg", zPhone, "98765432", zMail, zNote, zReport, zDecline, zInterp, zContact, zRating, zCounter}

// scene builds Zeynep's world and returns it with the ids of Erika's
// request she holds a seat of (assigned, confirmed report, rated), the
// one offered to her, and Bora's event her association answered.
type scene struct {
	h                 *flowstest.H
	seated, offered   domain.Request
	own               domain.Request
	event             domain.Event
	orgID, zID, eID   int64
	bID, coordID      int64
	reportID, offerID int64
}

func build(t *testing.T) *scene {
	t.Helper()
	h := flowstest.New(t)
	ctx := context.Background()
	s := &scene{h: h}
	h.RegisterCoordinators()
	h.RegisterMunicipal(erika, "de")
	z := flowstest.Municipal
	z.Lang, z.Name = "de", zName
	h.Register(zeynep, z)
	h.DecideContact(zeynep, domain.ContactVerified)
	h.Register(bora, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: "Bora Yilmaz"})
	s.zID, s.eID, s.bID, s.coordID = h.UserID(zeynep), h.UserID(erika), h.UserID(bora), h.UserID(coord)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	// Her own request, with how to reach her and a note of hers.
	s.own = h.SubmitRequest(zeynep, false, "z-own")
	_, err := h.DB.SetContactReach(ctx, s.own.ID, s.zID, zPhone+", "+zMail, nil)
	must(err)
	_, err = h.DB.AddEvent(ctx, s.own.ID, s.zID, []domain.Status{domain.StatusSubmitted}, domain.EventNote, zNote, nil)
	must(err)
	s.counter(t)

	// The advisor: a profile, a seat with a confirmed report and a rating,
	// an open offer, a declined one.
	must(h.DB.GrantRole(ctx, s.zID, domain.RoleAdvisor))
	must(h.DB.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: s.zID, Expertise: []domain.Topic{domain.TopicInterculturalOpening},
		City: "Bochum", State: "NW", Formats: []domain.Format{domain.FormatOnSite}, Reach: zPhone}))
	s.seated = s.approved("e-seated")
	ch, err := h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: s.seated.ID, CoordinatorID: s.coordID, Mode: domain.ModeDirect,
		Advisors: []int64{s.zID}, Window: 48 * time.Hour}, nil)
	must(err)
	_, err = h.DB.AcceptOffer(ctx, ch.Opened[0].ID, s.zID, nil)
	must(err)
	h.Clock.Advance(24 * time.Hour) // 25.11.2026
	rc, err := h.DB.SubmitReport(ctx, domain.ReportDraft{RequestID: s.seated.ID, AdvisorID: s.zID,
		Dates: []time.Time{time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, PrepMinutes: 60, SessionMinutes: 120,
		Km: 40, KmRateCents: 30, Note: zReport}, nil)
	must(err)
	s.reportID = rc.Report.ID
	ea, err := h.DB.ActorByTelegramID(ctx, erika.ID)
	must(err)
	_, err = h.DB.ConfirmReport(ctx, s.reportID, ea, nil)
	must(err)
	_, err = h.DB.RateRequest(ctx, s.seated.ID, ea, 5, zRating, nil)
	must(err)
	// A correction not confirmed yet: deleted, not billed.
	_, err = h.DB.SubmitReport(ctx, domain.ReportDraft{RequestID: s.seated.ID, AdvisorID: s.zID,
		Dates: []time.Time{time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, PrepMinutes: 90, SessionMinutes: 120,
		Km: 40, KmRateCents: 30, Note: zReport}, nil)
	must(err)

	s.offered = s.approved("e-offered")
	ch, err = h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: s.offered.ID, CoordinatorID: s.coordID, Mode: domain.ModeParallel,
		Advisors: []int64{s.zID, s.bID}, Window: 48 * time.Hour}, nil)
	must(err)
	for _, o := range ch.Opened {
		if o.Advisor.ID == s.zID {
			s.offerID = o.ID
		}
	}
	declined := s.approved("e-declined")
	ch, err = h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: declined.ID, CoordinatorID: s.coordID, Mode: domain.ModeDirect,
		Advisors: []int64{s.zID}, Window: 48 * time.Hour}, nil)
	must(err)
	_, err = h.DB.DeclineOffer(ctx, ch.Opened[0].ID, s.zID, domain.DeclineOther, zDecline, nil)
	must(err)

	// The association: Zeynep its only member, answering Bora's event.
	h.Exec(`INSERT INTO organisations (name, city, state, topics) VALUES ('Brückenverein Hattingen', 'Hattingen', 'NW', '{culture}')`)
	var orgs []domain.AudienceOrg
	orgs, err = h.DB.SearchOrganisations(ctx, "Brückenverein", 5)
	must(err)
	s.orgID = orgs[0].ID
	must(h.DB.AddInvite(ctx, domain.Invite{Code: "z-org-invite", InviteScope: domain.InviteScope{Role: domain.RoleOrganisation, OrganisationID: s.orgID},
		ExpiresAt: h.Clock.Now().Add(time.Hour)}))
	_, err = h.DB.AcceptInvite(ctx, "z-org-invite", s.zID)
	must(err)
	s.event = s.publish(bora, "Fest der Nachbarschaft", 2)
	_, err = h.DB.Answer(ctx, s.zID, domain.OrgAnswer{EventID: s.event.ID, OrganisationID: s.orgID, Reply: domain.ReplyYes,
		Persons: 2, Needs: []domain.EventNeed{domain.NeedInterpreting}, Interpreting: zInterp}, nil)
	must(err)

	// A draft of her own, with her contact.
	_, err = h.DB.CreateEvent(ctx, eventDraft(s.zID, "Quastenbergs Entwurf", 0, zContact))
	must(err)
	h.Deliver()
	return s
}

// counter has the advisor Cem take Zeynep's own request and propose a
// time, and Zeynep propose another with a note: the appointment is Cem's
// (created_by), the note hers (the latest round's).
func (s *scene) counter(t *testing.T) {
	t.Helper()
	h, ctx := s.h, context.Background()
	h.Register(cem, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: "Cem Aydin"})
	cemID := h.UserID(cem)
	_, err := h.DB.Transition(ctx, s.own.ID, s.coordID, []domain.Status{domain.StatusSubmitted}, domain.StatusApproved,
		domain.EventStatus, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: s.own.ID, CoordinatorID: s.coordID, Mode: domain.ModeDirect,
		Advisors: []int64{cemID}, Window: 48 * time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err = h.DB.AcceptOffer(ctx, ch.Opened[0].ID, cemID, nil); err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2026, 12, 3, 10, 0, 0, 0, berlin)
	ap, err := h.DB.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: s.own.ID, AdvisorID: cemID,
		Options: []domain.Slot{{Start: start, End: start.Add(2 * time.Hour), Place: "Rathaus Hattingen"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	later := start.Add(24 * time.Hour)
	if _, err = h.DB.CounterAppointment(ctx, ap.Appointment.ID, s.zID,
		[]domain.Slot{{Start: later, End: later.Add(2 * time.Hour), Place: "Rathaus Hattingen"}}, zCounter, nil); err != nil {
		t.Fatal(err)
	}
}

// approved submits a request of Erika (key) and approves it.
func (s *scene) approved(key string) domain.Request {
	s.h.T.Helper()
	r := s.h.SubmitRequest(erika, false, key)
	r, err := s.h.DB.Transition(context.Background(), r.ID, s.coordID, []domain.Status{domain.StatusSubmitted},
		domain.StatusApproved, domain.EventStatus, "", nil)
	if err != nil {
		s.h.T.Fatal(err)
	}
	return r
}

// publish creates and publishes p's event for capacity persons to
// Zeynep's association.
func (s *scene) publish(p person, title string, capacity int) domain.Event {
	s.h.T.Helper()
	ctx := context.Background()
	e, err := s.h.DB.CreateEvent(ctx, eventDraft(s.h.UserID(p), title, capacity, ""))
	if err == nil {
		_, err = s.h.DB.Publish(ctx, e.ID, s.h.UserID(p), []int64{s.orgID}, nil)
	}
	if err != nil {
		s.h.T.Fatal(err)
	}
	return e
}

// eventDraft is an event on 12.12.2026, 18:00-20:00 in Hattingen.
func eventDraft(organiser int64, title string, capacity int, contact string) domain.EventDraft {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2026, 12, 12, 18, 0, 0, 0, berlin)
	return domain.EventDraft{OrganiserID: organiser, Title: title, Description: "Musik und Begegnung.", Start: start,
		End: start.Add(2 * time.Hour), Place: "Stadthalle Hattingen", City: "Hattingen", State: "NW",
		Topics: []domain.Topic{domain.TopicCulture}, Capacity: capacity, Contact: contact,
		Needs: []domain.EventNeed{domain.NeedInterpreting}}
}
