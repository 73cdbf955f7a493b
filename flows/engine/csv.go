package engine

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVStyle is the dialect of a CSV the bot sends (the billing export, an
// event's answers).
type CSVStyle int

// The dialects of a CSV.
const (
	// CSVExcel opens correctly in German Excel: UTF-8 with a byte order
	// mark, ";" between fields, decimal comma, dates dd.mm.yyyy; a text
	// cell that Excel would take for a formula (=, +, -, @) starts with an
	// apostrophe.
	CSVExcel CSVStyle = iota
	// CSVPlain is RFC 4180: "," between fields, decimal point, ISO dates
	// (confirmations as RFC 3339 with their offset), no byte order mark.
	CSVPlain
)

// utf8BOM makes Excel read the file as UTF-8.
const utf8BOM = "\uFEFF"

// CSVWriter writes a table in one CSV style: the byte order mark and ";"
// for German Excel, rows ending in CRLF, and cells formatted by its
// methods (Text, Hours, Euros, Date, Stamp) the way the style reads them.
// The billing export and the events' lists of answers share it.
type CSVWriter struct {
	cw *csv.Writer
	csvFormat
}

// NewCSV starts a CSV of style on w, with times shown in zone (nil: UTC),
// and writes header (the column labels, plain text) as its first row. It
// returns an error when w fails.
func NewCSV(w io.Writer, style CSVStyle, zone *time.Location, header []string) (*CSVWriter, error) {
	if zone == nil {
		zone = time.UTC
	}
	c := &CSVWriter{cw: csv.NewWriter(w), csvFormat: csvFormat{style: style, zone: zone}}
	c.cw.UseCRLF = true
	if style == CSVExcel {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return nil, fmt.Errorf("engine: csv: %w", err)
		}
		c.cw.Comma = ';'
	}
	return c, c.Row(c.texts(header)...)
}

// Row writes one row of cells, each already formatted (Text for free text).
func (c *CSVWriter) Row(cells ...string) error {
	if err := c.cw.Write(cells); err != nil {
		return fmt.Errorf("engine: csv: %w", err)
	}
	return nil
}

// Close writes what is buffered and returns the first error of the file.
func (c *CSVWriter) Close() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return fmt.Errorf("engine: csv: %w", err)
	}
	return nil
}

// csvFormat turns values into the cells of one CSV style.
type csvFormat struct {
	style CSVStyle
	zone  *time.Location
}

// decimal is s (a number with a decimal point) in the style's notation.
func (f csvFormat) decimal(s string) string {
	if f.style == CSVExcel {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Decimal is v with places decimals (a figure of the statistics).
func (f csvFormat) Decimal(v float64, places int) string {
	return f.decimal(strconv.FormatFloat(v, 'f', places, 64))
}

// Hours is minutes as hours with two decimals.
func (f csvFormat) Hours(minutes int) string {
	return f.decimal(strconv.FormatFloat(float64(minutes)/60, 'f', 2, 64))
}

// Euros is cents as euros with two decimals.
func (f csvFormat) Euros(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return f.decimal(fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100))
}

// Date is a calendar day (midnight UTC of it, as domain dates are).
func (f csvFormat) Date(d time.Time) string {
	if f.style == CSVExcel {
		return d.Format("02.01.2006")
	}
	return d.Format("2006-01-02")
}

// Stamp is a point in time, in the zone.
func (f csvFormat) Stamp(t time.Time) string {
	if f.style == CSVExcel {
		return t.In(f.zone).Format("02.01.2006 15:04")
	}
	return t.In(f.zone).Format(time.RFC3339)
}

// Text is a cell of free text; in Excel one that would start a formula is
// kept as text with a leading apostrophe.
func (f csvFormat) Text(s string) string {
	if f.style == CSVExcel && s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// texts is text of each of ss.
func (f csvFormat) texts(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f.Text(s)
	}
	return out
}
