package flowstest

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// ExcelRows parses a CSV for German Excel (the billing export, the
// statistics): it fails t unless doc starts with the byte order mark and
// separates fields with ";".
func ExcelRows(t testing.TB, doc domain.Document) [][]string {
	t.Helper()
	content, ok := bytes.CutPrefix(doc.Content, []byte("\uFEFF"))
	if !ok {
		t.Fatalf("%s has no byte order mark", doc.Name)
	}
	r := csv.NewReader(bytes.NewReader(content))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", doc.Name, err)
	}
	return rows
}

// PlainRows parses an RFC 4180 CSV with encoding/csv's defaults; it fails
// t when doc starts with a byte order mark.
func PlainRows(t testing.TB, doc domain.Document) [][]string {
	t.Helper()
	if bytes.HasPrefix(doc.Content, []byte("\uFEFF")) {
		t.Fatalf("%s has a byte order mark", doc.Name)
	}
	rows, err := csv.NewReader(bytes.NewReader(doc.Content)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", doc.Name, err)
	}
	return rows
}
