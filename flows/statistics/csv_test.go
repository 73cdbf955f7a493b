package statistics_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// figures splits the rows of a statistics CSV after its header into those
// with a value other than "0" (section, figure and value) and the figures
// whose cell is empty; it fails unless the header is want.
func figures(t *testing.T, rows [][]string, header ...string) (values [][]string, empty []string) {
	t.Helper()
	if len(rows) == 0 || !reflect.DeepEqual(rows[0], header) {
		t.Fatalf("header %q, want %q", rows[:min(1, len(rows))], header)
	}
	for _, r := range rows[1:] {
		switch {
		case len(r) != 3:
			t.Fatalf("row %q", r)
		case r[2] == "":
			empty = append(empty, r[1])
		case r[2] != "0":
			values = append(values, r)
		}
	}
	return values, empty
}

// The Excel file of Q4 2026: byte order mark, ";", decimal comma, German
// labels; every figure is a row (zeros too: 77 of them), those of the
// quarter's records exactly, nothing else but zeros and the median there
// is nothing to take from; then the RFC 4180 file, with a decimal
// point. The screen stays, the file comes below it.
func TestCSVInBothFormats(t *testing.T) {
	h := quarterOfRecords(t)
	h.Send(coord, "/statistik")
	h.Press(coord, "« Q4 2026")
	screen := h.Last(coord)
	h.Press(coord, "Excel (Deutsch)")
	docs := h.Documents(coord)
	if len(docs) != 1 || docs[0].Name != "statistik-2026-Q4.csv" || docs[0].Caption != "Statistik Q4 2026 · 77 Kennzahlen" ||
		docs[0].Type != "text/csv; charset=utf-8" {
		t.Fatalf("documents %+v", docs)
	}
	if h.Last(coord).Document == nil || h.Message(coord, screen.ID).Text != q4 {
		t.Fatalf("the file is not below the unchanged screen")
	}
	rows := flowstest.ExcelRows(t, docs[0])
	if len(rows) != 78 {
		t.Fatalf("%d rows, want the header and 77 figures", len(rows))
	}
	values, empty := figures(t, rows, "Bereich", "Kennzahl", "Wert")
	want := [][]string{
		{"Anfragen", "Eingegangen", "2"},
		{"Anfragen", "Status: Eingegangen", "1"},
		{"Anfragen", "Status: Berater*in zugeordnet", "1"},
		{"Anfragen", "Thema: Interkulturelle Öffnung der Verwaltung", "2"},
		{"Anfragen", "Bundesland: Nordrhein-Westfalen", "2"},
		{"Anfragen", "Median Tage bis Bewilligung", "1,0"},
		{"Anfragen", "Anfragen mit Bewilligung", "1"},
		{"Anfragen", "Median Tage bis Zuordnung", "3,0"},
		{"Anfragen", "Anfragen mit Zuordnung", "1"},
		{"Angebote", "Verschickt", "2"},
		{"Angebote", "angenommen", "1"},
		{"Angebote", "abgelehnt", "1"},
		{"Angebote", "Ablehnungsgrund: keine Zeit", "1"},
		{"Berater*innen", "Berater*innen", "2"},
		{"Berater*innen", "mit 0 Einsätzen", "1"},
		{"Berater*innen", "mit 1 Einsatz", "1"},
		{"Berater*innen", "Einsätze höchstens", "1"},
		{"Berater*innen", "Einsätze Median", "0,5"},
		{"Veranstaltungen", "Veröffentlicht", "1"},
		{"Veranstaltungen", "Vereine eingeladen", "2"},
		{"Veranstaltungen", "Vereine geantwortet", "1"},
		{"Veranstaltungen", "Antwortquote (%)", "50,0"},
		{"Veranstaltungen", "Antwort: Ja", "1"},
		{"Veranstaltungen", "Personen (Ja)", "3"},
		{"Veranstaltungen", "Vereine gekommen", "1"},
		{"Bewertungen", "Anzahl", "1"},
		{"Bewertungen", "Sterne im Mittel", "4,00"},
		{"Bewertungen", "4 Sterne", "1"},
	}
	if !reflect.DeepEqual(values, want) {
		t.Errorf("Excel figures\n%q\nwant\n%q", values, want)
	}
	wantEmpty := []string{"Median Tage bis Durchführung"}
	if !reflect.DeepEqual(empty, wantEmpty) {
		t.Errorf("empty figures %q, want %q", empty, wantEmpty)
	}
	for _, name := range []string{"Aylin", "Bora", "Erika", "Jana", "Kofi", "Afrika-Forum", "Hattingen", "Fest der Vereine"} {
		if strings.Contains(string(docs[0].Content), name) {
			t.Errorf("the file names %q", name)
		}
	}

	h.Press(coord, "CSV (RFC 4180)")
	docs = h.Documents(coord)
	if len(docs) != 2 || docs[1].Name != "statistik-2026-Q4.csv" {
		t.Fatalf("documents %+v", docs)
	}
	rows = flowstest.PlainRows(t, docs[1])
	values, _ = figures(t, rows, "Bereich", "Kennzahl", "Wert")
	for _, w := range want {
		w[2] = strings.Replace(w[2], ",", ".", 1)
	}
	if len(rows) != 78 || !reflect.DeepEqual(values, want) {
		t.Errorf("RFC 4180: %d rows, figures\n%q\nwant\n%q", len(rows), values, want)
	}
}

// In English the file's labels are English; the Excel file keeps its
// German number format.
func TestCSVInEnglish(t *testing.T) {
	h := quarterOfRecords(t)
	h.Send(coordEN, "/stats")
	h.Press(coordEN, "« Q4 2026")
	h.Press(coordEN, "Excel (German)")
	docs := h.Documents(coordEN)
	if len(docs) != 1 || docs[0].Caption != "Statistics Q4 2026 · 77 figures" {
		t.Fatalf("documents %+v", docs)
	}
	values, empty := figures(t, flowstest.ExcelRows(t, docs[0]), "Section", "Figure", "Value")
	if len(values) != 28 || !reflect.DeepEqual(values[5], []string{"Requests", "Median days to approval", "1,0"}) ||
		!reflect.DeepEqual(values[15], []string{"Advisors", "with 1 assignment", "1"}) ||
		!reflect.DeepEqual(values[27], []string{"Ratings", "4 stars", "1"}) ||
		!reflect.DeepEqual(empty, []string{"Median days to completion"}) {
		t.Errorf("English figures %q, empty %q", values, empty)
	}
}
