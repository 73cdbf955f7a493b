package reports_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the report tests share: two advisors, a municipal contact and one
// of another municipality, a request of Hattingen whose seats the
// advisors hold since 24.11.2026 with an appointment agreed on 26.11.2026,
// and the clock on 27.11.2026.

type person = flowstest.Person

var (
	coord  = person{ID: flowstest.CoordinatorID}
	muni   = person{ID: 7001, FirstName: "Erika"}
	witten = person{ID: 7002, FirstName: "Wim"}
	aylin  = person{ID: 7101}
	bora   = person{ID: 7102}
)

// assigned sets the scene up through the stores (the offers and
// appointments tests cover how it comes about in the chat); with tandem
// both advisors hold a seat, else Aylin alone.
func assigned(t *testing.T, tandem bool, lang string) (*flowstest.H, domain.Request) {
	t.Helper()
	h := flowstest.New(t)
	h.RegisterCoordinators()
	hint := func(p person) person { p.LangHint = lang; return p }
	h.RegisterMunicipal(hint(muni), lang)
	other := flowstest.Municipal
	other.Lang, other.Muni, other.Name = "de", "Witten", "Wim Weber"
	h.Register(witten, other)
	for i, p := range []person{aylin, bora} {
		h.Register(hint(p), flowstest.Answers{Role: domain.RoleAdvisor, Lang: lang, Name: []string{"Aylin Demir", "Bora Yilmaz"}[i]})
	}
	ctx := context.Background()
	r := h.SubmitRequest(muni, tandem, "rp-test")
	coordID := h.UserID(coord)
	if _, err := h.DB.Transition(ctx, r.ID, coordID, []domain.Status{domain.StatusSubmitted}, domain.StatusApproved,
		domain.EventStatus, "", nil); err != nil {
		t.Fatal(err)
	}
	ch, err := h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: r.ID, CoordinatorID: coordID, Mode: domain.ModeParallel,
		Advisors: []int64{h.UserID(aylin), h.UserID(bora)}, Window: 48 * time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ch.Opened {
		if o.Advisor.ID == h.UserID(aylin) || tandem {
			if _, err := h.DB.AcceptOffer(ctx, o.ID, o.Advisor.ID, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2026, 11, 26, 14, 0, 0, 0, berlin)
	ap, err := h.DB.ProposeAppointment(ctx, domain.AppointmentProposal{RequestID: r.ID, AdvisorID: h.UserID(aylin),
		Options: []domain.Slot{{Start: start, End: start.Add(2 * time.Hour), Place: "Rathaus Hattingen"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.DB.PickAppointment(ctx, ap.Appointment.ID, ap.Appointment.Options[0].ID, h.UserID(muni), nil); err != nil {
		t.Fatal(err)
	}
	h.Clock.Advance(3 * 24 * time.Hour) // Friday 27 November 2026, 18:00 in Berlin
	h.Deliver()
	if r, err = h.DB.RequestByID(ctx, r.ID); err != nil || r.Status != domain.StatusScheduled {
		t.Fatalf("request %+v: %v", r, err)
	}
	return h, r
}

// status is the status of request id now.
func status(h *flowstest.H, id int64) domain.Status {
	h.T.Helper()
	r, err := h.DB.RequestByID(context.Background(), id)
	if err != nil {
		h.T.Fatal(err)
	}
	return r.Status
}

// reportsOf are the report versions of request id.
func reportsOf(h *flowstest.H, id int64) []domain.Report {
	h.T.Helper()
	reps, err := h.DB.ReportsOf(context.Background(), id)
	if err != nil {
		h.T.Fatal(err)
	}
	return reps
}

// agreedDay is the label of the agreed day by language.
var agreedDay = map[string]string{"de": "Do, 26.11.2026", "en": "Thu, 26 Nov 2026"}

// report writes p's report through the chat in lang: the agreed day, 3 h
// preparation, 4 h on site, no follow-up, 120 km, no other costs.
func report(h *flowstest.H, p person, r domain.Request, lang string) {
	h.T.Helper()
	h.Send(p, "/bericht")
	h.Press(p, h.Plain(lang, "btn.rp_write_ref", map[string]any{"Ref": r.Ref}))
	h.Press(p, agreedDay[lang])
	h.Press(p, h.Plain(lang, "btn.done", map[string]any{"N": 1}))
	h.Press(p, "3")
	h.Press(p, "4")
	h.Press(p, "0")
	h.Press(p, h.Plain(lang, "btn.rp_travel_km", map[string]any{"Rate": map[string]string{"de": "0,30 €", "en": "€0.30"}[lang]}))
	h.Send(p, "120")
	h.Press(p, h.Plain(lang, "btn.rp_none", nil))
	h.Send(p, "Workshop mit 14 Ämtern, Leitbild entworfen.")
	h.Expect(p, h.Tr(lang, "rp.summary", map[string]any{"Ref": r.Ref, "Lines": ""})[:20], "3 h", "4 h", "120 km")
	h.Press(p, h.Plain(lang, "btn.confirm", nil))
	h.Expect(p, h.Tr(lang, "rp.submitted", map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}))
}

// long is a text of n letters.
func long(n int) string { return strings.Repeat("a", n) }
