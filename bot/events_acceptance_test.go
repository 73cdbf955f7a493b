package bot

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// Issue 13, acceptance, end to end through the fake Bot API with the real
// bot, engine, Postgres, Redis and outbox: an advisor creates an event in
// Dortmund in the chat; of four associations in Dortmund, the three that
// care for culture (two members each) are invited, the sports club is
// not; exactly their six members get the card and the calendar file; the
// associations answer yes (3 persons, interpreting into Arabic), maybe and
// no; the organiser's figures and CSV show exactly that; the second member
// of the "yes" association sees the answer on their card and changes it to
// 2 persons, and every card and the figures follow.
func TestEventFromCreationToAnswers(t *testing.T) {
	fake := startFake(t)
	store := storagetest.Store(t, storage.WithClock(testNow))
	cfg := Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second, Clock: testNow,
		Log: slog.New(slog.DiscardHandler)}
	runBotWithFeature(t, cfg, store, func(*engine.Registry) {})
	texts := testTexts(t)
	at := func(id int64, name string) person {
		return person{t: t, fake: fake, user: telegramfake.User{ID: id, FirstName: name, LastName: "M.", LanguageCode: "de"},
			texts: texts, lang: "de"}
	}
	aylin := at(9801, "Aylin")
	register(t, store, fake, aylin.user, "Aylin Demir", domain.RoleAdvisor, nil)
	culture := func(name string) domain.OrganisationProfile {
		return domain.OrganisationProfile{Name: name, City: "Dortmund", State: "NW",
			Topics: []domain.Topic{domain.TopicCulture, domain.TopicEducation}, InviteLang: "de"}
	}
	yes1, yes2 := at(9811, "Amara"), at(9812, "Kofi")
	maybe1, maybe2 := at(9821, "Elif"), at(9822, "Murat")
	no1, no2 := at(9831, "Rana"), at(9832, "Samir")
	sport1, sport2 := at(9841, "Jan"), at(9842, "Lea")
	orgYes := association(t, store, fake, culture("Afrikanischer Kulturverein"), yes1.user, yes2.user)
	association(t, store, fake, culture("Elternverein Nord"), maybe1.user, maybe2.user)
	association(t, store, fake, culture("Syrischer Frauenverein"), no1.user, no2.user)
	association(t, store, fake, domain.OrganisationProfile{Name: "Sportfreunde Dortmund", City: "Dortmund", State: "NW",
		Topics: []domain.Topic{domain.TopicSports}, InviteLang: "de"}, sport1.user, sport2.user)

	// The advisor creates and publishes the event in the chat.
	title := "Fest der Kulturen"
	aylin.say("/veranstaltung")
	aylin.sees(aylin.plain("ev.title_prompt", nil))
	aylin.say(title)
	aylin.sees(aylin.plain("ev.desc_prompt", nil))
	aylin.say("Musik, Essen und Begegnung im Westfalenpark.")
	aylin.sees(aylin.plain("ev.start_prompt", nil))
	aylin.say("12.12.2026 18:00")
	aylin.tap(aylin.plain("btn.ev_hours", map[string]any{"N": 2}))
	aylin.tap(aylin.plain("btn.ev_place", nil))
	aylin.sees(aylin.plain("ev.place_prompt", nil))
	aylin.say("Westfalenpark, An der Buschmühle 3, Dortmund")
	aylin.sees(aylin.plain("ev.city_prompt", nil))
	aylin.say("Dortmund")
	aylin.tap(aylin.plain("state.NW", nil))
	aylin.pick(engine.TopicKeys[domain.TopicCulture])
	aylin.pick("spoken.de", "spoken.ar")
	aylin.tap(aylin.plain("btn.ev_no_limit", nil))
	aylin.tap(aylin.plain("btn.ev_no_deadline", nil))
	aylin.tap("Aylin Demir")
	aylin.pick("need.interpreting", "need.childcare")
	aylin.tap(aylin.plain("btn.confirm", nil))
	aylin.sees("Afrikanischer Kulturverein", "Elternverein Nord", "Syrischer Frauenverein")
	aylin.tap(aylin.plain("btn.ev_invite", map[string]any{"Members": 6}))
	aylin.sees(texts.T("de", "ev.published", map[string]any{"Title": title, "Members": 6, "Orgs": 3}))

	// Exactly the six members get one card and one calendar file each.
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := time.Date(2026, 12, 12, 18, 0, 0, 0, berlin)
	invited := []person{yes1, yes2, maybe1, maybe2, no1, no2}
	for _, p := range invited {
		p.sees("📨", title, "Sa, 12.12.2026, 18:00–20:00 Uhr", "Westfalenpark")
		await(t, "the calendar file", func() bool { return len(p.documents(".ics")) == 1 })
		checkEventCalendar(t, p.documents(".ics")[0], start, start.Add(2*time.Hour))
	}
	for _, p := range invited {
		if n := p.count("📨", title); n != 1 || len(p.documents(".ics")) != 1 {
			t.Errorf("%s has %d cards and %d calendar files", p.user.FirstName, n, len(p.documents(".ics")))
		}
	}
	for _, p := range []person{sport1, sport2} {
		if msgs := fake.Messages(p.user.ID); len(msgs) != 0 {
			t.Errorf("the sports club's %s got %d messages", p.user.FirstName, len(msgs))
		}
	}

	// The answers: yes with 3 persons and interpreting into Arabic, maybe, no.
	yes := func(p person, persons string) {
		p.tap(p.plain("btn.iv_yes", nil))
		p.tap(persons)
	}
	yes(yes1, "3")
	yes1.pick("need.interpreting")
	yes1.tap(yes1.plain("spoken.ar", nil))
	maybe1.tap(maybe1.plain("btn.iv_maybe", nil))
	no1.tap(no1.plain("btn.iv_no", nil))
	answered := func(n int) string { return yes1.plain("iv.answer_persons", map[string]any{"N": n}) }
	for _, p := range []person{yes1, yes2} {
		card(p, title, "✅ Ja", answered(3), "Dolmetschen: Arabisch")
	}
	card(maybe2, title, "🤔 Vielleicht")
	card(no2, title, "❌ Nein")
	ev := onlyEvent(t, store)
	checkCounts(t, store, ev.ID, domain.EventCounts{Organisations: 3, Members: 6, Yes: 1, Persons: 3, Maybe: 1, No: 1,
		Needs: map[domain.EventNeed]int{domain.NeedInterpreting: 1}})

	// The organiser's figures and CSV.
	aylin.say("/veranstaltungen")
	aylin.tap(aylin.plain("ev.list_entry", map[string]any{"Title": title, "Date": "12.12.2026"}))
	aylin.sees("✅ Ja: 1 (3 Personen)", "🤔 Vielleicht: 1", "❌ Nein: 1", "⏳ Ohne Antwort: 0")
	aylin.tap(aylin.plain("btn.ev_excel", nil))
	await(t, "the CSV", func() bool { return len(aylin.documents(".csv")) == 1 })
	rows := parseExcelCSV(t, aylin.documents(".csv")[0].Data)
	want := [][]string{{"Afrikanischer Kulturverein", "Ja", "3", "Dolmetschen", "Arabisch"},
		{"Elternverein Nord", "Vielleicht", "", "", ""}, {"Syrischer Frauenverein", "Nein", "", "", ""}}
	checkAnswerRows(t, rows, want)

	// The second member of the "yes" association changes it to 2 persons;
	// both cards and the figures follow.
	yes(yes2, "2")
	yes2.tap(yes2.plain("btn.done", map[string]any{"N": 1})) // interpreting stays ticked
	yes2.tap(yes2.plain("spoken.ar", nil))
	for _, p := range []person{yes1, yes2} {
		card(p, title, "✅ Ja", answered(2), "Dolmetschen: Arabisch", "— Kofi,")
	}
	checkCounts(t, store, ev.ID, domain.EventCounts{Organisations: 3, Members: 6, Yes: 1, Persons: 2, Maybe: 1, No: 1,
		Needs: map[domain.EventNeed]int{domain.NeedInterpreting: 1}})
	if a := answerOf(t, store, ev.ID, orgYes); a.Persons != 2 || a.Interpreting != "ar" {
		t.Errorf("the answer is %+v", a)
	}
}

// pick taps the options labelled by keys on a multi-select, each once
// the one before shows as chosen, and then "Fertig".
func (p person) pick(keys ...string) {
	p.t.Helper()
	for _, k := range keys {
		label := p.plain(k, nil)
		p.tap(label)
		p.seesButton(p.plain("multi.on", map[string]any{"Label": label}))
	}
	p.tap(p.plain("btn.done", map[string]any{"N": len(keys)}))
}

// seesButton waits until a message of the chat has a button labelled
// label.
func (p person) seesButton(label string) {
	p.t.Helper()
	await(p.t, "a button "+label, func() bool {
		for _, m := range p.fake.Messages(p.user.ID) {
			if m.ButtonData(label) != "" {
				return true
			}
		}
		return false
	})
}

// card waits until p's one card of the event titled title shows every one
// of texts (the card is edited in place).
func card(p person, title string, texts ...string) {
	p.t.Helper()
	await(p.t, p.user.FirstName+"'s card with "+strings.Join(texts, " · "), func() bool {
		for _, m := range p.fake.Messages(p.user.ID) {
			if strings.Contains(m.Text, "📨") && strings.Contains(m.Text, title) && containsAll(m.Text, texts) {
				return true
			}
		}
		return false
	})
}

// checkEventCalendar parses the calendar file with go-ical and checks its
// method, start and end, and that its zone is defined.
func checkEventCalendar(t *testing.T, doc *telegramfake.Document, start, end time.Time) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(doc.Data)).Decode()
	if err != nil {
		t.Fatalf("the calendar file does not parse: %v", err)
	}
	if m := cal.Props.Get(goical.PropMethod); m == nil || m.Value != "PUBLISH" {
		t.Errorf("METHOD %v", m)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events in the calendar file", len(events))
	}
	if got, err := events[0].DateTimeStart(nil); err != nil || !got.Equal(start) {
		t.Errorf("the event starts %v (%v), want %v", got, err, start)
	}
	if got, err := events[0].DateTimeEnd(nil); err != nil || !got.Equal(end) {
		t.Errorf("the event ends %v (%v), want %v", got, err, end)
	}
	if !bytes.Contains(doc.Data, []byte("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin")) {
		t.Errorf("no VTIMEZONE for Europe/Berlin:\n%s", doc.Data)
	}
}

// onlyEvent is the one event in the store.
func onlyEvent(t *testing.T, store *storage.Store) domain.Event {
	t.Helper()
	u, err := store.UserByTelegramID(context.Background(), 9801)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := store.EventsBy(context.Background(), u.ID)
	if err != nil || len(evs) != 1 {
		t.Fatalf("events %v: %v", evs, err)
	}
	return evs[0]
}

// checkCounts compares the event's figures with want.
func checkCounts(t *testing.T, store *storage.Store, id int64, want domain.EventCounts) {
	t.Helper()
	got, err := store.Counts(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Organisations != want.Organisations || got.Members != want.Members || got.Yes != want.Yes ||
		got.Persons != want.Persons || got.Maybe != want.Maybe || got.No != want.No || got.NoAnswer != want.NoAnswer ||
		got.Needs[domain.NeedInterpreting] != want.Needs[domain.NeedInterpreting] || got.Needs[domain.NeedChildcare] != 0 {
		t.Errorf("figures %+v, want %+v", got, want)
	}
}

// answerOf is organisation org's answer to event id.
func answerOf(t *testing.T, store *storage.Store, id, org int64) domain.OrgAnswer {
	t.Helper()
	answers, err := store.AnswersOf(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(answers, func(a domain.OrgAnswer) bool { return a.OrganisationID == org })
	if i < 0 {
		t.Fatalf("no answer of %d in %+v", org, answers)
	}
	return answers[i]
}

// checkAnswerRows compares the CSV's rows after the header with want,
// each by its first cells (the time of the answer is left out).
func checkAnswerRows(t *testing.T, rows [][]string, want [][]string) {
	t.Helper()
	if len(rows) != len(want)+1 {
		t.Fatalf("%d rows, want a header and %d: %q", len(rows), len(want), rows)
	}
	for i, w := range want {
		if got := rows[i+1]; len(got) < len(w) || !slices.Equal(got[:len(w)], w) {
			t.Errorf("row %d: %q, want %q…", i+1, got, w)
		}
	}
}
