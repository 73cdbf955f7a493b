package billing_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the billing tests share: the coordinators, a municipal contact of
// Hattingen and two advisors who took the seats of a tandem request.

type person = flowstest.Person

var (
	coord   = person{ID: flowstest.CoordinatorID}
	coordEN = person{ID: flowstest.Coordinator2ID}
	muni    = person{ID: 8001, FirstName: "Erika"}
	aylin   = person{ID: 8101}
	bora    = person{ID: 8102}
)

// env is a harness with the tandem request and its advisors' users.id.
type env struct {
	*flowstest.H
	req      domain.Request
	advisors []int64 // Aylin, Bora
}

// tandem registers the people and lets both advisors take the seats of a
// tandem request of Hattingen, straight in the store (the offers and
// appointments tests go through the bot).
func tandem(t *testing.T) env {
	t.Helper()
	h := flowstest.New(t)
	h.RegisterCoordinators()
	h.RegisterMunicipal(muni, "de")
	e := env{H: h}
	for _, a := range []struct {
		p    person
		name string
	}{{aylin, "Aylin Demir"}, {bora, "Bora Yilmaz"}} {
		h.Register(a.p, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: a.name})
		e.advisors = append(e.advisors, h.UserID(a.p))
	}
	h.Deliver()
	ctx := context.Background()
	r := h.SubmitRequest(muni, true, "billing-test")
	coordID := h.UserID(coord)
	r, err := h.DB.Transition(ctx, r.ID, coordID, domain.OpenStatuses, domain.StatusApproved, domain.EventStatus, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := h.DB.StartOffers(ctx, domain.OfferPlan{RequestID: r.ID, CoordinatorID: coordID, Mode: domain.ModeParallel,
		Advisors: e.advisors, Window: 48 * time.Hour}, nil)
	if err != nil || len(ch.Opened) != 2 {
		t.Fatalf("offers: %d opened, %v", len(ch.Opened), err)
	}
	for _, o := range ch.Opened {
		if _, err := h.DB.AcceptOffer(ctx, o.ID, o.Advisor.ID, nil); err != nil {
			t.Fatalf("accept: %v", err)
		}
	}
	e.req = r
	return e
}

// submit submits advisor i's report on today (in Berlin): 3 h
// preparation, 4 h on site, 30 min follow-up, 120 km at 30 ct, 12.50 €
// other costs. It returns the version.
func (e env) submit(i int) domain.Report {
	e.T.Helper()
	now := e.Clock.Now().In(berlin(e.T))
	d := domain.ReportDraft{RequestID: e.req.ID, AdvisorID: e.advisors[i],
		Dates:       []time.Time{time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)},
		PrepMinutes: 180, SessionMinutes: 240, FollowUpMinutes: 30, Km: 120, KmRateCents: 30, OtherCents: 1250,
		Note: "Workshop mit 14 Vereinen."}
	ch, err := e.DB.SubmitReport(context.Background(), d, nil)
	if err != nil {
		e.T.Fatalf("submit report: %v", err)
	}
	return ch.Report
}

// confirmed submits advisor i's report and lets the municipal contact
// confirm it now.
func (e env) confirmed(i int) {
	e.T.Helper()
	ctx := context.Background()
	a, err := e.DB.ActorByTelegramID(ctx, muni.ID)
	if err != nil {
		e.T.Fatal(err)
	}
	if _, err := e.DB.ConfirmReport(ctx, e.submit(i).ID, a, nil); err != nil {
		e.T.Fatalf("confirm report: %v", err)
	}
}

// berlin is the programme's zone.
func berlin(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// header is the CSV's column labels in lang.
func (e env) header(lang string) []string {
	var out []string
	for _, k := range []string{"advisor", "reference", "municipality", "dates", "version", "corrects", "prep_hours",
		"session_hours", "followup_hours", "km", "travel_costs", "other_costs", "confirmed_at", "confirmed_by"} {
		out = append(out, e.Plain(lang, "billing.csv_"+k, nil))
	}
	return out
}

// newestDocument returns the newest document of p's chat and how many it
// has.
func (e env) newestDocument(p person) (domain.Document, int) {
	e.T.Helper()
	docs := e.Documents(p)
	if len(docs) == 0 {
		e.T.Fatalf("chat %d has no document", p.ID)
	}
	return docs[len(docs)-1], len(docs)
}

// forged is the callback data of the button labelled label on the newest
// message of from's chat that shows it, with the nonce of p's newest
// session buttons: the press p would make with a button copied from
// another chat.
func (e env) forged(from, p person, label string) string {
	e.T.Helper()
	_, data := e.Find(from, label)
	_, rest, _ := strings.Cut(data, ":")
	return e.Nonce(p) + ":" + rest
}

// expectPeriods fails unless p's newest message is the choice of a period
// in lang with the buttons of three months (a row each), two quarters (one
// row) and the menu.
func (e env) expectPeriods(p person, lang string, months0, months1, months2, quarter0, quarter1 string) {
	e.T.Helper()
	e.Expect(p, e.Tr(lang, "billing.choose", nil))
	want := [][]string{{months0}, {months1}, {months2}, {quarter0, quarter1}, {e.Plain(lang, "btn.menu", nil)}}
	if got := e.Last(p).Labels(); !reflect.DeepEqual(got, want) {
		e.T.Fatalf("periods %q, want %q", got, want)
	}
}
