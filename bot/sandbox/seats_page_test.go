package sandbox_test

import (
	"slices"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// Texts of flows/events and flows/invitations (de, and Rana's en) that
// the seats journey walks through, as the page shows them.
const (
	seatsTitle    = "Tag der Vereine"
	seatsCard     = "Einladung: " + seatsTitle
	seatsCardEN   = "Invitation: " + seatsTitle
	seatsEntry    = "12.12.2026 · " + seatsTitle
	seatsOldWhen  = "Sa, 12.12.2026, 18:00–20:00 Uhr"
	seatsNewWhen  = "So, 13.12.2026, 17:00–20:00 Uhr"
	seatsChangeEN = "Sat 12 Dec 2026, 18:00–20:00 → Sun 13 Dec 2026, 17:00–20:00"
	seatsHeld3    = "🪑 Ihr Verein hat 3 Plätze."
	seatsHeld2    = "🪑 Ihr Verein hat 2 Plätze."
	seatsWaiting  = "⏳ 2 Personen stehen auf der Warteliste."
	seatsPromoted = "sind 2 Plätze frei geworden"
	seatsConfirm  = "✅ Plätze bestätigen"
	seatsChanged  = "Geändert: " + seatsTitle
	seatsCancel   = seatsTitle + " am " + seatsNewWhen + " wurde abgesagt"
	seatsCancelEN = seatsTitle + " on Sun 13 Dec 2026, 17:00–20:00 has been cancelled"
)

// seatsSteps create "Tag der Vereine" in Dortmund on culture and
// education (so that all three demo associations fit the whole
// Bundesland) with /veranstaltung: 12.12.2026 18:00 for two hours, on
// site, no languages, 3 seats, no deadline, the organiser as the contact,
// nothing to ask for.
var seatsSteps = []pageStep{{"", "", "/veranstaltung"},
	{"Wie heißt die Veranstaltung?", "", seatsTitle},
	{"Beschreiben Sie die Veranstaltung", "", "Vereine stellen sich vor, mit Musik und Essen."},
	{"Wann beginnt die Veranstaltung?", "", "12.12.2026 18:00"},
	{"Wann endet die Veranstaltung?", "+2 Std.", ""},
	{"vor Ort oder online", "📍 Vor Ort (Adresse)", ""},
	{"Bitte schreiben Sie die Adresse", "", "Dietrich-Keuning-Haus, Leopoldstraße 50, 44147 Dortmund"},
	{"In welcher Stadt findet die Veranstaltung statt", "", "Dortmund"},
	{"In welchem Bundesland liegt Dortmund?", labelNRW, ""},
	{"Um welche Themen geht es?", "Kultur", ""}, {"✓ Kultur", "Bildung", ""}, {"✓ Bildung", done(2), ""},
	{"Welche Sprachen werden", done(0), ""},
	{"Wie viele Personen können teilnehmen?", "", "3"},
	{"Bis wann sollen die Vereine antworten?", "Keine Frist", ""},
	{"Wer ist Ansprechperson für Fragen?", coordinatorName, ""},
	{"Was dürfen die Vereine bei der Antwort anfragen?", done(0), ""},
	{"Bitte prüfen Sie Ihre Veranstaltung", labelConfirm, ""}}

// TestChromiumSeats plays issue 14 in the page on a phone (390 x 844):
// the coordinator creates "Tag der Vereine" with 3 seats in Dortmund for
// the whole Bundesland and invites the three demo associations (4
// members). Amara says yes with 3 persons (her card: 3 seats held), Elif
// yes with 2 (her card: on the waitlist), Rana maybe; Amara changes to
// no, and Elif is offered the 2 seats and confirms them. The coordinator
// moves the event a day on (13.12.2026 17:00): Elif and Rana are told
// old → new with a calendar file of SEQUENCE 1, Amara (no) is not. The
// coordinator cancels: all four members are told, with a cancelling
// calendar file. Screenshots "seats-audience", "seats-amara-held",
// "seats-elif-waiting", "seats-rana-maybe", "seats-elif-promoted",
// "seats-elif-confirmed", "seats-change-menu", "seats-change-confirm",
// "seats-elif-changed", "seats-rana-changed", "seats-cancel-ask",
// "seats-cancelled", "seats-kofi-cancelled" and "seats-rana-cancelled".
func TestChromiumSeats(t *testing.T) {
	t.Parallel()
	page := phoneAs(t, sandbox.CoordinatorID)
	run(page, coordinatorOnboarding)
	page.waitNewest("the coordinator's menu", labelQueue)
	run(page, seatsSteps)
	page.waitNewest("the audience", "3 Vereine mit 4 Mitgliedern")
	page.screenshot("seats-audience", true)
	page.press("📨 Einladen (4)")
	page.waitNewest("the published event", "Eingeladen: "+seatsTitle)

	// Amara: yes with 3 persons takes every seat.
	page.switchUser(sandbox.AfricanAssocID)
	page.waitJS("Amara's card", hasBotAll(seatsCard, "Begrenzt auf 3 Personen"))
	page.press("✅ Ja")
	run(page, []pageStep{{"Mit wie vielen Personen kommen Sie?", "3", ""}})
	page.waitNewest("Amara's saved answer", "Gespeichert. Ihre Antwort: ✅ Ja")
	page.waitJS("Amara's card with the seats", hasBotAll(seatsCard, "3 Personen", seatsHeld3))
	if s := messageWith(page, seatsCard); !strings.Contains(s, "Begrenzt auf 3 Personen.") || strings.Contains(s, "Sind alle Plätze vergeben") {
		t.Errorf("Amara's card %q does not state the capacity, or explains the waitlist to her who holds every seat", s)
	}
	page.scrollTo(seatsCard)
	page.screenshot("seats-amara-held", true)

	// Elif: yes with 2 persons waits.
	page.switchUser(sandbox.ParentsAssocID)
	page.waitJS("Elif's card", hasBot(seatsCard))
	page.press("✅ Ja")
	run(page, []pageStep{{"Mit wie vielen Personen kommen Sie?", "2", ""}})
	page.waitNewest("Elif's saved answer", "Gespeichert. Ihre Antwort: ✅ Ja")
	if s := eval[string](page, newestBot); !strings.Contains(s, seatsWaiting+" Rücken Sie nach, erhalten Sie eine Nachricht.") ||
		strings.Index(s, seatsWaiting) > strings.Index(s, "Die Karten aller Mitglieder") {
		t.Errorf("Elif's saved answer %q does not say, under the answer, that she waits and hears when she moves up", s)
	}
	page.waitJS("Elif's card on the waitlist", hasBotAll(seatsCard, "2 Personen", seatsWaiting))
	if s := messageWith(page, seatsCard); strings.Contains(s, "Ihr Verein hat") || strings.Contains(s, "Sind alle Plätze vergeben") {
		t.Errorf("Elif's card %q shows seats held, or offers the waitlist, while she waits", s)
	}
	page.screenshot("seats-elif-waiting", true)

	// Rana: maybe, in English; it holds no seat.
	page.switchUser(sandbox.WomenAssocID)
	page.waitJS("Rana's card", hasBot(seatsCardEN))
	page.press("🤔 Maybe")
	page.waitJS("Rana's card answered", hasBot(": 🤔 Maybe — Rana"))
	page.scrollTo(seatsCardEN)
	page.screenshot("seats-rana-maybe", true)

	// Amara changes to no: Elif is offered the seats and confirms them.
	page.switchUser(sandbox.AfricanAssocID)
	page.waitJS("Amara's card", hasBot(seatsCard))
	page.press("❌ Nein")
	page.waitJS("Amara's card says no", hasBot(assocAfrican+": ❌ Nein — Amara"))
	if s := messageWith(page, seatsCard); strings.Contains(s, "Ihr Verein hat") {
		t.Errorf("Amara's card %q still shows seats after her no", s)
	}
	page.switchUser(sandbox.ParentsAssocID)
	page.waitJS("Elif's promotion", hasBot(seatsPromoted))
	if got := page.buttonsOf(seatsPromoted); !slices.Contains(got, seatsConfirm) {
		t.Errorf("the promotion has buttons %q, want %q", got, seatsConfirm)
	}
	page.screenshot("seats-elif-promoted", true)
	page.press(seatsConfirm)
	page.waitJS("Elif's card with the seats", hasBotAll(seatsCard, seatsHeld2))
	if s := messageWith(page, seatsCard); strings.Contains(s, "Warteliste") || strings.Contains(s, seatsConfirm) {
		t.Errorf("Elif's confirmed card %q still shows the waitlist or the offer", s)
	}
	page.waitJS("the promotion confirmed", hasBot("✅ Bestätigt: Deutsch-Türkischer Elternverein Dortmund hat 2 Plätze für "+seatsTitle+"."))
	if eval[bool](page, hasBot("Bitte bestätigen Sie bis")) {
		t.Errorf("a message still asks Elif to confirm the seats she confirmed")
	}
	page.scrollTo(seatsCard)
	page.screenshot("seats-elif-confirmed", true)

	// The coordinator moves the event to 13.12.2026 17:00 for three hours.
	page.switchUser(sandbox.CoordinatorID)
	page.typeText("/veranstaltungen")
	run(page, []pageStep{{"Meine Veranstaltungen", seatsEntry, ""}})
	page.waitNewest("the event", "🪑 Plätze vergeben: 2 von 3")
	page.press("✏️ Ändern")
	page.waitNewest("the change menu", "ändern")
	page.screenshot("seats-change-menu", true)
	run(page, []pageStep{{"Was möchten Sie ändern?", "🗓 Zeit", ""},
		{"Wann beginnt die Veranstaltung?", "", "13.12.2026 17:00"}})
	page.waitNewest("the end", "Wann endet die Veranstaltung?")
	if s := eval[string](page, newestBot); !strings.Contains(s, "Nächster Schritt: Änderung prüfen.") {
		t.Errorf("the end's question %q does not name the check of the change as the next step", s)
	}
	page.press("+3 Std.")
	page.waitNewest("the change to confirm", seatsOldWhen)
	if s := eval[string](page, newestBot); !strings.Contains(s, seatsNewWhen) {
		t.Errorf("the change %q lacks the new time", s)
	}
	page.screenshot("seats-change-confirm", true)
	page.press("✅ Ändern und 2 Mitglieder benachrichtigen")
	page.waitNewest("the change saved", "2 Mitglieder werden benachrichtigt")

	// Elif (yes) and Rana (maybe) are told old → new with a new calendar
	// file; Amara (no) is not.
	page.switchUser(sandbox.ParentsAssocID)
	page.waitJS("Elif's change notice", hasBotAll(seatsChanged, seatsOldWhen, seatsNewWhen))
	page.waitJS("Elif's new calendar file", countDocuments(".ics")+` === 2`)
	page.screenshot("seats-elif-changed", true)
	checkSeatsCalendar(t, page.download(page.newestDocument(".ics")), "PUBLISH", "1", "")
	page.switchUser(sandbox.WomenAssocID)
	page.waitJS("Rana's change notice", hasBotAll("Changed: "+seatsTitle, seatsChangeEN))
	page.waitJS("Rana's new calendar file", countDocuments(".ics")+` === 2`)
	page.waitJS("Rana's card at the new time", hasBotAll(seatsCardEN, "Sun 13 Dec 2026, 17:00–20:00"))
	page.screenshot("seats-rana-changed", true)
	checkSeatsCalendar(t, page.download(page.newestDocument(".ics")), "PUBLISH", "1", "")
	page.switchUser(sandbox.AfricanAssocID)
	page.waitJS("Amara's card", hasBot(seatsCard))
	if page.botCount() == 0 || eval[bool](page, hasBot(seatsChanged)) {
		t.Errorf("Amara, who said no, was told of the change")
	}

	// The coordinator cancels: everyone invited is told.
	page.switchUser(sandbox.CoordinatorID)
	page.typeText("/veranstaltungen")
	run(page, []pageStep{{"Meine Veranstaltungen", "13.12.2026 · " + seatsTitle, ""}})
	page.waitNewest("the event", seatsNewWhen)
	page.press("🚫 Absagen")
	page.waitNewest("the cancellation to confirm", "absagen?")
	page.screenshot("seats-cancel-ask", true)
	page.press("🚫 Absagen und 4 Mitglieder benachrichtigen")
	page.waitJS("the cancellation done", hasBot("Die Veranstaltung ist abgesagt. 4 Mitglieder werden benachrichtigt."))
	page.screenshot("seats-cancelled", true)
	for _, m := range []struct {
		user       int64
		text, shot string
		files      int
	}{{sandbox.AfricanAssocID, seatsCancel, "", 2}, {sandbox.AfricanAssoc2ID, seatsCancel, "seats-kofi-cancelled", 2},
		{sandbox.ParentsAssocID, seatsCancel, "", 3}, {sandbox.WomenAssocID, seatsCancelEN, "seats-rana-cancelled", 3}} {
		page.switchUser(m.user)
		page.waitJS("the cancellation of user "+itoa(int(m.user)), hasBot(m.text))
		page.waitJS("the cancelling calendar file of user "+itoa(int(m.user)), countDocuments(".ics")+` === `+itoa(m.files))
		closed, card := "Antworten ist nicht mehr möglich", seatsCard
		if m.user == sandbox.WomenAssocID {
			closed, card = "Answering is no longer possible", seatsCardEN
		}
		page.waitJS("the closed card of user "+itoa(int(m.user)), hasBotAll(card, closed))
		if got := page.buttonsOf(card); len(got) != 0 {
			t.Errorf("the cancelled card of user %d has buttons %q", m.user, got)
		}
		if s := messageWith(page, m.text); !strings.Contains(s, "aus Ihrem Kalender zu entfernen") && !strings.Contains(s, "remove the event from your calendar") {
			t.Errorf("the cancellation %q does not say what the calendar file is for", s)
		}
		if m.shot != "" {
			page.screenshot(m.shot, true)
		}
		checkSeatsCalendar(t, page.download(page.newestDocument(".ics")), "CANCEL", "", "CANCELLED")
	}
}

// checkSeatsCalendar parses a calendar file with go-ical and checks its
// METHOD, and its one event's SEQUENCE and STATUS where given.
func checkSeatsCalendar(t *testing.T, ics, method, sequence, status string) {
	t.Helper()
	cal, err := goical.NewDecoder(strings.NewReader(ics)).Decode()
	if err != nil {
		t.Fatalf("the calendar file does not parse: %v\n%s", err, ics)
	}
	if p := cal.Props.Get(goical.PropMethod); p == nil || p.Value != method {
		t.Errorf("METHOD %v, want %s", p, method)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events in the calendar file", len(events))
	}
	for name, want := range map[string]string{goical.PropSequence: sequence, goical.PropStatus: status} {
		if p := events[0].Props.Get(name); want != "" && (p == nil || p.Value != want) {
			t.Errorf("%s %v, want %s", name, p, want)
		}
	}
}

// countDocuments returns a JavaScript expression: how many documents
// whose name ends with suffix the page shows.
func countDocuments(suffix string) string {
	return `[...document.querySelectorAll('#log a.doc')].filter(a => a.getAttribute('download').endsWith(` + jsString(suffix) + `)).length`
}
