package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Dates typed as year-month-day (2027-03-01) or day first with slashes
// (1/3/2027, as in the UK) are read in every language, and the answer
// says how it read them. The clock reads 24.11.2026, 18:00 in Berlin.

// readAs begins the note that says how a date was read, per language.
var readAs = map[string]string{"en": "Read as", "de": "Gelesen als"}

// ymdUTC is the calendar day y-m-d.
func ymdUTC(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDateFormsAreReadAndSaid(t *testing.T) {
	for _, c := range []struct{ lang, iso, slash, shown string }{
		{"en", "Read as 1 March 2027 (year-month-day).", "Read as 1 March 2027 (day/month/year).", "1 Mar 2027"},
		{"de", "Gelesen als 1. März 2027 (Jahr-Monat-Tag).", "Gelesen als 1. März 2027 (Tag/Monat/Jahr).", "01.03.2027"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: 4901, LangHint: c.lang}
			h.Send(p, "/datetest")
			h.Send(p, "2027-03-01")
			h.Expect(p, c.iso, h.Tr(c.lang, "etest.latest_prompt", map[string]any{"Earliest": c.shown}))
			h.ExpectStep(p, "latest", map[string]string{"earliest": "2027-03-01"})
			h.Send(p, "1/3/2027")
			h.Expect(p, c.slash, h.Tr(c.lang, "etest.summary", nil))
			h.ExpectStep(p, "summary", map[string]string{"earliest": "2027-03-01", "latest": "2027-03-01"})

			for _, f := range []struct{ typed, want, said string }{
				{"01/03/2027", "2027-03-01", c.slash},
				{" 2 / 3 / 27 ", "2027-03-02", strings.Replace(c.slash, "1", "2", 1)},
				{"2027-3-1", "2027-03-01", c.iso},
			} {
				h.Change(p, c.lang, h.Plain(c.lang, "etest.field_latest", nil))
				h.Send(p, f.typed)
				h.Expect(p, f.said, h.Tr(c.lang, "etest.summary", nil))
				h.ExpectStep(p, "summary", map[string]string{"earliest": "2027-03-01", "latest": f.want})
			}
			// The dotted form is read as always and needs no word on it.
			h.Change(p, c.lang, h.Plain(c.lang, "etest.field_latest", nil))
			h.Send(p, "1.3.2027")
			if m := h.Expect(p, h.Tr(c.lang, "etest.summary", nil)); strings.Contains(m.Text, readAs[c.lang]) {
				t.Errorf("a dotted date is explained:\n%s", m.Text)
			}
			h.Press(p, h.Plain(c.lang, "btn.confirm", nil))
			h.Expect(p, "dates 2027-03-01 2027-03-01")
		})
	}
}

func TestDateFormsBadInput(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		t.Run(lang, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: 4902, LangHint: lang}
			h.Send(p, "/datetest")
			h.Expect(p, h.Tr(lang, "etest.earliest_prompt", nil))
			month := func(m int) string { return h.Plain(lang, "month."+[]string{"", "january", "february"}[m], nil) }
			for _, c := range []struct {
				typed, key string
				data       map[string]any
			}{
				{"3/14/2027", "date.no_month", map[string]any{"Number": 14}},
				{"2027-13-01", "date.no_month", map[string]any{"Number": 13}},
				{"30/2/2027", "date.no_day", map[string]any{"Day": 30, "Month": month(2), "Year": 2027, "Days": 28}},
				{"2027-02-29", "date.no_day", map[string]any{"Day": 29, "Month": month(2), "Year": 2027, "Days": 28}},
				{"2027-01-00", "date.no_day", map[string]any{"Day": 0, "Month": month(1), "Year": 2027, "Days": 31}},
				{"2027/03/01", "date.format", nil},
				{"27-03-01", "date.format", nil},
				{"1/3/202", "date.format", nil},
				{"1-3-2027", "date.format", nil},
				{"2027-03-01T10:00", "date.format", nil},
			} {
				h.SendRefused(p, c.typed, h.Tr(lang, c.key, c.data)) // and not explained how it was read
				h.ExpectStep(p, "earliest", nil)
			}
			h.Send(p, "1/11/2026")
			h.Expect(p, h.Tr(lang, "date.past", map[string]any{"Date": h.Texts.Date(lang, ymdUTC(2026, 11, 1)), "Limit": h.Texts.Date(lang, ymdUTC(2026, 11, 24))}))
			h.ExpectStep(p, "earliest", nil)
		})
	}
}

func TestDateTimeFormsAreReadAndSaid(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 4903, LangHint: "en"}
	h.Send(p, "/whentest")
	h.Send(p, "2027-03-01 14:00")
	h.Expect(p, "Read as 1 March 2027 (year-month-day).", "<b>Appointment:</b> 1 Mar 2027, 14:00")
	h.ExpectStep(p, "summary", map[string]string{"when": "2027-03-01T14:00"})
	h.Press(p, "✏️ Change") // the only field: its question
	h.Send(p, "2/3/2027")
	h.Expect(p, "Read as 2 March 2027 (day/month/year).", h.Tr("en", "date.pick_time", map[string]any{"Date": "2 Mar 2027"}))
	h.Send(p, "9:30")
	h.Expect(p, "<b>Appointment:</b> 2 Mar 2027, 09:30")
}
