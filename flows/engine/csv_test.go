package engine_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// A table of another feature (an event's answers) written with the same
// conventions reads back in both styles: the Excel one with its mark,
// ";" and decimal comma, a formula kept as text; RFC 4180 with ISO forms.
func TestCSVWriterOfAnyTable(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		style engine.CSVStyle
		comma rune
		want  []string
	}{
		{engine.CSVExcel, ';', []string{"'=Verein", "3", "12,50", "12.12.2026", "12.12.2026 18:00", "4,3"}},
		{engine.CSVPlain, ',', []string{"=Verein", "3", "12.50", "2026-12-12", "2026-12-12T18:00:00+01:00", "4.3"}},
	} {
		var b bytes.Buffer
		w, err := engine.NewCSV(&b, c.style, berlin, []string{"Verein", "Personen", "Kosten", "Tag", "Antwort am", "Mittel"})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Row(w.Text("=Verein"), "3", w.Euros(1250), w.Date(time.Date(2026, 12, 12, 0, 0, 0, 0, time.UTC)),
			w.Stamp(time.Date(2026, 12, 12, 17, 0, 0, 0, time.UTC)), w.Decimal(13.0/3, 1)); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		body, hasMark := bytes.CutPrefix(b.Bytes(), []byte("\uFEFF"))
		if hasMark != (c.style == engine.CSVExcel) || !bytes.HasSuffix(body, []byte("\r\n")) {
			t.Errorf("style %d: byte order mark %v, ends %q", c.style, hasMark, body[len(body)-2:])
		}
		r := csv.NewReader(bytes.NewReader(body))
		r.Comma = c.comma
		rows, err := r.ReadAll()
		if err != nil || len(rows) != 2 || !slices.Equal(rows[1], c.want) {
			t.Errorf("style %d: rows %q (%v), want %q", c.style, rows, err, c.want)
		}
	}
}
