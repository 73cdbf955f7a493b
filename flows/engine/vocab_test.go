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
	}{{29, "de", "So"}, {30, "de", "Mo"}, {2, "de", "Mi"}, {29, "en", "Su"}} {
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
