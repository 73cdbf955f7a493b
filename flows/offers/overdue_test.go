package offers_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// heldBy submits another request of the municipality (key names it),
// approves it and lets advisor p take its seat, through the store.
func heldBy(t *testing.T, h *flowstest.H, key string, p person) domain.Request {
	t.Helper()
	ctx := context.Background()
	muns, err := h.DB.MunicipalitiesOf(ctx, h.UserID(muni))
	if err != nil || len(muns) != 1 {
		t.Fatalf("municipalities: %v %v", muns, err)
	}
	r, _, err := h.DB.SubmitRequest(ctx, domain.RequestDraft{RequesterID: h.UserID(muni), MunicipalityID: muns[0].MunicipalityID,
		Department: "Amt für Integration", ContactFunction: "Integrationsbeauftragte", Topic: domain.TopicInterculturalOpening,
		Description: "Eine frühere Anfrage, die schon vergeben ist.", Goal: "Ein Workshop", Format: domain.FormatOnline,
		Earliest: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC),
		Urgency: domain.UrgencyNormal}, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	coord := h.UserID(coordDE)
	if r, err = h.DB.Transition(ctx, r.ID, coord, domain.OpenStatuses, domain.StatusApproved, domain.EventStatus, "", nil); err != nil {
		t.Fatal(err)
	}
	ch, err := h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: r.ID, CoordinatorID: coord, Mode: domain.ModeDirect,
		Advisors: []int64{h.UserID(p)}, Window: 48 * time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.DB.AcceptOffer(ctx, ch.Opened[0].ID, h.UserID(p), nil); err != nil {
		t.Fatal(err)
	}
	return r
}

// Issue 12, point 6: an advisor with a report more than 30 days overdue
// gets no new offers, and "Warum fehlt jemand?" says so; an advisor whose
// agreed appointments cover the whole timeframe is missing as busy. At
// exactly 30 days overdue Aylin is still on the list.
func TestOverdueAndBusyAdvisorsMissing(t *testing.T) {
	advisors := pool("de")
	h, r := setup(t, advisors, false)
	aylin, bora := advisors[0], advisors[1]
	ctx := context.Background()

	earlier := heldBy(t, h, "overdue-earlier", aylin.p)
	start := h.Clock.Now().Add(24 * time.Hour)
	ap, err := h.DB.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: earlier.ID, AdvisorID: h.UserID(aylin.p),
		Options: []domain.Slot{{Start: start, End: start.Add(2 * time.Hour), Link: "https://meet.example.org/mg"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.DB.PickAppointment(ctx, ap.Appointment.ID, ap.Appointment.Options[0].ID, h.UserID(muni), nil); err != nil {
		t.Fatal(err)
	}
	// Bora's agreed appointment runs from the first to the last day of
	// the timeframe (11.1. to 26.2.2027, Berlin).
	busy := heldBy(t, h, "busy-earlier", bora.p)
	h.Exec(`INSERT INTO appointments (request_id, status, starts_at, ends_at, link, created_by, created_at, updated_at, agreed_by, agreed_at)
		VALUES ($1, 'agreed', '2027-01-10 23:00Z', '2027-02-26 23:00Z', 'https://meet.example.org/b', $2, $3, $3, $4, $3)`,
		busy.ID, h.UserID(bora.p), h.Clock.Now(), h.UserID(muni))

	end := start.Add(2 * time.Hour)
	h.Clock.Advance(end.Add(domain.ReportGrace + 30*24*time.Hour).Sub(h.Clock.Now()))
	list := approve(h, coordDE, "de", r)
	wantIn(t, list, "Aylin Demir", "Chidi Okafor")
	wantNotIn(t, list, "Bora Yilmaz")
	h.Press(coordDE, h.Plain("de", "btn.offer_why", map[string]any{"N": 2}))
	h.Press(coordDE, "Bora Yilmaz")
	h.Expect(coordDE, h.Tr("de", "offer.why_busy", map[string]any{"Name": "Bora Yilmaz"}))

	// A minute later Aylin's report is 31 days overdue: the shortlist,
	// opened again from the request, leaves her out and says why.
	h.Clock.Advance(time.Minute)
	h.Press(coordDE, h.Plain("de", "btn.offer_back_to_list", nil))
	h.Send(coordDE, "/menu")
	h.PressData(coordDE, h.Last(coordDE).ID, flowstest.Durable(t, "of", "sl", r.ID))
	h.NoError()
	list = h.Expect(coordDE, h.Tr("de", "offer.shortlist_title", map[string]any{"Ref": r.Ref}))
	wantIn(t, list, "Chidi Okafor")
	wantNotIn(t, list, "Aylin Demir", "Bora Yilmaz")
	h.Press(coordDE, h.Plain("de", "btn.offer_why", map[string]any{"N": 3}))
	h.Press(coordDE, "Aylin Demir")
	h.Expect(coordDE, h.Tr("de", "offer.why_overdue", map[string]any{"Name": "Aylin Demir", "Days": 31}))

	// Once her report is in, she is back on the shortlist, first.
	y, m, d := start.In(h.Location).Date()
	if _, err := h.DB.SubmitReport(ctx, domain.ReportDraft{RequestID: earlier.ID, AdvisorID: h.UserID(aylin.p),
		Dates: []time.Time{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}, SessionMinutes: 120}, nil); err != nil {
		t.Fatal(err)
	}
	h.Send(coordDE, "/menu")
	h.PressData(coordDE, h.Last(coordDE).ID, flowstest.Durable(t, "of", "sl", r.ID))
	h.NoError()
	h.Expect(coordDE, "<b>Aylin Demir</b> steht wieder auf der Liste (Platz 1).") // the open why-not view says so
}
