package appointments_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the appointment tests share: two advisors, a municipal contact, a
// request of Hattingen that the first advisor accepted.

type person = flowstest.Person

var (
	coord   = person{ID: flowstest.CoordinatorID}
	muni    = person{ID: 7001, FirstName: "Erika"}
	aylin   = person{ID: 7101}
	bora    = person{ID: 7102}
	witten  = person{ID: 7002, FirstName: "Wim"}
	advisor = []struct {
		p    person
		name string
	}{{aylin, "Aylin Demir"}, {bora, "Bora Yilmaz"}}
)

// accepted registers the people, submits a request of Hattingen, offers
// it to both advisors and lets Aylin accept it (the offers tests' setup,
// shortened).
func accepted(t *testing.T) (*flowstest.H, domain.Request) {
	t.Helper()
	return acceptedWith(t, false, "de")
}

// tandem is accepted for a request of two seats that both advisors
// accept: Aylin holds the first, Bora the second.
func tandem(t *testing.T) (*flowstest.H, domain.Request) {
	t.Helper()
	return acceptedWith(t, true, "de")
}

// acceptedWith is accepted for a tandem request (two seats) when two,
// which Bora accepts too, with the contact speaking lang.
func acceptedWith(t *testing.T, two bool, lang string) (*flowstest.H, domain.Request) {
	t.Helper()
	h := flowstest.New(t)
	h.RegisterCoordinators()
	contact := muni
	if lang != "de" {
		contact.LangHint = lang
	}
	h.RegisterMunicipal(contact, lang)
	other := flowstest.Municipal
	other.Lang, other.Muni, other.Name = "de", "Witten", "Wim Weber"
	h.Register(witten, other)
	ctx := context.Background()
	for _, a := range advisor {
		h.Register(a.p, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: a.name})
		if err := h.DB.SaveAdvisorProfile(ctx, domain.AdvisorProfile{UserID: h.UserID(a.p), City: "Hattingen", State: "NW",
			Expertise: []domain.Topic{domain.TopicInterculturalOpening}, Languages: []string{"Türkisch"},
			Formats: []domain.Format{domain.FormatOnSite, domain.FormatOnline}, Reach: "Telefon 0151 2345678"}); err != nil {
			t.Fatal(err)
		}
	}
	h.Deliver()
	r := h.SubmitRequest(muni, two, "ap-test")
	h.Send(coord, "/menu")
	h.PressData(coord, h.Last(coord).ID, flowstest.Durable(t, "rq", "ap", r.ID))
	h.NoError()
	h.Press(coord, h.Plain("de", "btn.approve_yes", nil))
	h.Press(coord, "☐ 1. Aylin Demir")
	h.Press(coord, "☐ 2. Bora Yilmaz")
	h.Press(coord, h.Plain("de", "btn.offer_picked", map[string]any{"N": 2}))
	h.Press(coord, h.Plain("de", "offer.mode_parallel", nil))
	h.Press(coord, h.Plain("de", "btn.confirm", nil))
	h.Deliver()
	h.Press(aylin, h.Plain("de", "btn.offer_accept", nil))
	h.NoError()
	h.Deliver()
	if two {
		h.Press(bora, h.Plain("de", "btn.offer_accept", nil))
		h.NoError()
		h.Deliver()
		if _, seats, err := h.DB.OffersOf(ctx, r.ID); err != nil || len(seats) != 2 || seats[1].AdvisorID != h.UserID(bora) {
			t.Fatalf("seats %+v %v", seats, err)
		}
	}
	return h, r
}

// shown returns the newest message of p's chat that contains text, as it
// shows now.
func shown(h *flowstest.H, p person, text string) flowstest.Sent {
	h.T.Helper()
	msgs := h.Msgr.Messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(msgs[i].Text, text) {
			return msgs[i]
		}
	}
	h.T.Fatalf("no message in chat %d contains %q", p.ID, text)
	return flowstest.Sent{}
}

// settledAs fails unless message id of p's chat now says text and has
// no buttons.
func settledAs(h *flowstest.H, p person, id int, text string) {
	h.T.Helper()
	m := h.Message(p, id)
	if !strings.Contains(m.Text, text) || len(m.Buttons) != 0 {
		h.T.Fatalf("message %d of %d: %q with buttons %v, want %q and none", id, p.ID, m.Text, m.Labels(), text)
	}
}

// runReminders runs the appointments' job once, as the scheduler would.
func runReminders(h *flowstest.H) {
	h.T.Helper()
	for _, j := range h.Engine.Jobs() {
		if j.Name == "appointments" {
			if err := j.Run(context.Background()); err != nil {
				h.T.Fatal(err)
			}
			return
		}
	}
	h.T.Fatal("no appointments job")
}

// event parses the calendar file doc and returns its event.
func event(t *testing.T, doc domain.Document) (*goical.Calendar, goical.Event) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(doc.Content)).Decode()
	if err != nil {
		t.Fatalf("%s: %v", doc.Name, err)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%s: %d events", doc.Name, len(evs))
	}
	return cal, evs[0]
}

// appointmentsOf returns the appointments of request id.
func appointmentsOf(h *flowstest.H, id int64) []domain.Appointment {
	h.T.Helper()
	aps, err := h.DB.AppointmentsOf(context.Background(), id)
	if err != nil {
		h.T.Fatal(err)
	}
	return aps
}

// wantText fails unless the newest text message of p (not a document)
// contains text.
func wantText(h *flowstest.H, p person, text string) {
	h.T.Helper()
	msgs := h.Msgr.Messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Document == nil {
			if !strings.Contains(msgs[i].Text, text) {
				h.T.Fatalf("newest text lacks %q:\n%s", text, msgs[i].Text)
			}
			return
		}
	}
	h.T.Fatalf("no text message in chat %d", p.ID)
}

// counterOne lets the contact (speaking lang) propose instead one option,
// Mon 07.12.2026 10:00-11:00 at the Rathaus.
func counterOne(h *flowstest.H, lang string) {
	h.T.Helper()
	h.Press(muni, h.Plain(lang, "btn.ap_counter", nil))
	h.Send(muni, "07.12.2026 10:00")
	h.Press(muni, h.Plain(lang, "btn.ap_1h", nil))
	h.Press(muni, "Rathaus Hattingen")
	h.Press(muni, h.Plain(lang, "btn.ap_no_more", nil))
	h.Press(muni, h.Plain(lang, "btn.confirm", nil))
}
