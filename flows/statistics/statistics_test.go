package statistics_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// q4 is the German screen of Q4 2026 with the records of quarterOfRecords.
const q4 = `<b>📈 Statistik Q4 2026</b>
<i>01.10.2026 – 31.12.2026 (Europe/Berlin)</i>

<b>📥 Anfragen: 2</b>
Status: Eingegangen 1 · Berater*in zugeordnet 1
Themen: Interkulturelle Öffnung der Verwaltung 2
Bundesländer: Nordrhein-Westfalen 2
Median bis Bewilligung: 1,0 Tage (n=1)
bis Zuordnung: 3,0 Tage (n=1) · bis Durchführung: –

<b>📨 Angebote verschickt: 2</b>
angenommen 1 · abgelehnt 1 · abgelaufen 0 · vergeben 0 · zurückgezogen 0 · offen 0
Ablehnungsgründe: keine Zeit 1

<b>👥 Berater*innen: 2</b>
mit 0 Einsätzen: 1 · 1: 1 · 2: 0 · 3 und mehr: 0
höchstens 1 · Median 0,5

<b>🎉 Veranstaltungen veröffentlicht: 1</b> (abgesagt: 0)
Vereine eingeladen: 2 · geantwortet: 1 (50,0 %)
Ja 1 (3 Pers.) · Vielleicht 0 · Nein 0
Teilnahme: gekommen 1 · nicht gekommen 0

<b>⭐ Bewertungen: 1</b> · Mittel 4,0
5★ 0 · 4★ 1 · 3★ 0 · 2★ 0 · 1★ 0`

// csvRow and menuRow are the screen's last two rows in German.
var (
	csvRow  = []string{"Excel (Deutsch)", "CSV (RFC 4180)"}
	menuRow = []string{"« Menü"}
)

// expectRows fails unless p's newest message has exactly rows.
func expectRows(t *testing.T, got [][]string, rows ...[]string) {
	t.Helper()
	if !reflect.DeepEqual(got, rows) {
		t.Fatalf("buttons %q, want %q", got, rows)
	}
}

// A coordinator opens the current quarter (Q1 2027, nothing yet but the
// two advisors), goes back to Q4 2026 in the same message and sees every
// figure of it; there is no quarter before the first record, nor after the
// current one; the menu entry opens the current quarter too.
func TestQuarterScreenAndNavigation(t *testing.T) {
	h := quarterOfRecords(t)
	h.Send(coord, "/statistik")
	q1 := h.Expect(coord, "<b>📈 Statistik Q1 2027</b>", "01.01.2027 – 31.03.2027", "<b>📥 Anfragen: 0</b>\nStatus: –",
		"<b>👥 Berater*innen: 2</b>\nmit 0 Einsätzen: 2 · 1: 0 · 2: 0 · 3 und mehr: 0\nhöchstens 0 · Median 0,0")
	expectRows(t, q1.Labels(), []string{"« Q4 2026"}, csvRow, menuRow)

	h.Press(coord, "« Q4 2026")
	if m := h.Last(coord); m.ID != q1.ID || m.Text != q4 {
		t.Fatalf("Q4 (message %d, want %d):\n%s\nwant\n%s", m.ID, q1.ID, m.Text, q4)
	}
	expectRows(t, h.Last(coord).Labels(), []string{"Q1 2027 »"}, csvRow, menuRow)
	h.Press(coord, "Q1 2027 »")
	h.Expect(coord, "<b>📈 Statistik Q1 2027</b>")

	h.Send(coord, "/menu")
	h.Press(coord, "📈 Statistik")
	h.Expect(coord, "<b>📈 Statistik Q1 2027</b>")
	if docs := h.Documents(coord); len(docs) != 0 {
		t.Fatalf("%d documents without a press on CSV", len(docs))
	}
}

// A press on a quarter that is not offered (before the first record, after
// the current one, or no quarter at all), for the screen or either file,
// is stale: it changes nothing and sends nothing.
func TestForgedQuartersChangeNothing(t *testing.T) {
	h := quarterOfRecords(t)
	h.Send(coord, "/statistik")
	id, data := h.Find(coord, "« Q4 2026")
	for _, code := range []string{"2026-Q3", "2027-Q2", "2026-Q5", "2026-Q04", "Q4", "2026-Q4x"} {
		for _, screen := range []string{"stats", "statsx", "statsc"} {
			forged := strings.Replace(strings.Replace(data, "2026-Q4", code, 1), ":stats.", ":"+screen+".", 1)
			h.PressStale(coord, id, forged)
		}
	}
	if docs := h.Documents(coord); len(docs) != 0 {
		t.Fatalf("%d documents after forged presses", len(docs))
	}
}

// In English the command is /stats and the figures read in English with a
// decimal point.
func TestEnglish(t *testing.T) {
	h := quarterOfRecords(t)
	h.Send(coordEN, "/stats")
	h.Expect(coordEN, "<b>📈 Statistics Q1 2027</b>")
	expectRows(t, h.Last(coordEN).Labels(), []string{"« Q4 2026"}, []string{"Excel (German)", "CSV (RFC 4180)"}, []string{"« Menu"})
	h.Press(coordEN, "« Q4 2026")
	h.Expect(coordEN, "<b>📈 Statistics Q4 2026</b>\n<i>1 Oct 2026 – 31 Dec 2026 (Europe/Berlin)</i>", "<b>📥 Requests: 2</b>\n"+
		"Status: Received 1 · Advisor assigned 1\nTopics: Intercultural opening of the administration 2\n"+
		"States: North Rhine-Westphalia 2\nMedian to approval: 1.0 days (n=1)\n"+
		"to assignment: 3.0 days (n=1) · to completion: –",
		"<b>📨 Offers sent: 2</b>\naccepted 1 · declined 1 · expired 0 · taken by others 0 · withdrawn 0 · open 0\n"+
			"Decline reasons: no time 1", "<b>👥 Advisors: 2</b>\nwith 0 assignments: 1 · 1: 1 · 2: 0 · 3 or more: 0\n"+
			"at most 1 · median 0.5", "Associations invited: 2 · answered: 1 (50.0 %)", "<b>⭐ Ratings: 1</b> · mean 4.0")
}

// Someone who is no coordinator is refused the command politely and has
// no menu entry; a press copied from a coordinator's chat changes nothing
// and sends nothing.
func TestNonCoordinatorRefused(t *testing.T) {
	h := quarterOfRecords(t)
	h.Send(coord, "/statistik")
	for _, p := range []flowstest.Person{muni, aylin} {
		h.SendRefused(p, "/statistik", h.Tr("de", "stats.refused", nil))
		h.Send(p, "/menu")
		if slices.Contains(h.Buttons(p), h.Plain("de", "btn.stats", nil)) {
			t.Fatalf("%d has the statistics in the menu", p.ID)
		}
		for _, label := range []string{"« Q4 2026", "Excel (Deutsch)", "CSV (RFC 4180)"} {
			_, data := h.Find(coord, label)
			_, rest, _ := strings.Cut(data, ":")
			if toast := h.PressUnchanged(p, h.Last(p).ID, h.Nonce(p)+":"+rest); toast != h.Plain("de", engine.KeyForbidden, nil) {
				t.Fatalf("forged %q by %d: toast %q", label, p.ID, toast)
			}
		}
		if docs := h.Documents(p); len(docs) != 0 {
			t.Fatalf("%d got %d documents", p.ID, len(docs))
		}
	}
}
