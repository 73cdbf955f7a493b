package sandbox_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Texts of flows/events and flows/invitations (de, and Rana's en) that
// the event journey walks through, as the page shows them.
const (
	eventTitle     = "Fest der Kulturen"
	eventAudience  = "Wer eingeladen wird: " + eventTitle
	eventCard      = "Einladung: " + eventTitle
	eventCardEN    = "Invitation: " + eventTitle
	eventWhen      = "Sa, 12.12.2026, 18:00–20:00 Uhr"
	eventPublished = "Eingeladen: " + eventTitle
)

// eventSteps create "Fest der Kulturen" in Dortmund on culture with
// /veranstaltung, typed and tapped as a person does, up to the summary,
// which they confirm: 12.12.2026 18:00 for two hours, on site, German and
// Arabic spoken, no limit, no deadline, the organiser as the contact,
// interpreting and childcare on offer.
func eventSteps(contact string) []pageStep {
	return []pageStep{{"", "", "/veranstaltung"},
		{"Wie heißt die Veranstaltung?", "", eventTitle},
		{"Beschreiben Sie die Veranstaltung", "", "Musik, Essen und Begegnung im Westfalenpark."},
		{"Wann beginnt die Veranstaltung?", "", "12.12.2026 18:00"},
		{"Wann endet die Veranstaltung?", "+2 Std.", ""},
		{"vor Ort oder online", "📍 Vor Ort (Adresse)", ""},
		{"Bitte schreiben Sie die Adresse", "", "Westfalenpark, An der Buschmühle 3, 44139 Dortmund"},
		{"In welcher Stadt findet die Veranstaltung statt", "", "Dortmund"},
		{"In welchem Bundesland liegt Dortmund?", labelNRW, ""},
		{"Um welche Themen geht es?", "Kultur", ""}, {"✓ Kultur", done(1), ""},
		{"Welche Sprachen werden", "Deutsch", ""}, {"✓ Deutsch", "Arabisch", ""}, {"✓ Arabisch", done(2), ""},
		{"Wie viele Personen können teilnehmen?", "Ohne Begrenzung", ""},
		{"Bis wann sollen die Vereine antworten?", "Keine Frist", ""},
		{"Wer ist Ansprechperson für Fragen?", contact, ""},
		{"Was dürfen die Vereine bei der Antwort anfragen?", "Dolmetschen", ""},
		{"✓ Dolmetschen", "Kinderbetreuung", ""}, {"✓ Kinderbetreuung", done(2), ""},
		{"Bitte prüfen Sie Ihre Veranstaltung", labelConfirm, ""}}
}

// TestChromiumEvent plays issue 13 in the page on a phone (390 x 844): the
// coordinator registers and creates "Fest der Kulturen" in Dortmund on
// culture; the audience is the Afrikanischer Kulturverein (2 members) in
// Dortmund only, and with the whole Bundesland the Bochum association
// too; the coordinator invites all three members. Amara taps "✅ Ja", 3
// persons, childcare; Kofi's one card shows her answer (edited in place);
// Rana's card is in English and her calendar file, downloaded from the
// page, parses with the event's UID and start in Europe/Berlin; back as
// the organiser, "Meine Veranstaltungen" shows the figures and the CSV
// downloads with the answer. Screenshots "ev-city", "ev-audience",
// "ev-published", "ev-amara-before", "ev-persons", "ev-needs", "ev-saved",
// "ev-amara-after", "ev-kofi", "ev-rana", "ev-figures" and "ev-csv".
func TestChromiumEvent(t *testing.T) {
	t.Parallel()
	page := phoneAs(t, sandbox.CoordinatorID)
	run(page, coordinatorOnboarding)
	page.waitNewest("the coordinator's menu", labelQueue)

	// The event, and its audience: the whole Bundesland first, then
	// Dortmund only, then the whole Bundesland again.
	run(page, eventSteps(coordinatorName))
	page.waitNewest("the audience", eventAudience)
	audience := eval[string](page, newestBot)
	for _, want := range []string{eventWhen, "2 Vereine mit 3 Mitgliedern", assocAfrican + " (Dortmund, 2 Mitgl.)",
		assocWomen + " (Bochum, 1 Mitgl.)", "📨 Einladen (3)"} {
		if !strings.Contains(audience, want) {
			t.Errorf("the audience %q lacks %q", audience, want)
		}
	}
	page.press("Nur Dortmund")
	page.waitNewest("the audience in Dortmund", "1 Verein mit 2 Mitgliedern")
	if s := eval[string](page, newestBot); strings.Contains(s, assocWomen) || !strings.Contains(s, assocAfrican) {
		t.Errorf("the audience in Dortmund is %q, want the Afrikanischer Kulturverein alone", s)
	}
	page.screenshot("ev-city", true)
	page.press("Ganzes Bundesland (Nordrhein-Westfalen)")
	page.waitNewest("the audience in the Bundesland", "2 Vereine mit 3 Mitgliedern")
	page.screenshot("ev-audience", true)
	page.press("📨 Einladen (3)")
	page.waitNewest("the published event", eventPublished)
	page.screenshot("ev-published", true)

	// Amara's card, and her yes: 3 persons, childcare.
	page.switchUser(sandbox.AfricanAssocID)
	page.waitJS("Amara's card", hasBot(eventCard))
	page.waitJS("Amara's calendar file", hasDocument(".ics"))
	if s := messageWith(page, eventCard); !strings.Contains(s, eventWhen) || !strings.Contains(s, "noch keine") {
		t.Errorf("Amara's card %q lacks the date or the open answer", s)
	}
	page.scrollTo(eventCard)
	page.screenshot("ev-amara-before", true)
	page.press("✅ Ja")
	page.waitNewest("the persons", "Mit wie vielen Personen kommen Sie?")
	page.screenshot("ev-persons", true)
	run(page, []pageStep{{"Mit wie vielen Personen kommen Sie?", "3", ""},
		{"Was brauchen Sie?", "Kinderbetreuung", ""}})
	page.waitNewest("childcare chosen", done(1))
	page.screenshot("ev-needs", true)
	page.press(done(1))
	page.waitNewest("the saved answer", "Gespeichert. Ihre Antwort: ✅ Ja")
	if s := eval[string](page, newestBot); !strings.HasPrefix(s, "Gespeichert.") {
		t.Errorf("the saved answer %q does not start with the word (one ✅, that of the Ja, is enough)", s)
	}
	page.screenshot("ev-saved", true)
	page.waitJS("Amara's card answered", hasBotAll(eventCard, "✅ Ja", "3 Personen", "Amara"))
	page.scrollTo(eventCard)
	page.screenshot("ev-amara-after", true)

	// Kofi sees her answer on his one card.
	page.switchUser(sandbox.AfricanAssoc2ID)
	page.waitJS("Kofi's card answered", hasBotAll(eventCard, "✅ Ja", "3 Personen", "Amara"))
	if n := eval[int](page, countBot(eventCard)); n != 1 {
		t.Errorf("Kofi's chat shows %d cards, want the one edited in place", n)
	}
	page.scrollTo(eventCard)
	page.screenshot("ev-kofi", true)

	// Rana's card in English, and her calendar file from the page.
	page.switchUser(sandbox.WomenAssocID)
	page.waitJS("Rana's card in English", hasBot(eventCardEN))
	page.waitJS("Rana's calendar file", hasDocument(".ics"))
	if s := messageWith(page, eventCardEN); !strings.Contains(s, "Organised by") || !strings.Contains(s, "Languages spoken: German, Arabic") || strings.Contains(s, "Veranstaltet") {
		t.Errorf("Rana's card %q is not in English", s)
	}
	page.scrollTo(eventCardEN)
	page.screenshot("ev-rana", true)
	ics := page.download(page.newestDocument(".ics"))
	checkPageCalendar(t, ics)

	// The organiser's figures and the CSV.
	page.switchUser(sandbox.CoordinatorID)
	page.waitJS("the organiser told of the answer", hasBot(assocAfrican+" hat auf Ihre Einladung"))
	page.typeText("/veranstaltungen")
	run(page, []pageStep{{"Meine Veranstaltungen", "12.12.2026 · " + eventTitle, ""}})
	page.waitNewest("the figures", "✅ Ja: 1 (3 Personen)")
	figures := eval[string](page, newestBot)
	for _, want := range []string{"2 Vereine mit 3 Mitgliedern", "🤔 Vielleicht: 0", "❌ Nein: 0", "⏳ Ohne Antwort: 1", "Anfragen: 1 × Kinderbetreuung"} {
		if !strings.Contains(figures, want) {
			t.Errorf("the figures %q lack %q", figures, want)
		}
	}
	page.screenshot("ev-figures", true)
	page.press("Excel (Deutsch)")
	page.waitJS("the CSV", hasDocument(".csv"))
	csv := page.download(page.newestDocument(".csv"))
	if !strings.HasPrefix(csv, "\uFEFF") {
		t.Errorf("the CSV lacks the byte order mark")
	}
	if !strings.Contains(csv, "\n"+assocAfrican+";Ja;3;Kinderbetreuung;") || !strings.Contains(csv, "\n"+assocWomen+";") {
		t.Errorf("the CSV is %q, want the yes of %s with 3 persons and childcare, and %s", csv, assocAfrican, assocWomen)
	}
	page.screenshot("ev-csv", true)
}

// checkPageCalendar parses the calendar file with go-ical: one event with
// the UID of an event, starting 12.12.2026 18:00 in Europe/Berlin, whose
// zone is defined.
func checkPageCalendar(t *testing.T, ics string) {
	t.Helper()
	if !strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\n") || !strings.Contains(ics, "DTSTART;TZID=Europe/Berlin:20261212T180000\r\n") ||
		!strings.Contains(ics, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin") {
		t.Errorf("the calendar file is\n%s", ics)
	}
	cal, err := goical.NewDecoder(strings.NewReader(ics)).Decode()
	if err != nil {
		t.Fatalf("the calendar file does not parse: %v", err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events in the calendar file", len(events))
	}
	uid := events[0].Props.Get(goical.PropUID)
	id, ok := strings.CutPrefix(strings.TrimSuffix(uid.Value, "@miglobe"), "ev-")
	if n, err := strconv.ParseInt(id, 10, 64); !ok || err != nil || uid.Value != domain.EventUID(n) {
		t.Errorf("UID %q", uid.Value)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 12, 12, 18, 0, 0, 0, berlin)
	if got, err := events[0].DateTimeStart(nil); err != nil || !got.Equal(want) {
		t.Errorf("the event starts %v (%v), want %v", got, err, want)
	}
}

// messageWith is the text of the newest bot message that contains text.
func messageWith(b *browser, text string) string {
	b.t.Helper()
	return eval[string](b, `(([...document.querySelectorAll('#log .msg.bot')].filter(m => m.textContent.includes(`+
		jsString(text)+`)).pop() || {}).textContent || '')`)
}

// hasBotAll returns a JavaScript expression: whether some bot message
// contains every one of texts.
func hasBotAll(texts ...string) string {
	conds := make([]string, len(texts))
	for i, s := range texts {
		conds[i] = `m.textContent.includes(` + jsString(s) + `)`
	}
	return `[...document.querySelectorAll('#log .msg.bot')].some(m => ` + strings.Join(conds, " && ") + `)`
}

// countBot returns a JavaScript expression: how many bot messages contain
// text.
func countBot(text string) string {
	return `[...document.querySelectorAll('#log .msg.bot')].filter(m => m.textContent.includes(` + jsString(text) + `)).length`
}

// scrollTo scrolls the newest bot message that contains text to the top
// of the chat, as a person scrolls up to read it.
func (b *browser) scrollTo(text string) {
	b.t.Helper()
	b.waitJS("a message with "+text, hasBot(text))
	eval[bool](b, `(() => { [...document.querySelectorAll('#log .msg.bot')].filter(m => m.textContent.includes(`+
		jsString(text)+`)).pop().scrollIntoView({block: 'start'}); return true; })()`)
}

// newestDocument is the name of the newest document the page shows whose
// name ends with suffix.
func (b *browser) newestDocument(suffix string) string {
	b.t.Helper()
	return eval[string](b, `[...document.querySelectorAll('#log a.doc')].map(a => a.getAttribute('download'))`+
		`.filter(n => n.endsWith(`+jsString(suffix)+`)).pop()`)
}
