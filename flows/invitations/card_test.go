package invitations_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
	"github.com/miglobe/miglobe-bot/flows/invitations"
	"github.com/miglobe/miglobe-bot/storage"
)

// What the invitation tests share: an organiser who publishes with the
// feature's Cards through a test-only command (the organiser's own
// screens are flows/events'), and associations stored with their members.

type person = flowstest.Person

// organiser is an advisor, who may publish events.
var organiser = person{ID: 9001, FirstName: "Elif"}

// world is a harness with the publishing command: /testpublish creates
// draft and publishes it to orgs.
type world struct {
	h     *flowstest.H
	draft domain.EventDraft
	orgs  []int64
	last  domain.Event // the event published last
}

// newWorld registers the organiser (in German) on a new harness.
func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{}
	w.h = flowstest.NewWithStore(t, func(db *storage.Store, r *engine.Registry) {
		deps := invitations.Deps{Events: db, Organisations: db, Users: db}
		r.Command(engine.Command{Name: "testpublish", Desc: engine.KeyBtnMenu, Order: 999, Run: func(t *engine.Turn) {
			a, ok := t.Actor()
			if !ok {
				t.Fail(fmt.Errorf("testpublish: no actor"))
				return
			}
			d := w.draft
			d.OrganiserID = a.ID
			e, err := db.CreateEvent(t.Ctx(), d)
			if err != nil {
				t.Fail(err)
				return
			}
			notify, err := deps.Cards(t, e)
			if err != nil {
				t.Fail(err)
				return
			}
			n, err := db.Publish(t.Ctx(), e.ID, a.ID, w.orgs, notify)
			if err != nil {
				t.Fail(err)
				return
			}
			w.last = e
			t.NoteText(fmt.Sprintf("published %d", n))
		}})
		updateCommands(w, db, deps, r)
	})
	w.h.Register(organiser, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: "Elif Demir"})
	w.h.Deliver()
	return w
}

// berlin is a wall time in Berlin as an instant.
func berlin(y int, m time.Month, d, hh, mm int) time.Time {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

// fest is a valid draft: in Dortmund on Saturday 12 December 2026 from
// 18:00 to 20:00, 80 seats, every need offered.
func fest() domain.EventDraft {
	start := berlin(2026, 12, 12, 18, 0)
	return domain.EventDraft{Title: "Interkulturelles Fest", Description: "Musik, Essen & Begegnung.",
		Start: start, End: start.Add(2 * time.Hour), Place: "Rathausplatz 1, Dortmund", City: "Dortmund", State: "NW",
		Topics: []domain.Topic{domain.TopicCulture}, Languages: []string{"de", "ar"}, Capacity: 80,
		Deadline: start.Add(-72 * time.Hour), Contact: "Frau Kaya, 0231 123456", Needs: domain.EventNeeds}
}

// publish publishes d to orgs as the organiser and returns the event and
// how many invitations were written.
func (w *world) publish(d domain.EventDraft, orgs ...int64) (domain.Event, string) {
	w.h.T.Helper()
	w.draft, w.orgs = d, orgs
	w.h.Send(organiser, "/testpublish")
	return w.last, w.h.Last(organiser).Text
}

// member is a member of an association: the chat and the name.
type member struct {
	p    person
	name string
	lang string
}

// addOrg stores association id of Dortmund (NW) caring about every
// topic, inviting in inviteLang, with members.
func (w *world) addOrg(id int64, name, inviteLang string, members ...member) int64 {
	w.h.T.Helper()
	w.h.Exec(`INSERT INTO organisations (id, name, city, state, topics, invite_lang) VALUES ($1, $2, 'Dortmund', 'NW', $3, $4)`,
		id, name, domain.InterestTopics, inviteLang)
	for _, m := range members {
		w.h.Exec(`WITH u AS (INSERT INTO users (telegram_id, chat_id, name, language, consent_at)
				VALUES ($2, $2, $3, $4, $5) RETURNING id),
			r AS (INSERT INTO user_roles (user_id, role) SELECT id, 'organisation_contact' FROM u),
			c AS (INSERT INTO user_consents (user_id, purpose, version, given_at) SELECT id, 'privacy', 1, $5 FROM u)
			INSERT INTO organisation_members (organisation_id, user_id) SELECT $1, id FROM u`,
			id, m.p.ID, m.name, m.lang, w.h.Clock.Now())
	}
	return id
}

// card returns the newest invitation card in p's chat (a message that
// shows an invitation, with or without buttons).
func (w *world) card(p person) flowstest.Sent {
	w.h.T.Helper()
	msgs := w.h.Msgr.Messages(p.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(msgs[i].Text, "📨") && msgs[i].Document == nil && !strings.Contains(msgs[i].Text, "Einladungen</b>") &&
			!strings.Contains(msgs[i].Text, "Invitations</b>") {
			return msgs[i]
		}
	}
	w.h.T.Fatalf("no card in chat %d", p.ID)
	return flowstest.Sent{}
}

// published is a world whose fest is published to Kulturbrücke and
// Bridges, the cards delivered.
func published(t *testing.T) (*world, domain.Event) {
	t.Helper()
	w := newWorld(t)
	threeOrgs(w)
	e, _ := w.publish(fest(), orgKB, orgBR)
	w.h.Deliver()
	return w, e
}

// contains is strings.Contains.
func contains(s, sub string) bool { return strings.Contains(s, sub) }

// The associations of the card tests: Kulturbrücke (German invitations)
// with two members, Bridges (English invitations) with two members, one
// of whom speaks German, and Nachbarn, who are not invited.
var (
	kb1 = member{person{ID: 9101}, "Kofi Mensah", "de"}
	kb2 = member{person{ID: 9102}, "Ama Owusu", "de"}
	br1 = member{person{ID: 9201}, "Lina Haddad", "en"}
	br2 = member{person{ID: 9202}, "Jonas Weber", "de"}
	nb1 = member{person{ID: 9301}, "Sami Yilmaz", "de"}
)

const (
	orgKB = 701
	orgBR = 702
	orgNB = 703
)

// threeOrgs stores the three associations.
func threeOrgs(w *world) {
	w.addOrg(orgKB, "Kulturbrücke & Co e.V.", "de", kb1, kb2)
	w.addOrg(orgBR, "Bridges e.V.", "en", br1, br2)
	w.addOrg(orgNB, "Nachbarn e.V.", "de", nb1)
}

// Publishing gives every member of an invited association exactly one
// card and one calendar file, in the association's invitation language
// (not the member's), with the event's facts, no answer yet and the
// durable answer buttons of the member's own invitation; the association
// not invited gets nothing.
func TestEveryInvitedMemberGetsOneCardAndOneCalendarFile(t *testing.T) {
	w := newWorld(t)
	h := w.h
	threeOrgs(w)
	e, said := w.publish(fest(), orgKB, orgBR)
	if said != "published 4" {
		t.Fatalf("publish said %q", said)
	}
	h.ExpectDelivered(map[int64]int{kb1.p.ID: 2, kb2.p.ID: 2, br1.p.ID: 2, br2.p.ID: 2})
	ctx := context.Background()
	for _, m := range []member{kb1, kb2, br1, br2} {
		lang := "de"
		if m.p.ID == br1.p.ID || m.p.ID == br2.p.ID {
			lang = "en"
		}
		msgs := h.Msgr.Messages(m.p.ID)
		if len(msgs) != 2 || msgs[0].Document != nil || msgs[1].Document == nil {
			t.Fatalf("chat %d: %d messages, want the card and then the file", m.p.ID, len(msgs))
		}
		c := msgs[0]
		org := "Kulturbrücke &amp; Co e.V."
		want := []string{"Interkulturelles Fest", "Sa, 12.12.2026, 18:00–20:00 Uhr", "Rathausplatz 1, Dortmund",
			"Elif Demir", "Frau Kaya, 0231 123456", "Musik, Essen &amp; Begegnung.", "Deutsch, Arabisch",
			"Begrenzt auf 80 Personen. Sind alle Plätze vergeben", "Antwort für " + org, "noch keine", "09.12.2026, 18:00 Uhr"}
		if lang == "en" {
			org = "Bridges e.V."
			want = []string{"Invitation: Interkulturelles Fest", "Sat 12 Dec 2026, 18:00–20:00", "Rathausplatz 1, Dortmund",
				"Organised by Elif Demir", "Questions: Frau Kaya, 0231 123456", "Limited to 80 people. If all seats are taken", "Answer for " + org, "none yet",
				"Languages spoken: German, Arabic"}
		}
		for _, s := range want {
			if !strings.Contains(c.Text, s) {
				t.Errorf("chat %d: the card lacks %q:\n%s", m.p.ID, s, c.Text)
			}
		}
		up, _, err := h.DB.InvitationsFor(ctx, h.UserID(m.p))
		if err != nil || len(up) != 1 || up[0].Lang != lang {
			t.Fatalf("invitations of %d: %+v, %v (want one in %s)", m.p.ID, up, err, lang)
		}
		wantRow := []domain.Button{
			{Label: h.Plain(lang, "btn.iv_yes", nil), Data: flowstest.Durable(t, "iv", "y", up[0].ID)},
			{Label: h.Plain(lang, "btn.iv_maybe", nil), Data: flowstest.Durable(t, "iv", "m", up[0].ID)},
			{Label: h.Plain(lang, "btn.iv_no", nil), Data: flowstest.Durable(t, "iv", "n", up[0].ID)},
		}
		if len(c.Buttons) != 1 || len(c.Buttons[0]) != 3 || c.Buttons[0][0] != wantRow[0] || c.Buttons[0][1] != wantRow[1] ||
			c.Buttons[0][2] != wantRow[2] {
			t.Errorf("chat %d: buttons %+v, want %+v", m.p.ID, c.Buttons, wantRow)
		}
		doc := msgs[1].Document
		file := map[string]string{"de": "veranstaltung-", "en": "event-"}[lang] + strconv.FormatInt(e.ID, 10) + ".ics"
		if doc.Name != file || !strings.Contains(doc.Caption, "Interkulturelles Fest") {
			t.Errorf("chat %d: file %q with caption %q", m.p.ID, doc.Name, doc.Caption)
		}
		if _, ev := parseICS(t, *doc); ev.Props.Get(goical.PropUID).Value != domain.EventUID(e.ID) {
			t.Errorf("chat %d: UID %q", m.p.ID, ev.Props.Get(goical.PropUID).Value)
		}
	}
	if n := len(h.Msgr.Messages(nb1.p.ID)); n != 0 {
		t.Errorf("the association not invited got %d messages", n)
	}
	// Nothing goes out twice: a second publish of the same event writes nothing.
	h.ExpectDelivered(map[int64]int{})
}

// A yes asks the persons, the needs the event offers and the language to
// interpret into; maybe and no are one tap. Each answer is stored once for
// the association and every member's card shows it with who gave it; a
// second member changes it and every card follows.
func TestAnswersAreSharedAndEveryCardFollows(t *testing.T) {
	w, e := published(t)
	h := w.h
	kb := []person{kb1.p, kb2.p}
	tr := func(key string, data map[string]any) string { return h.Tr("de", key, data) }
	pl := func(key string, data map[string]any) string { return h.Plain("de", key, data) }

	h.Press(kb1.p, pl("btn.iv_yes", nil))
	h.Expect(kb1.p, tr("iv.yes_persons", map[string]any{"Title": e.Title}))
	h.SendRefused(kb1.p, "drei", tr("flow.use_buttons", nil))
	h.Press(kb1.p, "3")
	h.Expect(kb1.p, tr("iv.yes_needs", nil))
	h.ExpectButtons(kb1.p, pl("need.interpreting", nil), pl("need.childcare", nil), pl("need.step_free", nil))
	h.Press(kb1.p, pl("need.interpreting", nil))
	h.Press(kb1.p, pl("need.childcare", nil))
	h.Press(kb1.p, pl("btn.done", map[string]any{"N": 2}))
	h.Expect(kb1.p, tr("iv.yes_interpreting", nil))
	h.Press(kb1.p, pl("spoken.ar", nil))
	h.Expect(kb1.p, "✅ Ja · 3 Personen · Dolmetschen: Arabisch · Kinderbetreuung — Kofi, 24.11.2026, 18:00 Uhr")
	if s := h.Session(kb1.p); s.Flow != "" {
		t.Errorf("the flow runs on: %q", s.Flow)
	}
	answers := func() domain.OrgAnswer {
		t.Helper()
		all, err := h.DB.AnswersOf(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range all {
			if a.OrganisationID == orgKB {
				return a
			}
		}
		t.Fatal("Kulturbrücke is not among the answers")
		return domain.OrgAnswer{}
	}
	if a := answers(); a.Reply != domain.ReplyYes || a.Persons != 3 || a.Interpreting != "ar" ||
		len(a.Needs) != 2 || a.AnsweredBy != h.UserID(kb1.p) {
		t.Fatalf("stored %+v", a)
	}
	if got := h.Deliver(); len(got) != 1 || got[organiser.ID] != 1 {
		t.Errorf("new messages %v, want one to the organiser", got)
	}
	h.Expect(organiser, "Kulturbrücke &amp; Co e.V.", "Interkulturelles Fest", "✅ Ja · 3 Personen · Dolmetschen: Arabisch")
	for _, p := range kb {
		c := w.card(p)
		for _, s := range []string{"✅ Ja · 3 Personen · Dolmetschen: Arabisch · Kinderbetreuung — Kofi", "Begrenzt auf 80 Personen.\n"} {
			if !strings.Contains(c.Text, s) {
				t.Errorf("chat %d: the card lacks %q:\n%s", p.ID, s, c.Text)
			}
		}
		if len(c.Buttons) != 1 || len(c.Buttons[0]) != 3 || c.Edits != 1 {
			t.Errorf("chat %d: card edited %d times with buttons %v", p.ID, c.Edits, c.Labels())
		}
	}
	for _, p := range []person{br1.p, br2.p} {
		if c := w.card(p); c.Edits != 0 {
			t.Errorf("Bridges' card in %d changed with Kulturbrücke's answer", p.ID)
		}
	}

	// The second member changes it, on their own card, with one tap.
	h.Clock.Advance(3 * time.Hour)
	if toast := h.Press(kb2.p, pl("btn.iv_maybe", nil)); toast != pl("iv.toast_saved", map[string]any{"Reply": pl("iv.answer_maybe", nil)}) {
		t.Errorf("toast %q", toast)
	}
	h.Deliver()
	for _, p := range kb {
		if c := w.card(p); !strings.Contains(c.Text, "🤔 Vielleicht — Ama, 24.11.2026, 21:00 Uhr") || !strings.Contains(c.Text, "Begrenzt auf 80 Personen. Sind alle") ||
			len(c.Buttons) != 1 {
			t.Errorf("chat %d after maybe:\n%s", p.ID, c.Text)
		}
	}
	h.Press(kb1.p, pl("btn.iv_no", nil))
	h.Deliver()
	for _, p := range kb {
		if c := w.card(p); !strings.Contains(c.Text, "❌ Nein — Kofi") {
			t.Errorf("chat %d after no:\n%s", p.ID, c.Text)
		}
	}
	if a := answers(); a.Reply != domain.ReplyNo || a.Persons != 0 || len(a.Needs) != 0 {
		t.Fatalf("stored %+v", a)
	}

	// Yes again, without needs, in English on Bridges' card.
	h.Press(br2.p, h.Plain("en", "btn.iv_yes", nil))
	h.Press(br2.p, "2")
	h.Press(br2.p, pl("btn.done", map[string]any{"N": 0}))
	h.Deliver()
	for _, p := range []person{br1.p, br2.p} {
		if c := w.card(p); !strings.Contains(c.Text, "✅ Yes · 2 people — Jonas") || !strings.Contains(c.Text, "Limited to 80 people.\n") {
			t.Errorf("chat %d after Bridges' yes:\n%s", p.ID, c.Text)
		}
	}
}

// An event without needs asks for the persons only; a language typed is
// taken as typed, a bad one refused.
func TestYesWithoutNeedsAndTypedLanguage(t *testing.T) {
	w := newWorld(t)
	h := w.h
	threeOrgs(w)
	plain := fest()
	plain.Needs = nil
	w.publish(plain, orgKB)
	h.Deliver()
	pl := func(key string, data map[string]any) string { return h.Plain("de", key, data) }
	h.Press(kb1.p, pl("btn.iv_yes", nil))
	h.Press(kb1.p, "10")
	h.Expect(kb1.p, "✅ Ja · 10 Personen — Kofi")

	_, _ = w.publish(fest(), orgKB)
	h.Deliver()
	h.Press(kb2.p, pl("btn.iv_yes", nil))
	h.Press(kb2.p, "1")
	h.SendRefused(kb2.p, "Dolmetschen", h.Tr("de", "flow.use_buttons", nil))
	h.Press(kb2.p, pl("need.interpreting", nil))
	h.Press(kb2.p, pl("btn.done", map[string]any{"N": 1}))
	h.SendRefused(kb2.p, "<b>", h.Tr("de", "invalid.markup", nil))
	h.Send(kb2.p, "Tigrinya")
	h.Expect(kb2.p, "✅ Ja · 1 Person · Dolmetschen: Tigrinya — Ama")
}

// parseICS parses a calendar file with emersion's parser and returns it
// with its only event.
func parseICS(t *testing.T, doc domain.Document) (*goical.Calendar, goical.Event) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(doc.Content)).Decode()
	if err != nil {
		t.Fatalf("%s: %v\n%s", doc.Name, err, doc.Content)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%s: %d events", doc.Name, len(evs))
	}
	return cal, evs[0]
}

// The calendar file with each card parses with an independent parser and
// gives the right instants in winter, in summer and across the end of
// daylight saving time, with a VTIMEZONE for every TZID, METHOD:PUBLISH,
// the UID and SEQUENCE of the event, the stamp of the clock, CRLF line
// ends, the contact and the organiser in DESCRIPTION and the place (or
// the link) in LOCATION.
func TestCalendarFileOfTheInvitation(t *testing.T) {
	w := newWorld(t)
	h := w.h
	threeOrgs(w)
	winter := fest()
	summer := fest()
	summer.Title, summer.Start, summer.End = "Sommerfest", berlin(2027, 7, 15, 18, 0), berlin(2027, 7, 15, 20, 0)
	summer.Deadline = time.Time{}
	night := fest()
	night.Title, night.Start, night.End = "Lange Nacht", berlin(2027, 10, 30, 22, 0), berlin(2027, 10, 31, 4, 0)
	night.Place, night.Link, night.Deadline = "", "https://meet.example.org/nacht", time.Time{}
	want := []struct {
		title      string
		start, end time.Time // UTC
		location   string
	}{
		{"Interkulturelles Fest", time.Date(2026, 12, 12, 17, 0, 0, 0, time.UTC), time.Date(2026, 12, 12, 19, 0, 0, 0, time.UTC), "Rathausplatz 1, Dortmund"},
		{"Sommerfest", time.Date(2027, 7, 15, 16, 0, 0, 0, time.UTC), time.Date(2027, 7, 15, 18, 0, 0, 0, time.UTC), "Rathausplatz 1, Dortmund"},
		{"Lange Nacht", time.Date(2027, 10, 30, 20, 0, 0, 0, time.UTC), time.Date(2027, 10, 31, 3, 0, 0, 0, time.UTC), "https://meet.example.org/nacht"},
	}
	var ids []int64
	for _, d := range []domain.EventDraft{winter, summer, night} {
		e, _ := w.publish(d, orgKB)
		ids = append(ids, e.ID)
	}
	h.Deliver()
	docs := h.Documents(kb2.p)
	if len(docs) != len(want) {
		t.Fatalf("%d calendar files, want %d", len(docs), len(want))
	}
	for i, c := range want {
		doc := docs[i]
		raw := string(doc.Content)
		if strings.Count(raw, "\n") != strings.Count(raw, "\r\n") || !strings.HasSuffix(raw, "END:VCALENDAR\r\n") {
			t.Errorf("%s: a line end that is not CRLF", c.title)
		}
		cal, ev := parseICS(t, doc)
		if m := cal.Props.Get(goical.PropMethod); m == nil || m.Value != "PUBLISH" {
			t.Errorf("%s: METHOD %v", c.title, m)
		}
		tzs := map[string]bool{}
		for _, comp := range cal.Children {
			if comp.Name == goical.CompTimezone {
				tzs[comp.Props.Get(goical.PropTimezoneID).Value] = true
			}
		}
		for _, name := range []string{goical.PropDateTimeStart, goical.PropDateTimeEnd} {
			p := ev.Props.Get(name)
			if tz := p.Params.Get(goical.PropTimezoneID); tz == "" || !tzs[tz] {
				t.Errorf("%s: %s has TZID %q without a VTIMEZONE (have %v)", c.title, name, tz, tzs)
			}
		}
		start, err := ev.DateTimeStart(nil)
		if err != nil || !start.Equal(c.start) {
			t.Errorf("%s: DTSTART %v (%v), want %v", c.title, start.UTC(), err, c.start)
		}
		end, err := ev.DateTimeEnd(nil)
		if err != nil || !end.Equal(c.end) {
			t.Errorf("%s: DTEND %v (%v), want %v", c.title, end.UTC(), err, c.end)
		}
		text := func(name string) string {
			v, err := ev.Props.Text(name)
			if err != nil {
				t.Errorf("%s: %s: %v", c.title, name, err)
			}
			return v
		}
		stamp, err := ev.Props.DateTime(goical.PropDateTimeStamp, nil)
		if err != nil || !stamp.Equal(h.Clock.Now()) {
			t.Errorf("%s: DTSTAMP %v (%v), want %v", c.title, stamp, err, h.Clock.Now())
		}
		if uid := text(goical.PropUID); uid != domain.EventUID(ids[i]) {
			t.Errorf("%s: UID %q", c.title, uid)
		}
		if seq := ev.Props.Get(goical.PropSequence); seq == nil || seq.Value != "0" {
			t.Errorf("%s: SEQUENCE %v", c.title, seq)
		}
		if s := text(goical.PropSummary); s != c.title {
			t.Errorf("SUMMARY %q, want %q", s, c.title)
		}
		if l := text(goical.PropLocation); l != c.location {
			t.Errorf("%s: LOCATION %q, want %q", c.title, l, c.location)
		}
		desc := text(goical.PropDescription)
		for _, s := range []string{"Musik, Essen & Begegnung.", "Veranstaltet von Elif Demir", "Fragen an: Frau Kaya, 0231 123456"} {
			if !strings.Contains(desc, s) {
				t.Errorf("%s: DESCRIPTION %q lacks %q", c.title, desc, s)
			}
		}
	}
}

// The card with every field at its longest (and full of characters that
// HTML escapes) fits one message, sent and restyled: the description is
// shortened, the rest shown whole.
func TestTheLongestCardFitsOneMessage(t *testing.T) {
	w := newWorld(t)
	h := w.h
	long := func(n int) string { return strings.Repeat("&<", n/2) }
	w.addOrg(orgKB, long(200), "de", kb1, kb2)
	d := fest()
	d.Title, d.Description, d.Place, d.Contact = long(domain.MaxEventTitle), long(domain.MaxEventDescription),
		long(domain.MaxEventPlace), long(domain.MaxEventContact)
	d.Languages, d.Capacity = nil, 3 // a yes of 10: 3 seats held, 7 waiting (issue 14)
	for i := range domain.MaxEventLanguages {
		d.Languages = append(d.Languages, strconv.Itoa(i)+long(domain.MaxEventLanguage-2))
	}
	w.publish(d, orgKB)
	h.ExpectDelivered(map[int64]int{kb1.p.ID: 2, kb2.p.ID: 2})
	c := w.card(kb1.p)
	if n := domain.TextLength(c.Text); n > domain.MaxTextLength-500 || !strings.Contains(c.Text, "…") {
		t.Errorf("a card of %d characters (description shortened: %v)", n, strings.Contains(c.Text, "…"))
	}
	h.Press(kb2.p, h.Plain("de", "btn.iv_yes", nil))
	h.Press(kb2.p, "10")
	h.Press(kb2.p, h.Plain("de", "need.interpreting", nil))
	h.Press(kb2.p, h.Plain("de", "btn.done", map[string]any{"N": 1}))
	h.Send(kb2.p, strings.Repeat("Sprache ", domain.MaxEventLanguage/8))
	h.Deliver()
	if c := w.card(kb1.p); c.Edits != 1 || !strings.Contains(c.Text, "10 Personen") ||
		!strings.Contains(c.Text, "Ihr Verein hat 3 Plätze.") || !strings.Contains(c.Text, "7 Personen stehen auf der Warteliste.") {
		t.Errorf("the longest card was not restyled:\n%s", c.Text)
	}
}

// The card states the capacity, not a count of seats left that would go
// stale on the cards of associations not restyled by an answer: with the
// waitlist's rule until the association said yes, then its own seats.
// Shown anew from the list, it says the same.
func TestTheCardStatesTheCapacity(t *testing.T) {
	w := newWorld(t)
	h := w.h
	threeOrgs(w)
	small := fest()
	small.Capacity, small.Needs = 4, nil
	w.publish(small, orgKB, orgBR)
	h.Deliver()
	for p, want := range map[person]string{kb1.p: "🪑 Begrenzt auf 4 Personen. Sind alle Plätze vergeben, kommt eine Zusage auf die Warteliste.",
		br1.p: "🪑 Limited to 4 people. If all seats are taken, a yes goes on the waiting list."} {
		if c := w.card(p); !contains(c.Text, want) {
			t.Fatalf("chat %d: want %q\n%s", p.ID, want, c.Text)
		}
	}
	h.Press(br2.p, h.Plain("en", "btn.iv_yes", nil))
	h.Press(br2.p, "3")
	h.Deliver()
	for _, p := range []person{br1.p, br2.p} {
		if c := w.card(p); !contains(c.Text, "🪑 Limited to 4 people.\n") || contains(c.Text, "waiting list") {
			t.Errorf("chat %d after its yes of 3:\n%s", p.ID, c.Text)
		}
	}
	if c := w.card(kb1.p); !contains(c.Text, "Begrenzt auf 4 Personen. Sind alle Plätze vergeben") {
		t.Errorf("the other association's card:\n%s", c.Text)
	}
	h.Send(br2.p, "/einladungen")
	h.Press(br2.p, h.Plain("de", "btn.iv_open", map[string]any{"Date": "12.12.2026", "Title": "Interkulturelles Fest"}))
	if c := w.card(br2.p); !contains(c.Text, "🪑 Limited to 4 people.\n") {
		t.Errorf("Bridges' card shown anew:\n%s", c.Text)
	}
}
