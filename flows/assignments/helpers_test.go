package assignments_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// world is a harness with both coordinators, a municipal contact of
// Hattingen (the requester) and two advisors with profiles, all speaking
// lang but the second coordinator (English).
type world struct {
	*flowstest.H
	lang           string
	coord, other   flowstest.Person // the coordinator speaking lang, and the other
	requester      flowstest.Person
	amira, ben     flowstest.Person // advisors
	amiraID, benID int64
}

// newWorld registers everybody of a world in lang.
func newWorld(t *testing.T, lang string) *world {
	t.Helper()
	h := flowstest.New(t)
	de, en := h.RegisterCoordinators()
	w := &world{H: h, lang: lang, coord: de, other: en}
	if lang == "en" {
		w.coord, w.other = en, de
	}
	w.requester = flowstest.Person{ID: 9001, LangHint: lang}
	h.RegisterMunicipal(w.requester, lang)
	w.amira, w.ben = flowstest.Person{ID: 9101, LangHint: lang}, flowstest.Person{ID: 9102, LangHint: lang}
	h.Register(w.amira, flowstest.Answers{Lang: lang, Role: domain.RoleAdvisor, Name: "Amira Haddad"})
	h.Register(w.ben, flowstest.Answers{Lang: lang, Role: domain.RoleAdvisor, Name: "Ben Okafor"})
	w.amiraID, w.benID = h.UserID(w.amira), h.UserID(w.ben)
	for _, id := range []int64{w.amiraID, w.benID} {
		p := domain.AdvisorProfile{UserID: id, Expertise: []domain.Topic{domain.TopicMigrantOrganisations},
			Languages: []string{"Arabisch"}, City: "Bochum", State: "NW",
			Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline}, MaxPerQuarter: 4}
		if id == w.amiraID {
			p.PausedUntil = time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)
		}
		if err := h.DB.SaveAdvisorProfile(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// tr and label translate key in the world's language.
func (w *world) tr(key string, data map[string]any) string { return w.Tr(w.lang, key, data) }
func (w *world) label(key string, data map[string]any) string {
	return w.Plain(w.lang, key, data)
}

// approved submits a request of the requester (key names it) and
// approves it.
func (w *world) approved(key string) domain.Request {
	w.T.Helper()
	ctx := context.Background()
	uid := w.UserID(w.requester)
	muns, err := w.DB.MunicipalitiesOf(ctx, uid)
	if err != nil || len(muns) == 0 {
		w.T.Fatalf("municipalities: %v", err)
	}
	r, _, err := w.DB.SubmitRequest(ctx, domain.RequestDraft{RequesterID: uid, MunicipalityID: muns[0].MunicipalityID,
		Department: "Amt für Integration", ContactFunction: "Integrationsbeauftragte", Topic: domain.TopicMigrantOrganisations,
		Description: "Wir möchten Migrantenorganisationen einbinden.", Goal: "Ein Netzwerk", Format: domain.FormatOnSite,
		Earliest: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), Latest: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC),
		Place: "Rathaus Hattingen", Urgency: domain.UrgencyNormal}, key, nil)
	if err != nil {
		w.T.Fatal(err)
	}
	if r, err = w.DB.Transition(ctx, r.ID, w.UserID(w.coord), domain.OpenStatuses, domain.StatusApproved,
		domain.EventStatus, "", nil); err != nil {
		w.T.Fatal(err)
	}
	return r
}

// offer offers request r in mode to the advisors (users.id), each getting
// a card About the offer with an answer button, as the offers feature
// sends it, delivered here; it returns the offers opened.
func (w *world) offer(r domain.Request, mode domain.OfferMode, advisors ...int64) []domain.Offer {
	w.T.Helper()
	ch, err := w.DB.StartOffers(context.Background(), domain.OfferPlan{RequestID: r.ID, CoordinatorID: w.UserID(w.coord),
		Mode: mode, Advisors: advisors, Window: 48 * time.Hour}, cards)
	if err != nil {
		w.T.Fatal(err)
	}
	w.Deliver()
	return ch.Opened
}

// cards is a notify of offer changes that sends a card to each advisor
// whose offer opened.
func cards(ch domain.OfferChange) []domain.Notification {
	var out []domain.Notification
	for _, o := range ch.Opened {
		out = append(out, domain.Notification{ChatID: o.Advisor.ChatID, Lang: o.Advisor.Lang, Message: domain.Message{
			Text:    fmt.Sprintf("Angebot %s", ch.Request.Ref),
			Buttons: [][]domain.Button{{{Label: "Annehmen", Data: fmt.Sprintf("*:of:ac:%d", o.ID)}}},
		}}.Regarding(domain.About{Subject: fmt.Sprintf("of:%d", o.ID), Kind: "card"}))
	}
	return out
}

// accept lets advisorID accept offer o.
func (w *world) accept(o domain.Offer) {
	w.T.Helper()
	if _, err := w.DB.AcceptOffer(context.Background(), o.ID, o.Advisor.ID, nil); err != nil {
		w.T.Fatal(err)
	}
}

// durable is the data of this feature's durable button act on id.
func durable(t *testing.T, act string, id int64) string {
	t.Helper()
	return flowstest.Durable(t, "as", act, id)
}

// cardOf returns the message of p's chat that shows the card of request
// ref (see cards): the first that names it (a closed card is restyled to
// the offers feature's closed text, which names it too).
func (w *world) cardOf(p flowstest.Person, ref string) flowstest.Sent {
	w.T.Helper()
	for _, m := range w.Msgr.Messages(p.ID) {
		if strings.Contains(m.Text, ref) {
			return m
		}
	}
	w.T.Fatalf("chat %d has no card of %s", p.ID, ref)
	return flowstest.Sent{}
}
