package events_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// An advisor creates an event in German with bad input at every step, sees
// the matching associations of the Bundesland, narrows to Dortmund, adds
// the Hamburg association by name and invites: exactly their members get
// an invitation, once, also when "Einladen" is pressed again.
func TestCreateNarrowAddAndPublish(t *testing.T) {
	h := world(t, "de")
	e := create(h, amira, "de", true)
	if e.Status != domain.EventStateDraft || e.City != "Dortmund" || e.State != "NW" || e.Capacity != 0 ||
		e.Place != "Rathausplatz 1, Dortmund" || e.Link != "" || e.Contact != "Amira Haddad" ||
		!slices.Equal(e.Languages, []string{"de", "ar"}) || !slices.Equal(e.Needs, []domain.EventNeed{domain.NeedInterpreting}) ||
		!slices.Equal(e.Topics, []domain.Topic{domain.TopicCulture}) || e.Title != "Fest der Kulturen & Nachbarn" {
		t.Fatalf("draft %+v", e)
	}
	if got := h.Texts.Span("de", e.Start, e.End, h.Location); got != "Sa, 12.12.2026, 18:00–20:00 Uhr" {
		t.Errorf("the event is %q", got)
	}
	if got := e.Deadline.In(h.Location).Format("02.01.2006 15:04"); got != "05.12.2026 23:59" {
		t.Errorf("deadline %s", got)
	}
	// The whole Bundesland: Dortmund and Bochum, not sports, not Hamburg.
	h.Expect(amira, "Kulturverein Dortmund", engine.Escape(`Bochumer Brücke & "Freunde"`),
		"🌐 Einladungen auf Deutsch (1), English (1)")
	if text := h.Last(amira).Text; strings.Contains(text, "Sportfreunde") || strings.Contains(text, "Hamburger") {
		t.Fatalf("the audience holds associations that do not match:\n%s", text)
	}
	h.Press(amira, h.Plain("de", "btn.ev_city_only", map[string]any{"City": "Dortmund"}))
	if text := h.Last(amira).Text; !strings.Contains(text, "Kulturverein Dortmund") || strings.Contains(text, "Bochumer") ||
		!strings.Contains(text, "<b>1 Verein mit 1 Mitglied</b>") || strings.Contains(text, "hinzugefügt") ||
		strings.Contains(text, "🌐") {
		t.Fatalf("city only (one association, in the singular, none added, one language):\n%s", text)
	}
	h.ExpectButtons(amira, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 1}),
		h.Plain("de", "btn.ev_whole_state", map[string]any{"State": "Nordrhein-Westfalen"}))

	// Add the Hamburg association by name.
	h.Press(amira, h.Plain("de", "btn.ev_find", nil))
	h.Expect(amira, h.Tr("de", "ev.query_prompt", nil))
	refused(h, amira, "x", h.Tr("de", "invalid.length", map[string]any{"Min": 2, "Max": 100, "Count": 1}))
	refused(h, amira, "Zzz%", h.Tr("de", "ev.found_none", map[string]any{"Query": "Zzz%"}))
	h.Send(amira, "hamburg")
	h.Expect(amira, h.Tr("de", "ev.pick_prompt", map[string]any{"Query": "hamburg"}))
	h.Press(amira, h.Plain("de", "btn.ev_hit", map[string]any{"Name": "Hamburger Forum", "City": "Hamburg", "Members": 1}))
	h.Expect(amira, "Kulturverein Dortmund", "Hamburger Forum")
	if text := h.Last(amira).Text; strings.Contains(text, "Bochumer") || !strings.Contains(text, "dazu die von Ihnen hinzugefügten (➕):") ||
		!strings.Contains(text, "<b>2 Vereine mit 2 Mitgliedern</b>") {
		t.Fatalf("adding an association widened the audience or is not said:\n%s", text)
	}
	if c, f := invited(h); len(c)+len(f) != 0 {
		t.Fatalf("the draft sent cards to %v and files to %v", c, f)
	}

	invite := h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2})
	id, data := h.Find(amira, invite)
	h.Press(amira, invite)
	h.Expect(amira, h.Tr("de", "ev.published", map[string]any{"Title": e.Title, "Members": 2, "Orgs": 2}))
	cards, files := invited(h)
	if want := []int64{kultA.ID, hamb.ID}; !slices.Equal(cards, want) || !slices.Equal(files, want) {
		t.Fatalf("cards to %v and files to %v, want one each to %v", cards, files, want)
	}
	// A replayed press, and a forged one with the current nonce, publish
	// nothing again.
	h.PressUnchanged(amira, id, data)
	if toast := forge(h, amira, "evp", e.ID); toast != h.Plain("de", "ev.published_already", nil) {
		t.Errorf("forged publish: toast %q", toast)
	}
	if c, f := invited(h); len(c)+len(f) != 0 {
		t.Fatalf("a second press sent cards to %v and files to %v", c, f)
	}
	if ev := eventsOf(h, amira)[0]; ev.Status != domain.EventPublished {
		t.Fatalf("event %+v", ev)
	}
}

// In English the same creation ends published to the associations of the
// Bundesland that match.
func TestCreateAndPublishInEnglish(t *testing.T) {
	h := world(t, "en")
	e := create(h, amira, "en", false)
	h.Expect(amira, "Kulturverein Dortmund", "Bochumer")
	h.Press(amira, h.Plain("en", "btn.ev_invite", map[string]any{"Members": 2}))
	h.Expect(amira, h.Tr("en", "ev.published", map[string]any{"Title": e.Title, "Members": 2, "Orgs": 2}))
	cards, files := invited(h)
	if want := []int64{kultA.ID, kultB.ID}; !slices.Equal(cards, want) || !slices.Equal(files, want) {
		t.Fatalf("cards to %v and files to %v, want one each to %v", cards, files, want)
	}
	h.Send(amira, "/events")
	h.Expect(amira, h.Tr("en", "ev.mine", map[string]any{"N": 1}))
}

// The figures, the answers and both CSVs show what the associations
// answered; user text is escaped in the message and kept in the CSV.
func TestCountsAnswersAndCSV(t *testing.T) {
	h := world(t, "de")
	e := create(h, amira, "de", false)
	h.Press(amira, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2}))
	invited(h)
	ctx := context.Background()
	answer := func(p person, a domain.OrgAnswer) {
		a.EventID, a.OrganisationID = e.ID, orgID(h, p)
		if _, err := h.DB.Answer(ctx, h.UserID(p), a, nil); err != nil {
			t.Fatal(err)
		}
	}
	answer(kultA, domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 3, Needs: []domain.EventNeed{domain.NeedInterpreting}, Interpreting: "ar"})
	answer(kultB, domain.OrgAnswer{Reply: domain.ReplyNo})

	h.Send(amira, "/veranstaltungen")
	h.Expect(amira, h.Tr("de", "ev.mine", map[string]any{"N": 1}))
	h.Press(amira, h.Plain("de", "ev.list_entry", map[string]any{"Title": e.Title, "Date": "12.12.2026", "Draft": false, "Past": false}))
	// One figure a line, so that a phone does not break "Vielleicht: 0".
	h.Expect(amira, "Eingeladen: 2 Vereine mit 2 Mitgliedern", "\n✅ Ja: 1 (3 Personen)\n🤔 Vielleicht: 0\n❌ Nein: 1\n⏳ Ohne Antwort: 0\n",
		"Anfragen: 1 × Dolmetschen")
	h.Press(amira, h.Plain("de", "btn.ev_answers", nil))
	h.Expect(amira, "• Kulturverein Dortmund: Ja, 3 Personen – Dolmetschen (Arabisch)",
		"• "+engine.Escape(`Bochumer Brücke & "Freunde"`)+": Nein")

	for _, c := range []struct {
		label string
		comma rune
		bom   bool
		stamp string
	}{{"btn.ev_excel", ';', true, "24.11.2026 18:00"}, {"btn.ev_plain", ',', false, "2026-11-24T18:00:00+01:00"}} {
		h.Press(amira, h.Plain("de", c.label, nil))
		docs := h.Documents(amira)
		if len(docs) == 0 {
			t.Fatalf("%s: no document", c.label)
		}
		content := docs[len(docs)-1].Content
		if bytes.HasPrefix(content, []byte("\uFEFF")) != c.bom {
			t.Errorf("%s: byte order mark %v, want %v", c.label, !c.bom, c.bom)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(content, []byte("\uFEFF"))))
		r.Comma = c.comma
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", c.label, err)
		}
		want := [][]string{
			{"Verein", "Antwort", "Personen", "Anfragen", "Dolmetschen in", "Geantwortet am", "Plätze",
				"Warteliste (Personen)", "Anwesenheit"},
			{`Bochumer Brücke & "Freunde"`, "Nein", "", "", "", c.stamp, "", "", ""},
			{"Kulturverein Dortmund", "Ja", "3", "Dolmetschen", "Arabisch", c.stamp, "3", "0", ""},
		}
		if !slices.EqualFunc(rows, want, slices.Equal) {
			t.Errorf("%s: rows %q, want %q", c.label, rows, want)
		}
	}
}

// Someone else's event: Bora's forged presses on every screen of Amira's
// draft and published event change nothing and show nothing.
func TestForgedPressesOnAnotherOrganisersEvent(t *testing.T) {
	h := world(t, "de")
	e := create(h, amira, "de", false)
	h.Send(bora, "/veranstaltungen")
	h.Expect(bora, h.Tr("de", "ev.mine_empty", nil))
	docs := len(h.Documents(bora))
	screens := []string{"evd", "eve", "eva", "evt", "evf", "evp", "evr", "evx", "evv"}
	for _, s := range screens {
		if toast := forge(h, bora, s, e.ID); toast != h.Plain("de", "error.forbidden", nil) {
			t.Errorf("forged %s: toast %q", s, toast)
		}
	}
	if ev := eventsOf(h, amira)[0]; ev.Status != domain.EventStateDraft || !ev.UpdatedAt.Equal(e.UpdatedAt) {
		t.Fatalf("forged presses changed the draft: %+v", ev)
	}
	if c, f := invited(h); len(c)+len(f) != 0 {
		t.Fatalf("forged presses sent cards to %v and files to %v", c, f)
	}
	h.Press(amira, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2}))
	invited(h)
	h.Send(bora, "/veranstaltungen")
	for _, s := range screens {
		forge(h, bora, s, e.ID)
	}
	if n := len(h.Documents(bora)); n != docs {
		t.Errorf("Bora got %d documents", n-docs)
	}
	// A malformed or unknown id is a stale button.
	forge(h, bora, "evd", e.ID+1000)
	h.PressStale(bora, h.Last(bora).ID, h.Nonce(bora)+":m:evd.x")
}

// An unverified municipal contact is refused the command, the menu entry
// and forged presses, and nothing is stored; once confirmed, the event's
// city and Bundesland come from the municipality.
func TestUnverifiedMunicipalContactIsRefused(t *testing.T) {
	h := flowstest.New(t)
	h.RegisterCoordinators()
	mun := person{ID: 9301, FirstName: "Erika"}
	h.RegisterMunicipal(mun, "de")
	h.Send(mun, "/veranstaltung")
	h.Expect(mun, h.Tr("de", "ev.refused", nil))
	h.Send(mun, "/menu")
	if toast := h.Press(mun, h.Plain("de", "btn.ev_create", nil)); toast != h.Plain("de", "error.forbidden", nil) {
		t.Errorf("menu entry: toast %q", toast)
	}
	h.Register(amira, flowstest.Answers{Role: domain.RoleAdvisor, Lang: "de", Name: "Amira Haddad"})
	e := create(h, amira, "de", false)
	// No association at all: the screen says so and offers the search, not
	// an invitation to nobody.
	h.Expect(amira, h.Tr("de", "ev.audience_none", map[string]any{"Title": e.Title, "When": "Sa, 12.12.2026, 18:00–20:00 Uhr",
		"City": "Dortmund", "State": "Nordrhein-Westfalen", "CityOnly": false}))
	if got := h.Buttons(amira); len(got) != 3 || got[0] != h.Plain("de", "btn.ev_find", nil) {
		t.Errorf("the empty audience offers %q", got)
	}
	h.Send(mun, "/menu")
	for _, s := range []string{"evc", "evm", "evd", "evp", "evx"} {
		forge(h, mun, s, e.ID)
	}
	if evs := eventsOf(h, mun); len(evs) != 0 {
		t.Fatalf("the unverified contact stored %+v", evs)
	}
	if ev := eventsOf(h, amira)[0]; ev.Status != domain.EventStateDraft {
		t.Fatalf("event %+v", ev)
	}

	h.DecideContact(mun, domain.ContactVerified)
	h.Deliver()
	h.Send(mun, "/veranstaltung")
	h.Send(mun, "Lesung im Rathaus")
	h.Send(mun, "Eine Lesung mit Gespräch.")
	h.Send(mun, "10.12.2026 19:00")
	h.Press(mun, h.Plain("de", "btn.ev_hours", map[string]any{"N": 1}))
	h.Press(mun, h.Plain("de", "btn.ev_place", nil))
	h.Send(mun, "Rathaus Hattingen")
	h.Expect(mun, h.Tr("de", "ev.topics_prompt", nil)) // city and Bundesland from the municipality
	if s := h.Session(mun); s.Data["ci"] != "Hattingen" || s.Data["bl"] != "NW" {
		t.Fatalf("prefilled %v", s.Data)
	}
}

// A draft can be continued from "Meine Veranstaltungen": edited (the
// summary, then the audience again) and published later.
func TestEditDraftFromMyEvents(t *testing.T) {
	h := world(t, "de")
	e := create(h, amira, "de", false)
	h.Send(amira, "/veranstaltungen")
	h.Press(amira, h.Plain("de", "ev.list_entry", map[string]any{"Title": e.Title, "Date": "12.12.2026", "Draft": true}))
	h.Expect(amira, h.Tr("de", "ev.event_draft", map[string]any{"Title": e.Title, "When": "Sa, 12.12.2026, 18:00–20:00 Uhr",
		"Where": e.Place, "Topics": "Kultur", "Capacity": "Ohne Begrenzung"}))
	h.Press(amira, h.Plain("de", "btn.ev_edit", nil))
	h.Change(amira, "de", h.Plain("de", "ev.field_title", nil))
	h.Send(amira, "Fest der Nachbarschaft")
	// A new start asks for the end again (the old one would be before it),
	// then returns to the summary.
	h.Change(amira, "de", h.Plain("de", "ev.field_start", nil))
	h.Send(amira, "13.12.2026 10:00")
	if s := h.Session(amira); s.Step != "en" || s.Data["en"] != "" {
		t.Fatalf("after a new start: step %q, end %q", s.Step, s.Data["en"])
	}
	h.Press(amira, h.Plain("de", "btn.ev_hours", map[string]any{"N": 3}))
	h.Expect(amira, "So, 13.12.2026, 10:00–13:00 Uhr", "Fest der Nachbarschaft")
	h.Press(amira, h.Plain("de", "btn.confirm", nil))
	evs := eventsOf(h, amira)
	if len(evs) != 1 || evs[0].ID != e.ID || evs[0].Title != "Fest der Nachbarschaft" || evs[0].Contact != "Amira Haddad" ||
		h.Texts.Span("de", evs[0].Start, evs[0].End, h.Location) != "So, 13.12.2026, 10:00–13:00 Uhr" {
		t.Fatalf("events after the edit %+v", evs)
	}
	h.ExpectButtons(amira, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2}))
}

// "Meine Veranstaltungen" lists upcoming events soonest first, then past
// ones, eight to a page.
func TestMyEventsUpcomingFirstAndPaged(t *testing.T) {
	h := world(t, "de")
	ctx := context.Background()
	add := func(title string, days int) {
		start := h.Clock.Now().Add(time.Duration(days) * 24 * time.Hour)
		_, err := h.DB.CreateEvent(ctx, domain.EventDraft{OrganiserID: h.UserID(amira), Title: title, Description: "Beschreibung",
			Start: start, End: start.Add(time.Hour), Place: "Rathaus", City: "Dortmund", State: "NW",
			Topics: []domain.Topic{domain.TopicCulture}})
		if err != nil {
			t.Fatal(err)
		}
	}
	add("Vergangen", 1)
	h.Clock.Advance(3 * 24 * time.Hour)
	for i := 9; i >= 1; i-- {
		add(fmt.Sprintf("Treffen %d", i), i)
	}
	h.Send(amira, "/veranstaltungen")
	h.Expect(amira, h.Tr("de", "ev.mine", map[string]any{"N": 10}))
	labels := func() []string {
		var out []string
		for _, row := range h.Last(amira).Buttons {
			if strings.Contains(row[0].Label, " · ") {
				out = append(out, row[0].Label)
			}
		}
		return out
	}
	first := labels()
	if len(first) != 8 || !strings.HasSuffix(first[0], "Treffen 1") || !strings.HasSuffix(first[7], "Treffen 8") {
		t.Fatalf("first page %q", first)
	}
	h.Press(amira, h.Plain("de", "list.next", nil))
	second := labels()
	if len(second) != 2 || !strings.HasSuffix(second[0], "Treffen 9") || !strings.HasPrefix(second[1], "✔️") ||
		!strings.HasSuffix(second[1], "Vergangen") {
		t.Fatalf("second page %q", second)
	}
}

// An advisor whose role is taken away while the summary shows is told so
// at the confirmation, and nothing is stored.
func TestRoleTakenAwayBeforeSaving(t *testing.T) {
	h := world(t, "de")
	h.Send(amira, "/veranstaltung")
	h.Send(amira, "Fest der Kulturen")
	h.Send(amira, "Musik, Essen und Begegnung.")
	h.Send(amira, "12.12.2026 18:00")
	h.Press(amira, h.Plain("de", "btn.ev_hours", map[string]any{"N": 1}))
	h.Press(amira, h.Plain("de", "btn.ev_place", nil))
	h.Send(amira, "Rathausplatz 1, Dortmund")
	h.Send(amira, "Dortmund")
	h.Press(amira, h.Plain("de", "state.NW", nil))
	h.Press(amira, h.Plain("de", engine.TopicKeys[domain.TopicCulture], nil))
	h.Press(amira, h.Plain("de", "btn.done", map[string]any{"N": 1}))
	h.Press(amira, h.Plain("de", "btn.done", map[string]any{"N": 0}))
	h.Press(amira, h.Plain("de", "btn.ev_no_limit", nil))
	h.Press(amira, h.Plain("de", "btn.ev_no_deadline", nil))
	h.Press(amira, h.Plain("de", "btn.ev_no_contact", nil))
	h.Press(amira, h.Plain("de", "btn.done", map[string]any{"N": 0}))
	h.Expect(amira, "Fest der Kulturen")
	h.Exec(`DELETE FROM user_roles WHERE user_id = $1`, h.UserID(amira))
	h.Press(amira, h.Plain("de", "btn.confirm", nil))
	h.Expect(amira, h.Tr("de", "ev.refused", nil))
	if evs := eventsOf(h, amira); len(evs) != 0 {
		t.Fatalf("stored %+v", evs)
	}
	if s := h.Session(amira); s.Flow != "" {
		t.Fatalf("the flow %q goes on", s.Flow)
	}
}
