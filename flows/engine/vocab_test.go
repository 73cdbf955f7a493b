package engine_test

import (
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// Weekday names the day of the date as given, Sunday and Monday included
// (time.Weekday counts from Sunday, the names from Monday).
func TestWeekday(t *testing.T) {
	texts, err := engine.NewRegistry().LoadTexts("de")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		day        int
		lang, want string
	}{{29, "de", "So"}, {30, "de", "Mo"}, {2, "de", "Mi"}, {29, "en", "Sun"}} {
		d := time.Date(2026, 11, c.day, 12, 0, 0, 0, time.UTC)
		if c.day < 10 {
			d = d.AddDate(0, 1, 0)
		}
		if got := texts.Weekday(c.lang, d); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.lang, d.Format("2006-01-02"), got, c.want)
		}
	}
}

// Month names the month in the language, January and December included.
func TestMonth(t *testing.T) {
	texts, err := engine.NewRegistry().LoadTexts("de")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		m          time.Month
		lang, want string
	}{{time.January, "de", "Januar"}, {time.March, "de", "März"}, {time.December, "en", "December"}} {
		if got := texts.Month(c.lang, c.m); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.m, got, c.want)
		}
	}
}

// A span is shown in the programme's zone, on one day or across two, in
// the reader's language; in summer and in winter alike.
func TestSpan(t *testing.T) {
	texts, err := engine.NewRegistry().LoadTexts("de")
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(mo time.Month, d, h int) time.Time { return time.Date(2026, mo, d, h, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		lang       string
		start, end time.Time
		want       string
	}{
		{"de", at(12, 12, 17), at(12, 12, 19), "Sa, 12.12.2026, 18:00–20:00 Uhr"},
		{"de", at(7, 4, 16), at(7, 4, 18), "Sa, 04.07.2026, 18:00–20:00 Uhr"},
		{"de", at(10, 24, 20), at(10, 25, 2), "Sa, 24.10.2026, 22:00 Uhr – So, 25.10.2026, 03:00 Uhr"},
		{"en", at(12, 12, 17), at(12, 12, 19), "Sat 12 Dec 2026, 18:00–20:00"},
	} {
		if got := texts.Span(c.lang, c.start, c.end, berlin); got != c.want {
			t.Errorf("%s %v–%v: %q, want %q", c.lang, c.start, c.end, got, c.want)
		}
	}
}
