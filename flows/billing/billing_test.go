package billing_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// A coordinator chooses November and gets the Excel file: exactly the
// confirmed version (not the one still waiting), hours with a decimal
// comma, German dates and column labels; then the RFC 4180 file of the
// same month, which encoding/csv reads with its defaults.
func TestMonthInBothFormats(t *testing.T) {
	e := tandem(t)
	e.confirmed(0)
	e.submit(1) // waits for the municipality: not billed

	e.Send(coord, "/abrechnung")
	e.expectPeriods(coord, "de", "November 2026", "Oktober 2026", "September 2026", "Q4 2026", "Q3 2026")
	e.Press(coord, "November 2026")
	e.Expect(coord, "Abrechnung November 2026", "01.11.2026 bis 30.11.2026: eine bestätigte Berichtsversion")
	e.Press(coord, "Excel (Deutsch)")
	doc, n := e.newestDocument(coord)
	if n != 1 || doc.Name != "abrechnung-2026-11.csv" || doc.Caption != "Abrechnung November 2026 · 1 Zeile" {
		t.Fatalf("%d documents, newest %q with caption %q", n, doc.Name, doc.Caption)
	}
	rows := flowstest.ExcelRows(t, doc)
	wantRows := [][]string{e.header("de"), {"Aylin Demir", e.req.Ref, "Hattingen", "24.11.2026", "1", "", "3,00", "4,00",
		"0,50", "120", "36,00", "12,50", "24.11.2026 18:00", "Erika Mustermann"}}
	if !reflect.DeepEqual(rows, wantRows) {
		t.Fatalf("Excel rows\n%q\nwant\n%q", rows, wantRows)
	}
	if last := e.Last(coord); last.Document == nil {
		t.Fatalf("the file is not the newest message: %q", last.Text)
	}

	e.Press(coord, "CSV (RFC 4180)")
	doc, n = e.newestDocument(coord)
	if n != 2 || doc.Name != "abrechnung-2026-11.csv" {
		t.Fatalf("%d documents, newest %q", n, doc.Name)
	}
	wantRows[1] = []string{"Aylin Demir", e.req.Ref, "Hattingen", "2026-11-24", "1", "", "3.00", "4.00", "0.50", "120",
		"36.00", "12.50", "2026-11-24T18:00:00+01:00", "Erika Mustermann"}
	if rows := flowstest.PlainRows(t, doc); !reflect.DeepEqual(rows, wantRows) {
		t.Fatalf("RFC 4180 rows\n%q\nwant\n%q", rows, wantRows)
	}
}

// A quarter holds the versions confirmed in each of its months, chosen
// after the year turned; a month of it holds only its own.
func TestQuarterCoversItsMonths(t *testing.T) {
	e := tandem(t)
	e.confirmed(0)                      // 24 November
	e.Clock.Advance(8 * 24 * time.Hour) // 2 December
	e.confirmed(1)
	e.Clock.Advance(34 * 24 * time.Hour) // 5 January 2027

	e.Send(coord, "/menu")
	e.Press(coord, e.Plain("de", "btn.billing", nil))
	e.expectPeriods(coord, "de", "Januar 2027", "Dezember 2026", "November 2026", "Q1 2027", "Q4 2026")
	e.Press(coord, "Q4 2026")
	e.Expect(coord, "01.10.2026 bis 31.12.2026: 2 bestätigte Berichtsversionen")
	e.Press(coord, "Excel (Deutsch)")
	doc, _ := e.newestDocument(coord)
	if doc.Name != "abrechnung-2026-Q4.csv" || doc.Caption != "Abrechnung Q4 2026 · 2 Zeilen" {
		t.Fatalf("document %q with caption %q", doc.Name, doc.Caption)
	}
	rows := flowstest.ExcelRows(t, doc)
	if len(rows) != 3 || rows[1][0] != "Aylin Demir" || rows[1][3] != "24.11.2026" ||
		rows[2][0] != "Bora Yilmaz" || rows[2][3] != "02.12.2026" || rows[2][12] != "02.12.2026 18:00" {
		t.Fatalf("quarter rows %q", rows)
	}

	e.Press(coord, e.Plain("de", "btn.billing_back", nil))
	e.Press(coord, "Dezember 2026")
	e.Press(coord, "CSV (RFC 4180)")
	doc, _ = e.newestDocument(coord)
	if rows := flowstest.PlainRows(t, doc); doc.Name != "abrechnung-2026-12.csv" || len(rows) != 2 || rows[1][0] != "Bora Yilmaz" {
		t.Fatalf("December %q: %q", doc.Name, rows)
	}
}

// A month without a confirmed version says so and offers the periods
// again; a format of it pressed anyway sends no file, and neither does a
// period that is not offered.
func TestEmptyMonth(t *testing.T) {
	e := tandem(t)
	e.confirmed(0)
	e.Send(coord, "/abrechnung")
	e.Press(coord, "November 2026")
	excelData := e.forged(coord, coord, "Excel (Deutsch)")
	e.Press(coord, e.Plain("de", "btn.billing_back", nil))
	e.Press(coord, "Oktober 2026")
	e.Expect(coord, e.Tr("de", "billing.empty", map[string]any{"Period": "Oktober 2026"}))
	e.ExpectButtons(coord, "November 2026", "Oktober 2026", "September 2026", "Q4 2026", "Q3 2026")

	october := strings.Replace(excelData, "2026-11", "2026-10", 1)
	e.PressData(coord, e.Last(coord).ID, e.Nonce(coord)+october[strings.Index(october, ":"):])
	e.NoError()
	e.Expect(coord, e.Tr("de", "billing.empty", map[string]any{"Period": "Oktober 2026"}))
	old := strings.Replace(excelData, "2026-11", "2025-11", 1)
	e.PressStale(coord, e.Last(coord).ID, e.Nonce(coord)+old[strings.Index(old, ":"):])
	if docs := e.Documents(coord); len(docs) != 0 {
		t.Fatalf("%d documents for an empty month", len(docs))
	}
}

// Someone who is no coordinator is refused the command and the menu has
// no entry for them; a press copied from a coordinator's chat changes
// nothing and sends nothing.
func TestNonCoordinatorRefused(t *testing.T) {
	e := tandem(t)
	e.confirmed(0)
	for _, p := range []person{muni, aylin} {
		e.SendRefused(p, "/abrechnung", e.Tr("de", "billing.refused", nil))
		e.Send(p, "/menu")
		for _, label := range e.Buttons(p) {
			if label == e.Plain("de", "btn.billing", nil) {
				t.Fatalf("%d has the billing entry in the menu", p.ID)
			}
		}
	}
	e.Send(coord, "/abrechnung")
	e.Press(coord, "November 2026")
	for _, p := range []person{muni, aylin} {
		for _, label := range []string{"Excel (Deutsch)", "CSV (RFC 4180)"} {
			data := e.forged(coord, p, label)
			if toast := e.PressUnchanged(p, e.Last(p).ID, data); toast != e.Plain("de", engine.KeyForbidden, nil) {
				t.Fatalf("forged %q by %d: toast %q", label, p.ID, toast)
			}
		}
		if docs := e.Documents(p); len(docs) != 0 {
			t.Fatalf("%d got %d documents", p.ID, len(docs))
		}
	}
}

// In English the command is /billing, the months and the column labels
// are English, the Excel file keeps its German number format.
func TestEnglish(t *testing.T) {
	e := tandem(t)
	e.confirmed(0)
	e.Send(coordEN, "/billing")
	e.expectPeriods(coordEN, "en", "November 2026", "October 2026", "September 2026", "Q4 2026", "Q3 2026")
	e.Press(coordEN, "November 2026")
	e.Expect(coordEN, "Billing November 2026", "one confirmed report version")
	e.Press(coordEN, "Excel (German)")
	doc, _ := e.newestDocument(coordEN)
	if doc.Caption != "Billing November 2026 · 1 line" {
		t.Fatalf("caption %q", doc.Caption)
	}
	rows := flowstest.ExcelRows(t, doc)
	if len(rows) != 2 || !reflect.DeepEqual(rows[0], e.header("en")) || rows[0][0] != "Advisor" || rows[1][6] != "3,00" {
		t.Fatalf("rows %q", rows)
	}
}
