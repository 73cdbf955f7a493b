package sandbox_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// TestChromiumReport plays issue 12 in the page on a phone (390 x 844),
// from an accepted offer to billing: the coordinator invites Aylin Demir,
// who joins; the Kommune's request is approved and offered to her alone,
// she accepts; she proposes an appointment an hour from the sandbox
// clock's now with /termine, the Kommune picks it and both get the
// calendar file; she reports today (typed: the sandbox clock cannot be
// moved), 3 h, 4 h, 0, 120 km, no other costs and a note; the Kommune
// confirms the card with one tap and rates 5 stars; the coordinator
// downloads the Excel CSV of this month from the page, which holds that
// line.
func TestChromiumReport(t *testing.T) {
	t.Parallel()
	page := phoneWithAylin(t, "")

	// The request, approved and offered to Aylin alone; she accepts.
	ref := approvedRequest(page)
	page.press("☐ 1. Aylin Demir")
	page.waitNewest("Aylin chosen", "ausgewählt: 1")
	run(page, []pageStep{{"Vorschläge für " + ref, "Weiter mit 1 ausgewählten ▸", ""}, {"Angebot prüfen", labelConfirm, ""}})
	page.waitNewest("the offer sent", "Die Anfrage "+ref+" ist angeboten.")
	page.switchUser(sandbox.AdvisorID)
	page.waitNewest("the card", "Neues Beratungsangebot")
	page.press("✅ Annehmen")
	page.waitJS("the accepted card", hasBot("Sie haben die Anfrage übernommen."))

	// The appointment: proposed with /termine for the next full hour but
	// one, picked by the Kommune; the calendar file reaches both chats.
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	start := testNow().In(berlin).Add(2 * time.Hour).Truncate(time.Hour)
	page.typeText("/termine")
	page.waitNewest("the advisor's appointments", "Ihre Termine")
	page.screenshot("report-termine", true)
	run(page, []pageStep{{"Ihre Termine", "📅 Neuer Termin · " + ref, ""},
		{"Option 1:", "", start.Format("02.01.2006 15:04")},
		{"Wie lange dauert der Termin?", "2 Stunden", ""},
		{"Wo findet der Termin statt?", "Rathaus, Raum 4", ""},
		{"Möchten Sie eine weitere Option vorschlagen?", "Nein, weiter", ""},
		{"Ihr Terminvorschlag", labelConfirm, ""}})
	page.waitNewest("the proposal sent", "Ihr Vorschlag für "+ref+" ist verschickt")
	page.switchUser(sandbox.MunicipalID)
	page.waitNewest("the proposal", "Terminvorschlag für "+ref)
	page.screenshot("report-proposal", true)
	options := page.buttonsOf("Terminvorschlag für " + ref)
	if len(options) == 0 || !strings.HasPrefix(options[0], "1. ") || !strings.Contains(options[0], start.Format("02.01.2006, 15:04")) {
		t.Fatalf("the proposal's buttons are %q, want the option of %s first", options, start)
	}
	page.press(options[0])
	agreed := "Termin vereinbart (" + ref + ")"
	page.waitJS("the agreed appointment", hasBot(agreed))
	page.waitJS("the Kommune's calendar file", hasDocument(".ics"))
	page.screenshot("report-calendar", true)
	page.switchUser(sandbox.AdvisorID)
	page.waitJS("the advisor's agreed appointment", hasBot(agreed))
	page.waitJS("the advisor's calendar file", hasDocument(".ics"))

	// The report, with /bericht: today typed, 3 h, 4 h, 0, 120 km, none,
	// a note; the summary, submitted.
	today := testNow().In(berlin).Format("02.01.2006")
	page.typeText("/termine")
	page.waitNewest("the agreed appointment in the list", "🔁 Verschieben · ")
	page.screenshot("report-agreed", true)
	page.typeText("/bericht")
	page.waitNewest("the reports to write", "Berichte")
	page.screenshot("report-list", true)
	run(page, []pageStep{{"Berichte", "📝 Bericht zu " + ref, ""},
		{"An welchen Tagen haben Sie gearbeitet?", "", today}})
	page.waitNewest("the typed day chosen", done(1))
	page.screenshot("report-days", true)
	run(page, []pageStep{{"An welchen Tagen haben Sie gearbeitet?", done(1), ""},
		{"Stunden Vorbereitung", "3", ""}, {"Stunden vor Ort oder online", "4", ""}, {"Stunden Nachbereitung", "0", ""},
		{"Wie sind Sie gereist?", "🚗 Kilometer (0,30 € je km)", ""}, {"Wie viele Kilometer", "", "120"},
		{"Hatten Sie sonstige Kosten", "Keine", ""},
		{"Zum Schluss ein kurzes Ergebnis", "", "Zwei Workshops mit den Ämtern, Leitbild entworfen."}})
	page.waitNewest("the report's summary", "Ihr Bericht zu "+ref)
	summary := eval[string](page, newestBot)
	for _, want := range []string{today, "3 h", "4 h", "0 h", "120 km", "Leitbild entworfen"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the report's summary %q lacks %q", summary, want)
		}
	}
	page.screenshot("report-summary", true)
	page.press(labelConfirm)
	page.waitNewest("the report sent", "Ihr Bericht zu "+ref+" ist an Hattingen geschickt")

	// The Kommune confirms the card with one tap and rates 5 stars.
	page.switchUser(sandbox.MunicipalID)
	page.waitNewest("the report's card", "Bericht zu "+ref)
	card := eval[string](page, newestBot)
	for _, want := range []string{"Aylin Demir", "= 7 h", "120 km × 0,30 € = 36,00 €"} {
		if !strings.Contains(card, want) {
			t.Errorf("the card %q lacks %q", card, want)
		}
	}
	page.screenshot("report-kommune-card", true)
	page.press("✅ Bestätigen")
	page.waitNewest("the rating question", "Wie zufrieden waren Sie?")
	page.press("★★★★★")
	page.waitNewest("the comment question", "5 von 5 Sternen")
	page.screenshot("report-stars", true)
	page.press("Ohne Kommentar")
	page.waitNewest("the thanks", "Danke für Ihre Bewertung")
	page.screenshot("report-rated", true)
	page.switchUser(sandbox.AdvisorID)
	page.waitJS("the advisor told of the rating", hasBot("Die Kommune hat die Beratung mit ★★★★★ bewertet"))
	page.typeText("/einsaetze")
	page.waitNewest("Meine Einsätze", "Meine Einsätze")
	page.screenshot("report-mine", true)

	// The coordinator's billing of this month, downloaded from the page.
	page.switchUser(sandbox.CoordinatorID)
	page.waitJS("the coordinator told", hasBot("Bericht bestätigt: "+ref))
	page.typeText("/abrechnung")
	month := "November 2026"
	run(page, []pageStep{{"Für welchen Zeitraum", month, ""}, {"Abrechnung " + month, "Excel (Deutsch)", ""}})
	page.waitJS("the billing CSV", hasDocument("abrechnung-2026-11.csv"))
	page.screenshot("report-billing", true)
	csv := page.download("abrechnung-2026-11.csv")
	if !strings.HasPrefix(csv, "\uFEFF") {
		t.Errorf("the CSV lacks the byte order mark")
	}
	lines := strings.Split(strings.TrimRight(csv, "\r\n"), "\n")
	want := "Aylin Demir;" + ref + ";Hattingen;" + today + ";1;;3,00;4,00;0,00;120;36,00;0,00;"
	if len(lines) != 2 || !strings.HasPrefix(lines[1], want) {
		t.Errorf("the CSV is %q, want the header and one line starting %q", lines, want)
	}
}

// hasDocument returns a JavaScript expression: whether the page shows a
// document whose name ends with suffix.
func hasDocument(suffix string) string {
	return `[...document.querySelectorAll('#log a.doc')].some(a => a.getAttribute('download').endsWith(` + jsString(suffix) + `))`
}

// download fetches the newest document named name that the page shows,
// as the page's link does, and returns its text as sent (a byte order
// mark kept); each call fetches anew.
func (b *browser) download(name string) string {
	b.t.Helper()
	link := `[...document.querySelectorAll('#log a.doc')].filter(a => a.getAttribute('download') === ` + jsString(name) + `).pop()`
	b.do("fetch "+name, chromedp.Evaluate[chromedp.Void](`window.downloaded = undefined; fetch(`+link+`.href).then(r => r.arrayBuffer())`+
		`.then(buf => { window.downloaded = new TextDecoder('utf-8', {ignoreBOM: true}).decode(buf); })`))
	b.waitJS("the download of "+name, `typeof window.downloaded === 'string'`)
	return eval[string](b, `window.downloaded`)
}
