package billing

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// billingLines are two confirmed reports: a plain one, and a correction
// whose names hold a semicolon, quotes, a newline and a formula.
func billingLines() []domain.BillingLine {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	return []domain.BillingLine{
		{Municipality: "Hattingen", Report: domain.Report{RequestRef: "MG-2026-0042", Advisor: "Ayşe Yılmaz", Version: 1,
			ReportDraft: domain.ReportDraft{Dates: []time.Time{day(25), day(26)}, PrepMinutes: 180, SessionMinutes: 240,
				FollowUpMinutes: 20, Km: 120, KmRateCents: 30, OtherCents: 1250},
			ConfirmedByName: "Sabine Krüger", ConfirmedAt: time.Date(2026, 11, 27, 17, 5, 0, 0, time.UTC)}},
		{Municipality: "Witten; Ruhr", Corrects: 2, Report: domain.Report{RequestRef: "MG-2026-0043",
			Advisor: "Jan \"Jo\" Meier\nBüro Süd", Version: 3,
			ReportDraft:     domain.ReportDraft{Dates: []time.Time{day(3)}, SessionMinutes: 90, TicketCents: 4590},
			ConfirmedByName: "=HYPERLINK(\"x\")", ConfirmedAt: time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)}},
	}
}

// The German Excel variant: BOM, semicolons, decimal comma, German dates,
// the German header; it parses back to the values.
func TestBillingCSVExcel(t *testing.T) {
	t.Parallel()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no Europe/Berlin on this machine")
	}
	header := []string{"Berater/in", "Aktenzeichen", "Kommune", "Einsatztage", "Version", "Korrektur von Version",
		"Vorbereitung (h)", "Vor Ort/online (h)", "Nachbereitung (h)", "km", "Reisekosten (€)", "Sonstige Kosten (€)",
		"Bestätigt am", "Bestätigt von"}
	var buf bytes.Buffer
	if err := writeCSV(&buf, engine.CSVExcel, header, billingLines(), berlin); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFF") || !strings.HasSuffix(out, "\r\n") {
		t.Fatalf("no BOM or no CRLF: %q", out[:min(20, len(out))])
	}
	checkCSV(t, strings.TrimPrefix(out, "\uFEFF"), ';', [][]string{header,
		{"Ayşe Yılmaz", "MG-2026-0042", "Hattingen", "25.11.2026, 26.11.2026", "1", "", "3,00", "4,00", "0,33", "120",
			"36,00", "12,50", "27.11.2026 18:05", "Sabine Krüger"},
		{"Jan \"Jo\" Meier\nBüro Süd", "MG-2026-0043", "Witten; Ruhr", "03.11.2026", "3", "2", "0,00", "1,50", "0,00", "0",
			"45,90", "0,00", "01.01.2027 00:30", "'=HYPERLINK(\"x\")"},
	})
	if !strings.Contains(out, `"Witten; Ruhr"`) || !strings.Contains(out, `"Jan ""Jo"" Meier`) {
		t.Errorf("names not quoted:\n%s", out)
	}
}

// The RFC 4180 variant: commas, decimal point, ISO dates, no BOM.
func TestBillingCSVPlain(t *testing.T) {
	t.Parallel()
	header := []string{"Advisor", "Reference", "Municipality", "Dates", "Version", "Corrects version", "Preparation (h)",
		"On site/online (h)", "Follow-up (h)", "km", "Travel costs (EUR)", "Other costs (EUR)", "Confirmed at", "Confirmed by"}
	var buf bytes.Buffer
	if err := writeCSV(&buf, engine.CSVPlain, header, billingLines(), nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.HasPrefix(out, "\uFEFF") {
		t.Fatal("a BOM in the plain variant")
	}
	checkCSV(t, out, ',', [][]string{header,
		{"Ayşe Yılmaz", "MG-2026-0042", "Hattingen", "2026-11-25, 2026-11-26", "1", "", "3.00", "4.00", "0.33", "120",
			"36.00", "12.50", "2026-11-27T17:05:00Z", "Sabine Krüger"},
		{"Jan \"Jo\" Meier\nBüro Süd", "MG-2026-0043", "Witten; Ruhr", "2026-11-03", "3", "2", "0.00", "1.50", "0.00", "0",
			"45.90", "0.00", "2026-12-31T23:30:00Z", "=HYPERLINK(\"x\")"},
	})
	if err := writeCSV(&buf, engine.CSVPlain, header[1:], nil, nil); err == nil {
		t.Error("a short header was accepted")
	}
}

// checkCSV parses out with encoding/csv (fields separated by comma) and
// compares the rows with want, cell by cell.
func checkCSV(t *testing.T, out string, comma rune, want [][]string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(out))
	r.Comma = comma
	got, err := r.ReadAll()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}
