package engine

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// CSVStyle is the dialect of a billing CSV (issue 12, point 5).
type CSVStyle int

// The dialects of a billing CSV.
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

// BillingColumns is how many columns a billing CSV has, and how many
// labels its header takes: advisor, reference, municipality, dates worked,
// version, the version it corrects (empty for none), hours of preparation,
// on site or online, follow-up, km, travel costs (km at their rate plus
// tickets, in euros), other costs (euros), confirmed at, confirmed by.
const BillingColumns = 14

// utf8BOM makes Excel read the file as UTF-8.
const utf8BOM = "\uFEFF"

// WriteBillingCSV writes lines to w as a CSV of style with header (the
// column labels, BillingColumns of them, in the reader's language: the
// feature takes them from its locales) as the first row; times are shown
// in zone (nil: UTC). Rows end in CRLF. It returns an error for a header of
// the wrong length or when w fails.
func WriteBillingCSV(w io.Writer, style CSVStyle, header []string, lines []domain.BillingLine, zone *time.Location) error {
	if len(header) != BillingColumns {
		return fmt.Errorf("engine: billing csv: %d header labels, want %d", len(header), BillingColumns)
	}
	if zone == nil {
		zone = time.UTC
	}
	f := csvFormat{style: style, zone: zone}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if style == CSVExcel {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return fmt.Errorf("engine: billing csv: %w", err)
		}
		cw.Comma = ';'
	}
	if err := cw.Write(f.texts(header)); err != nil {
		return fmt.Errorf("engine: billing csv: %w", err)
	}
	for _, l := range lines {
		dates := make([]string, len(l.Dates))
		for i, d := range l.Dates {
			dates[i] = f.date(d)
		}
		corrects := ""
		if l.Corrects > 0 {
			corrects = strconv.Itoa(l.Corrects)
		}
		row := []string{f.text(l.Advisor), f.text(l.RequestRef), f.text(l.Municipality), strings.Join(dates, ", "),
			strconv.Itoa(l.Version), corrects, f.hours(l.PrepMinutes), f.hours(l.SessionMinutes), f.hours(l.FollowUpMinutes),
			strconv.Itoa(l.Km), f.euros(l.TravelCents()), f.euros(l.OtherCents), f.stamp(l.ConfirmedAt), f.text(l.ConfirmedByName)}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("engine: billing csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("engine: billing csv: %w", err)
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

// hours is minutes as hours with two decimals.
func (f csvFormat) hours(minutes int) string {
	return f.decimal(strconv.FormatFloat(float64(minutes)/60, 'f', 2, 64))
}

// euros is cents as euros with two decimals.
func (f csvFormat) euros(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return f.decimal(fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100))
}

// date is a calendar day (midnight UTC of it, as domain dates are).
func (f csvFormat) date(d time.Time) string {
	if f.style == CSVExcel {
		return d.Format("02.01.2006")
	}
	return d.Format("2006-01-02")
}

// stamp is a point in time, in the zone.
func (f csvFormat) stamp(t time.Time) string {
	if f.style == CSVExcel {
		return t.In(f.zone).Format("02.01.2006 15:04")
	}
	return t.In(f.zone).Format(time.RFC3339)
}

// text is a cell of free text; in Excel one that would start a formula is
// kept as text with a leading apostrophe.
func (f csvFormat) text(s string) string {
	if f.style == CSVExcel && s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// texts is text of each of ss.
func (f csvFormat) texts(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f.text(s)
	}
	return out
}
