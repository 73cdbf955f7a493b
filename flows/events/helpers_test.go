package events_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// What the event tests share: an advisor who organises, associations in
// Dortmund, Bochum (both Nordrhein-Westfalen) and Hamburg, one of them on
// another topic, and the clock on Tuesday 24.11.2026.

type person = flowstest.Person

var (
	amira = person{ID: 9101, FirstName: "Amira"}
	bora  = person{ID: 9102, FirstName: "Bora"}
	kultA = person{ID: 9201} // Kulturverein Dortmund, culture
	kultB = person{ID: 9202} // Bochumer Brücke, culture
	sport = person{ID: 9203} // Sportfreunde Dortmund, sports only
	hamb  = person{ID: 9204} // Hamburger Forum, culture, in Hamburg
)

// world registers the advisors (Amira in lang, Bora in German) and the
// associations.
func world(t *testing.T, lang string) *flowstest.H {
	t.Helper()
	h := flowstest.New(t)
	a := amira
	a.LangHint = lang
	h.Register(a, flowstest.Answers{Role: domain.RoleAdvisor, Lang: lang, Name: "Amira Haddad"})
	h.Register(bora, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: "Bora Yilmaz"})
	culture := []domain.Topic{domain.TopicCulture}
	registerOrg(h, kultA, "Kulturverein Dortmund", "Dortmund", "NW", "de", culture)
	registerOrg(h, kultB, `Bochumer Brücke & "Freunde"`, "Bochum", "NW", "en", culture)
	registerOrg(h, sport, "Sportfreunde Dortmund", "Dortmund", "NW", "de", []domain.Topic{domain.TopicSports})
	registerOrg(h, hamb, "Hamburger Forum", "Hamburg", "HH", "de", culture)
	return h
}

// registerOrg registers p as the one member of association name, whose
// invitations come in lang.
func registerOrg(h *flowstest.H, p person, name, city, state, lang string, topics []domain.Topic) {
	h.T.Helper()
	a := flowstest.Organisation
	a.Lang, a.Name, a.Org, a.City, a.State, a.Topics, a.InviteLang = "de", "Kofi Mensah", name, city, state, topics, lang
	h.Register(p, a)
}

// orgID is the id of p's association.
func orgID(h *flowstest.H, p person) int64 {
	h.T.Helper()
	_, orgs, err := h.DB.Profiles(context.Background(), h.UserID(p))
	if err != nil || len(orgs) != 1 {
		h.T.Fatalf("association of %d: %v, %v", p.ID, orgs, err)
	}
	return orgs[0].ID
}

// eventsOf are p's events.
func eventsOf(h *flowstest.H, p person) []domain.Event {
	h.T.Helper()
	evs, err := h.DB.EventsBy(context.Background(), h.UserID(p))
	if err != nil {
		h.T.Fatal(err)
	}
	return evs
}

// refused sends text at p's current question and fails unless exactly one
// message without buttons answers it, saying want, while the question
// stays where it was.
func refused(h *flowstest.H, p person, text, want string) {
	h.T.Helper()
	before, calls := h.Session(p), h.Msgr.CallCount()
	h.Send(p, text)
	if n := h.Msgr.CallCount() - calls; n != 1 {
		h.T.Fatalf("%q was answered with %d messages, want 1; newest:\n%s", text, n, h.Last(p).Text)
	}
	m := h.Last(p)
	if len(m.Buttons) != 0 || !strings.Contains(m.Text, want) {
		h.T.Fatalf("%q was answered with\n%s\nwant %q without buttons", text, m.Text, want)
	}
	after := h.Session(p)
	if after.Step != before.Step || after.Prompt != before.Prompt || len(after.Data) != len(before.Data) {
		h.T.Fatalf("%q moved the conversation from %q to %q", text, before.Step, after.Step)
	}
}

// forge presses screen with param on p's newest message with session
// buttons, as a forged button would, and fails unless nothing changed.
// It returns the toast.
func forge(h *flowstest.H, p person, screen string, id int64) string {
	h.T.Helper()
	data, err := engine.CallbackData(h.Nonce(p), "m", fmt.Sprintf("%s.%d", screen, id))
	if err != nil {
		h.T.Fatal(err)
	}
	return h.PressUnchanged(p, h.Last(p).ID, data)
}

// invited are the chats the outbox's new messages go to: those with an
// invitation card (a message About an invitation) and those with a
// calendar file, each sorted; any other message fails the test.
func invited(h *flowstest.H) (cards, files []int64) {
	h.T.Helper()
	for _, m := range h.DrainOutbox() {
		switch {
		case strings.HasPrefix(m.About.Subject, "iv:") && m.Message.Document == nil:
			cards = append(cards, m.ChatID)
		case m.Message.Document != nil && strings.HasSuffix(m.Message.Document.Name, ".ics"):
			files = append(files, m.ChatID)
		default:
			h.T.Fatalf("the outbox holds %+v", m)
		}
	}
	slices.Sort(cards)
	slices.Sort(files)
	return cards, files
}

// create walks p through the whole flow in lang, with bad answers at every
// step when bad, and returns the draft stored.
func create(h *flowstest.H, p person, lang string, bad bool) domain.Event {
	h.T.Helper()
	l := lang
	cmd := map[string]string{"de": "/veranstaltung", "en": "/event"}[l]
	h.Send(p, cmd)
	h.Expect(p, h.Tr(l, "ev.title_prompt", nil))
	if bad {
		refused(h, p, "ab", h.Tr(l, "invalid.length", map[string]any{"Min": 3, "Max": 120, "Count": 2}))
	}
	h.Send(p, "Fest der Kulturen & Nachbarn")
	h.Expect(p, h.Tr(l, "ev.desc_prompt", nil))
	h.Send(p, "Musik, Essen und Begegnung.")
	h.Expect(p, h.Tr(l, "ev.start_prompt", nil))
	if bad {
		refused(h, p, "24.11.2026 10:00", "10:00")
		refused(h, p, "kein Datum", "")
	}
	h.Send(p, "12.12.2026 18:00")
	h.Expect(p, "18:00")
	if bad {
		refused(h, p, "25:70", h.Tr(l, "ev.end_invalid", nil))
		refused(h, p, "18:00", h.Tr(l, "ev.end_same", nil))
	}
	h.Press(p, h.Plain(l, "btn.ev_hours", map[string]any{"N": 2}))
	h.Expect(p, h.Tr(l, "ev.where_prompt", nil))
	if bad {
		refused(h, p, "Rathaus", h.Tr(l, "flow.use_buttons", nil))
		h.Press(p, h.Plain(l, "btn.ev_online", nil))
		h.Expect(p, h.Tr(l, "ev.link_prompt", nil))
		refused(h, p, "javascript:alert(1)", h.Tr(l, "ev.link_invalid", nil))
		refused(h, p, "www.example.org", h.Tr(l, "ev.link_invalid", nil))
		h.Send(p, "https://example.org/fest")
		h.Expect(p, h.Tr(l, "ev.city_prompt", nil))
		h.Send(p, "/cancel")
		h.Send(p, cmd) // the draft flow is dropped; begin again, on site this time
		h.Expect(p, h.Tr(l, "ev.title_prompt", nil))
		h.Send(p, "Fest der Kulturen & Nachbarn")
		h.Send(p, "Musik, Essen und Begegnung.")
		h.Send(p, "12.12.2026 18:00")
		h.Press(p, h.Plain(l, "btn.ev_hours", map[string]any{"N": 2}))
	}
	h.Press(p, h.Plain(l, "btn.ev_place", nil))
	h.Expect(p, h.Tr(l, "ev.place_prompt", nil))
	if bad {
		refused(h, p, "ab", h.Tr(l, "invalid.length", map[string]any{"Min": 3, "Max": 200, "Count": 2}))
	}
	h.Send(p, "Rathausplatz 1, Dortmund")
	h.Expect(p, h.Tr(l, "ev.city_prompt", nil))
	if bad {
		refused(h, p, "x", h.Tr(l, "invalid.length", map[string]any{"Min": 2, "Max": 200, "Count": 1}))
	}
	h.Send(p, "Dortmund")
	h.Expect(p, h.Tr(l, "ev.state_prompt", map[string]any{"City": "Dortmund"}))
	if bad {
		refused(h, p, "NRW", h.Tr(l, "flow.use_buttons", nil))
	}
	h.Press(p, h.Plain(l, "state.NW", nil))
	h.Expect(p, h.Tr(l, "ev.topics_prompt", nil))
	if bad {
		refused(h, p, "Kultur", h.Tr(l, "flow.use_buttons", nil))
	}
	h.Press(p, h.Plain(l, engine.TopicKeys[domain.TopicCulture], nil))
	h.Press(p, h.Plain(l, "btn.done", map[string]any{"N": 1}))
	h.Expect(p, h.Tr(l, "ev.langs_prompt", nil))
	h.Press(p, h.Plain(l, "spoken.de", nil))
	h.Press(p, h.Plain(l, "spoken.ar", nil))
	h.Press(p, h.Plain(l, "btn.done", map[string]any{"N": 2}))
	h.Expect(p, h.Tr(l, "ev.capacity_prompt", map[string]any{"Max": 10000}))
	if bad {
		for _, s := range []string{"0", "10001", "viele", "-3"} {
			refused(h, p, s, h.Tr(l, "ev.capacity_invalid", map[string]any{"Max": 10000}))
		}
	}
	h.Send(p, "80")
	h.Expect(p, h.Tr(l, "ev.deadline_prompt", nil))
	if bad {
		refused(h, p, "12.12.2026", h.Tr(l, "ev.deadline_late", map[string]any{"Start": "12.12.2026"}))
		refused(h, p, "gestern", "")
	}
	h.Send(p, "05.12.2026")
	h.Expect(p, h.Tr(l, "ev.contact_prompt", nil))
	if bad {
		refused(h, p, "-", "")
	}
	h.Press(p, "Amira Haddad")
	h.Expect(p, h.Tr(l, "ev.needs_prompt", nil))
	h.Press(p, h.Plain(l, "need.interpreting", nil))
	h.Press(p, h.Plain(l, "btn.done", map[string]any{"N": 1}))
	h.Expect(p, "Fest der Kulturen &amp; Nachbarn", "80")
	// Change the capacity from the summary: back at the summary after it.
	h.Change(p, l, h.Plain(l, "ev.field_capacity", nil))
	h.Press(p, h.Plain(l, "btn.ev_no_limit", nil))
	h.Expect(p, h.Plain(l, "btn.ev_no_limit", nil), h.Plain(l, "ev.field_deadline", nil))
	h.Press(p, h.Plain(l, "btn.confirm", nil))
	h.ExpectButtons(p, h.Plain(l, "btn.ev_find", nil))
	evs := eventsOf(h, p)
	if len(evs) != 1 {
		h.T.Fatalf("%d events stored, want 1", len(evs))
	}
	return evs[0]
}
