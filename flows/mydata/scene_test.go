package mydata_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The scene the export tests share, set up through the stores (the
// features' own tests cover how each record comes about in the chat):
// every kind of record for an advisor (Aylin, English), a municipal
// contact (Erika, German) and an association member (Kofi), and beside
// them other people with distinctive records in the same requests and
// events.

type person = flowstest.Person

var (
	coord   = person{ID: flowstest.CoordinatorID}
	erika   = person{ID: 7001, FirstName: "Erika"}                 // municipal contact of Hattingen
	marga   = person{ID: 7002, FirstName: "Margarete"}             // her colleague
	aylin   = person{ID: 7101, FirstName: "Aylin", LangHint: "en"} // advisor, English
	bora    = person{ID: 7102, FirstName: "Bora"}                  // the other advisor of the tandem
	kofi    = person{ID: 7201, FirstName: "Kofi"}                  // member of the association
	olu     = person{ID: 7202, FirstName: "Olu"}                   // joined it by Kofi's invite
	yusuf   = person{ID: 7203, FirstName: "Yusuf"}                 // member of another association
	nobody  = person{ID: 7999, FirstName: "Nobody", LangHint: "en"}
	apptDay = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
)

// Distinctive texts of the scene.
const (
	erikaName   = "Erika Exportfrau"
	margaName   = "Margarete Nachbarin"
	aylinName   = "Aylin Exportova"
	boraName    = "Bora Fremdling"
	kofiName    = "Kofi Exportmann"
	oluName     = "Olu Zweitmitglied"
	yusufName   = "Yusuf Drittverein"
	coordName   = "Jana Koordination"
	aylinReach  = "Aylin erreichbar 0151 1111111"
	boraReach   = "Bora erreichbar 0151 2222222"
	erikaReach  = "Erika erreichbar 0201 333333"
	margaReach  = "Margarete erreichbar 0201 999999"
	margaDesc   = "Margaretes Nachbarschaftsprojekt mit den Kulturvereinen der Stadt"
	coordAsks   = "Koordination fragt nach dem Budget"
	erikaAnswer = "Erika antwortet: Budget steht bereit"
	apptNote    = "Erikas Terminwunsch: lieber nachmittags"
	aylinNote1  = "Aylins Bericht erste Fassung"
	aylinNote2  = "Aylins Bericht zweite Fassung"
	boraNote    = "Boras Bericht zum Tandem"
	erikaAsks   = "Erika fragt nach den Fahrtkosten"
	ratingText  = "Erikas Bewertung: hervorragend moderiert"
	aylinNo     = "Aylin hat im Februar keine Zeit"
	boraNo      = "Bora sagt ab wegen Umzug"
	eventTitle  = "Fest der Kulturen 2027"
	eventPhone  = "Erikas Veranstaltungstelefon 0201 444444"
	kofiInterp  = "Kofis Dolmetschwunsch Twi"
	yusufInterp = "Yusufs Dolmetschwunsch Tigrinya"
	orgX        = "Kultur und Export e.V."
	orgY        = "Verein Drittland e.V."
)

// scene is what the scene made: the harness, the requests and the event.
type scene struct {
	h                *flowstest.H
	tandem, declined domain.Request // Erika's: both advisors hold tandem, both declined the other
	margas           domain.Request
	event            domain.Event
	reports          map[string]int64 // report ids by note
	inviteID         int64            // Kofi's invite, used by Olu
}

// setUp makes the scene.
func setUp(t *testing.T) *scene {
	t.Helper()
	h := flowstest.New(t)
	ctx := context.Background()
	s := &scene{h: h, reports: map[string]int64{}}
	h.RegisterCoordinators()
	for _, m := range []struct {
		p    person
		name string
	}{{erika, erikaName}, {marga, margaName}} {
		a := flowstest.Municipal
		a.Lang, a.Name = "de", m.name
		h.Register(m.p, a)
		h.DecideContact(m.p, domain.ContactVerified)
	}
	for _, a := range []struct {
		p           person
		name, reach string
	}{{aylin, aylinName, aylinReach}, {bora, boraName, boraReach}} {
		lang := "de"
		if a.p.LangHint != "" {
			lang = a.p.LangHint
		}
		h.Register(a.p, flowstest.Answers{Role: domain.RoleAdvisor, Lang: lang, Name: a.name})
		must(t, h.DB.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: h.UserID(a.p), City: "Bochum", State: "NW",
			Expertise: []domain.Topic{domain.TopicInterculturalOpening}, Languages: []string{"Türkisch"},
			Formats: []domain.Format{domain.FormatOnSite}, Reach: a.reach}))
	}
	h.Deliver()
	s.requests(t)
	s.work(t)
	s.events(t)
	h.Deliver()
	return s
}

// submit submits a request of p with description desc straight in the
// store.
func (s *scene) submit(t *testing.T, p person, key, desc string, tandem bool) domain.Request {
	t.Helper()
	h, ctx := s.h, context.Background()
	muns, err := h.DB.MunicipalitiesOf(ctx, h.UserID(p))
	if err != nil || len(muns) != 1 {
		t.Fatalf("municipalities of %d: %v %v", p.ID, muns, err)
	}
	r, _, err := h.DB.SubmitRequest(ctx, domain.RequestDraft{RequesterID: h.UserID(p), MunicipalityID: muns[0].MunicipalityID,
		Department: "Amt für Integration", ContactFunction: "Integrationsbeauftragte",
		Topic: domain.TopicInterculturalOpening, Description: desc, Goal: "Ein Leitbild", Format: domain.FormatOnSite,
		Earliest: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC), Latest: time.Date(2027, 2, 26, 0, 0, 0, 0, time.UTC),
		Place: "Rathaus Hattingen", Languages: []string{"Türkisch"}, Urgency: domain.UrgencyNormal, Tandem: tandem}, key, nil)
	must(t, err)
	return r
}

// requests: Erika's tandem request with a question and her answer, her
// second request that both advisors decline, Margarete's request; offers
// to both advisors.
func (s *scene) requests(t *testing.T) {
	t.Helper()
	h, ctx := s.h, context.Background()
	coordID, erikaID := h.UserID(coord), h.UserID(erika)
	s.tandem = s.submit(t, erika, "mydata-1", "Interkulturelle Öffnung der Verwaltung mit zwei Workshops", true)
	s.declined = s.submit(t, erika, "mydata-2", "Beratung zur Städtepartnerschaft mit Vereinen aus Ghana", false)
	s.margas = s.submit(t, marga, "mydata-3", margaDesc, false)
	_, err := h.DB.SetContactReach(ctx, s.margas.ID, h.UserID(marga), margaReach, nil)
	must(t, err)
	id := s.tandem.ID
	step := func(actor int64, from, to domain.Status, kind domain.EventKind, note string) {
		t.Helper()
		_, err := h.DB.Transition(ctx, id, actor, []domain.Status{from}, to, kind, note, nil)
		must(t, err)
	}
	step(coordID, domain.StatusSubmitted, domain.StatusQuestion, domain.EventQuestion, coordAsks)
	step(erikaID, domain.StatusQuestion, domain.StatusInReview, domain.EventAnswer, erikaAnswer)
	step(coordID, domain.StatusInReview, domain.StatusApproved, domain.EventStatus, "")
	id = s.declined.ID
	step(coordID, domain.StatusSubmitted, domain.StatusApproved, domain.EventStatus, "")
	advisors := []int64{h.UserID(aylin), h.UserID(bora)}
	for _, r := range []domain.Request{s.tandem, s.declined} {
		ch, err := h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: r.ID, CoordinatorID: coordID, Mode: domain.ModeParallel,
			Advisors: advisors, Window: 48 * time.Hour}, nil)
		must(t, err)
		for _, o := range ch.Opened {
			switch {
			case r.ID == s.tandem.ID:
				_, err = h.DB.AcceptOffer(ctx, o.ID, o.Advisor.ID, nil)
			case o.Advisor.ID == advisors[0]:
				_, err = h.DB.DeclineOffer(ctx, o.ID, o.Advisor.ID, domain.DeclineNoTime, aylinNo, nil)
			default:
				_, err = h.DB.DeclineOffer(ctx, o.ID, o.Advisor.ID, domain.DeclineOther, boraNo, nil)
			}
			must(t, err)
		}
	}
	_, err = h.DB.SetContactReach(ctx, s.tandem.ID, erikaID, erikaReach, nil)
	must(t, err)
}

// work: an appointment Aylin proposes and Erika moves with a note, Aylin
// agrees to; reports of both advisors (Aylin's asked about by Erika and
// corrected), confirmed by Erika, who rates the counseling.
func (s *scene) work(t *testing.T) {
	t.Helper()
	h, ctx := s.h, context.Background()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2026, 11, 26, 10, 0, 0, 0, berlin)
	aylinID, erikaID := h.UserID(aylin), h.UserID(erika)
	ap, err := h.DB.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: s.tandem.ID, AdvisorID: aylinID,
		Options: []domain.Slot{{Start: start, End: start.Add(2 * time.Hour), Place: "Rathaus Hattingen"}}}, nil)
	must(t, err)
	later := start.Add(4 * time.Hour)
	ch, err := h.DB.CounterAppointment(ctx, ap.Appointment.ID, erikaID,
		[]domain.Slot{{Start: later, End: later.Add(2 * time.Hour), Place: "Rathaus Hattingen"}}, apptNote, nil)
	must(t, err)
	opts := ch.Appointment.Options
	_, err = h.DB.PickAppointment(ctx, ap.Appointment.ID, opts[len(opts)-1].ID, aylinID, nil)
	must(t, err)
	h.Clock.Advance(3 * 24 * time.Hour) // 27.11.2026
	submit := func(p person, note string) int64 {
		t.Helper()
		c, err := h.DB.SubmitReport(ctx, domain.ReportDraft{RequestID: s.tandem.ID, AdvisorID: h.UserID(p),
			Dates: []time.Time{apptDay}, PrepMinutes: 60, SessionMinutes: 120, Km: 40, KmRateCents: 30, Note: note}, nil)
		must(t, err)
		s.reports[note] = c.Report.ID
		return c.Report.ID
	}
	erikaActor, err := h.DB.ActorByTelegramID(ctx, erika.ID)
	must(t, err)
	_, err = h.DB.AskAboutReport(ctx, submit(aylin, aylinNote1), erikaActor, erikaAsks, nil)
	must(t, err)
	for _, id := range []int64{submit(aylin, aylinNote2), submit(bora, boraNote)} {
		_, err = h.DB.ConfirmReport(ctx, id, erikaActor, nil)
		must(t, err)
	}
	_, err = h.DB.RateRequest(ctx, s.tandem.ID, erikaActor, 5, ratingText, nil)
	must(t, err)
}

// events: Kofi's and Yusuf's associations, Olu joining Kofi's by his
// invite, Erika's event for both, and both associations' answers.
func (s *scene) events(t *testing.T) {
	t.Helper()
	h, ctx := s.h, context.Background()
	for _, m := range []struct {
		p         person
		name, org string
	}{{kofi, kofiName, orgX}, {yusuf, yusufName, orgY}} {
		a := flowstest.Organisation
		a.Lang, a.Name, a.Org = "de", m.name, m.org
		h.Register(m.p, a)
	}
	kofiActor, err := h.DB.ActorByTelegramID(ctx, kofi.ID)
	must(t, err)
	yusufActor, err := h.DB.ActorByTelegramID(ctx, yusuf.ID)
	must(t, err)
	x, y := kofiActor.Organisations[0], yusufActor.Organisations[0]
	must(t, h.DB.AddInvite(ctx, domain.Invite{Code: "mydata-olu", InviteScope: domain.InviteScope{Role: domain.RoleOrganisation,
		OrganisationID: x}, CreatedBy: kofiActor.ID, ExpiresAt: h.Clock.Now().Add(24 * time.Hour)}))
	_, err = h.DB.Register(ctx, domain.Registration{TelegramID: olu.ID, ChatID: olu.ID, Name: oluName, Lang: "de",
		ConsentAt: h.Clock.Now(), Role: domain.RoleOrganisation, Organisation: &domain.OrganisationProfile{},
		InviteCode: "mydata-olu"}, nil)
	must(t, err)
	inv, err := h.DB.InviteByCode(ctx, "mydata-olu")
	must(t, err)
	s.inviteID = inv.ID
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2027, 1, 15, 18, 0, 0, 0, berlin)
	s.event, err = h.DB.CreateEvent(ctx, domain.EventDraft{OrganiserID: h.UserID(erika), Title: eventTitle,
		Description: "Musik, Essen und Gespräche", Start: start, End: start.Add(3 * time.Hour), Place: "Stadthalle",
		City: "Köln", State: "NW", Topics: []domain.Topic{domain.TopicCulture}, Contact: eventPhone,
		Needs: []domain.EventNeed{domain.NeedInterpreting}})
	must(t, err)
	_, err = h.DB.Publish(ctx, s.event.ID, h.UserID(erika), []int64{x, y}, nil)
	must(t, err)
	for _, a := range []struct {
		actor  domain.Actor
		org    int64
		interp string
	}{{kofiActor, x, kofiInterp}, {yusufActor, y, yusufInterp}} {
		_, err = h.DB.Answer(ctx, a.actor.ID, domain.OrgAnswer{EventID: s.event.ID, OrganisationID: a.org,
			Reply: domain.ReplyYes, Persons: 2, Needs: []domain.EventNeed{domain.NeedInterpreting}, Interpreting: a.interp}, nil)
		must(t, err)
	}
}

// must fails the test on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
