package engine_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The behaviour of Texts: fallbacks, escaping, plain text, dates, and the
// errors of LoadTexts. What the texts say (the same keys in every
// language, every key used, valid Telegram HTML, formal German) is checked
// tree-wide in flows/locales_test.go.

func TestTranslationFallbacks(t *testing.T) {
	texts, err := engine.NewRegistry().LoadTexts("en")
	if err != nil {
		t.Fatal(err)
	}
	if got := texts.Langs(); !slices.Equal(got, []string{"en", "de"}) {
		t.Errorf("Langs() = %v, want the default first", got)
	}
	if texts.Default() != "en" || !texts.Supports("de") || texts.Supports("fr") {
		t.Errorf("Default() = %q, Supports(de) = %v, Supports(fr) = %v", texts.Default(), texts.Supports("de"), texts.Supports("fr"))
	}
	cases := []struct{ name, lang, key, want string }{
		{"german", "de", "btn.back", "« Zurück"},
		{"english", "en", "btn.back", "« Back"},
		{"unknown language uses the default", "fr", "btn.back", "« Back"},
		{"empty language uses the default", "", "btn.back", "« Back"},
		{"missing key comes back as the key", "en", "no.such.key", "no.such.key"},
		{"missing data is left empty", "de", "flow.current", "Bisher: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := texts.T(c.lang, c.key, nil); got != c.want {
				t.Errorf("T(%q, %q) = %q, want %q", c.lang, c.key, got, c.want)
			}
			if got := texts.Plain(c.lang, c.key, nil); got != c.want {
				t.Errorf("Plain(%q, %q) = %q, want %q", c.lang, c.key, got, c.want)
			}
		})
	}
	if got := texts.T("de", "flow.current", map[string]any{"Value": "<b>"}); got != "Bisher: &lt;b&gt;" {
		t.Errorf("string data not escaped: %q", got)
	}
	if got := texts.T("de", "flow.current", map[string]any{"Value": engine.HTML("<b>x</b>")}); got != "Bisher: <b>x</b>" {
		t.Errorf("HTML data escaped: %q", got)
	}
	if !texts.Has("btn.back") || texts.Has("no.such.key") {
		t.Error("Has does not tell which keys exist")
	}
	if _, err := engine.NewRegistry().LoadTexts("fr"); err == nil {
		t.Error("LoadTexts accepts a default language without translation")
	}
}

func TestPlainIsWhatTelegramShows(t *testing.T) {
	texts, err := engine.NewRegistry().LoadTexts("de")
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Choice": `Anna & "Co" <3`}
	if got := texts.T("de", "flow.chosen", data); got != "➜ <i>Anna &amp; &quot;Co&quot; &lt;3</i>" {
		t.Errorf("T = %q", got)
	}
	if got := texts.Plain("de", "flow.chosen", data); got != `➜ Anna & "Co" <3` {
		t.Errorf("Plain = %q", got)
	}
	if got := texts.Plain("en", "btn.done", map[string]any{"N": 3}); got != "✅ Done (3)" {
		t.Errorf("Plain(btn.done) = %q", got)
	}
	cases := map[string]string{
		"":                          "",
		"Anna":                      "Anna",
		"<b>Hilfe</b>":              "Hilfe",
		"Kunst &amp; &quot;K&quot;": `Kunst & "K"`,
		"a &lt;b&gt; <i>c</i>":      "a <b> c",
		"x < y":                     "x < y",
	}
	for in, want := range cases {
		if got := engine.PlainText(in); got != want {
			t.Errorf("PlainText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDateTime(t *testing.T) {
	texts, err := flows.Texts("de")
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	if got := texts.DateTime("de", when, berlin); got != "24.11.2026, 18:00 Uhr" {
		t.Errorf("de: %q", got)
	}
	if got := texts.DateTime("en", when, berlin); got != "24 Nov 2026, 18:00" {
		t.Errorf("en: %q", got)
	}
	day := engine.CalendarDay(time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC), berlin) // 00:30 on the 25th in Berlin
	if got := texts.Date("de", day); got != "25.11.2026" {
		t.Errorf("Date de: %q", got)
	}
	if got := texts.Date("en", day); got != "25 Nov 2026" {
		t.Errorf("Date en: %q", got)
	}
}

func TestLoadTextsRefusesBrokenBundles(t *testing.T) {
	de := func(s string) fstest.MapFS { return fstest.MapFS{"locales/de.toml": {Data: []byte(s)}} }
	good := de("[x]\na = \"A\"\n")
	cases := []struct {
		name    string
		bundles []fs.FS
		want    string
	}{
		{"no German", []fs.FS{fstest.MapFS{"locales/en.toml": {Data: []byte(`a = "A"`)}}}, "de.toml"},
		{"TOML that does not parse", []fs.FS{de("[x\na = ")}, "de.toml"},
		{"template that does not parse", []fs.FS{de(`a = "{{.A"`)}, "unclosed action"},
		{"a value that is no string", []fs.FS{de("a = 1")}, "want a string"},
		{"a key only English has", []fs.FS{good, fstest.MapFS{"locales/en.toml": {Data: []byte("[x]\nb = \"B\"")}}}, `"x.b"`},
		{"a key of two bundles", []fs.FS{good, de("[x]\na = \"again\"\n")}, `"x.a"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := engine.LoadTexts("de", c.bundles...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("LoadTexts: %v, want an error naming %s", err, c.want)
			}
		})
	}
	if texts, err := engine.LoadTexts("de", good); err != nil || texts.T("de", "x.a", nil) != "A" {
		t.Errorf("a good bundle: %v", err)
	}
}
