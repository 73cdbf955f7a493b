package offers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the offer tests share: the people, a pool of advisors with
// profiles, an approved request and the presses beyond flowstest's.

type person = flowstest.Person

var (
	coordDE = person{ID: flowstest.CoordinatorID}
	coordEN = person{ID: flowstest.Coordinator2ID}
	muni    = person{ID: 7001, FirstName: "Erika"}
)

// advisor is a pool member: the chat, the language, the name and where
// they live.
type advisor struct {
	p     person
	lang  string
	name  string
	city  string
	state string
}

// pool is the standard pool for a request of Hattingen (NW) on site: one
// in Hattingen, one in Bochum, one in Köln (who speaks English), and one
// in Munich who does not travel to NW.
func pool(lang3 string) []advisor {
	return []advisor{
		{person{ID: 7101}, "de", "Aylin Demir", "Hattingen", "NW"},
		{person{ID: 7102}, "de", "Bora Yilmaz", "Bochum", "NW"},
		{person{ID: 7103, LangHint: lang3}, lang3, "Chidi Okafor", "Köln", "NW"},
		{person{ID: 7104}, "de", "Dana Weiss", "München", "BY"},
	}
}

// setup registers the coordinators, the municipal contact and the pool
// (each by an advisor invite, with a profile), and submits a request.
func setup(t *testing.T, advisors []advisor, tandem bool) (*flowstest.H, domain.Request) {
	t.Helper()
	h := flowstest.New(t)
	return h, setupWith(t, h, advisors, tandem)
}

// setupWith is setup on harness h.
func setupWith(t *testing.T, h *flowstest.H, advisors []advisor, tandem bool) domain.Request {
	t.Helper()
	h.RegisterCoordinators()
	h.RegisterMunicipal(muni, "de")
	ctx := context.Background()
	for _, a := range advisors {
		h.Register(a.p, flowstest.Answers{Role: domain.RoleAdvisor, Lang: a.lang, Name: a.name})
		if err := h.DB.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: h.UserID(a.p), City: a.city, State: a.state,
			Expertise: []domain.Topic{domain.TopicInterculturalOpening}, Languages: []string{"Türkisch"},
			Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline}, Reach: "Telefon 0151 2345678"}); err != nil {
			t.Fatal(err)
		}
	}
	h.Deliver()
	muns, err := h.DB.MunicipalitiesOf(ctx, h.UserID(muni))
	if err != nil || len(muns) != 1 {
		t.Fatalf("municipalities: %v %v", muns, err)
	}
	r, _, err := h.DB.SubmitRequest(ctx, domain.RequestDraft{RequesterID: h.UserID(muni), MunicipalityID: muns[0].MunicipalityID,
		Department: "Amt für Integration", ContactFunction: "Integrationsbeauftragte",
		Topic: domain.TopicInterculturalOpening, Description: "Wir möchten unsere Verwaltung interkulturell öffnen und " +
			"suchen Begleitung für zwei Workshops mit den Ämtern.", Goal: "Ein Leitbild", Format: domain.FormatOnSite,
		Earliest: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC), Latest: time.Date(2027, 2, 26, 0, 0, 0, 0, time.UTC),
		Place: "Rathaus Hattingen, Raum 12", Languages: []string{"Türkisch"}, Tandem: tandem, Urgency: domain.UrgencyNormal},
		"offer-test", nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// approve approves r as coord through the request's approval (asked
// first) and checks that the shortlist opened in its place.
func approve(h *flowstest.H, coord person, lang string, r domain.Request) flowstest.Sent {
	h.T.Helper()
	h.Send(coord, "/menu")
	h.PressData(coord, h.Last(coord).ID, flowstest.Durable(h.T, "rq", "ap", r.ID))
	h.NoError()
	h.Press(coord, h.Plain(lang, "btn.approve_yes", nil))
	return h.Expect(coord, h.Tr(lang, "review.approved", map[string]any{"Ref": r.Ref}),
		h.Tr(lang, "offer.shortlist_title", map[string]any{"Ref": r.Ref}))
}

// offerOf returns the offer of request id to advisor p.
func offerOf(h *flowstest.H, id int64, p person) domain.Offer {
	h.T.Helper()
	offers, _, err := h.DB.OffersOf(context.Background(), id)
	if err != nil {
		h.T.Fatal(err)
	}
	for _, o := range offers {
		if o.Advisor.TelegramID == p.ID {
			return o
		}
	}
	h.T.Fatalf("no offer of %d to %d", id, p.ID)
	return domain.Offer{}
}

// runJobs runs the offers' job once, as the scheduler would.
func runJobs(h *flowstest.H) {
	h.T.Helper()
	for _, j := range h.Engine.Jobs() {
		if j.Name == "offers" {
			if err := j.Run(context.Background()); err != nil {
				h.T.Fatal(err)
			}
			return
		}
	}
	h.T.Fatal("no offers job")
}

// wantIn fails unless m contains every text.
func wantIn(t *testing.T, m flowstest.Sent, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(m.Text, s) {
			t.Fatalf("message lacks %q:\n%s", s, m.Text)
		}
	}
}

// wantNotIn fails if m contains any of texts.
func wantNotIn(t *testing.T, m flowstest.Sent, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(m.Text, s) {
			t.Fatalf("message shows %q:\n%s", s, m.Text)
		}
	}
}

// berlin is the time zone the bot shows times in.
func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// flowsConfig is the configuration a test may change.
type flowsConfig = flows.Config

// lastLine is the last line of s.
func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// firstLine is the first line of s.
func firstLine(s string) string { return strings.Split(s, "\n")[0] }
