package flows

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// baseLang is the language every key must exist in; T falls back to it.
const baseLang = "de"

//go:embed locales/*.toml
var localeFS embed.FS

// noValue is what text/template prints for a field missing in data; T
// removes it (Telegram would reject it as an unknown tag). User text cannot
// contain it: T escapes its "<".
const noValue = "<no value>"

// HTML is a piece of Telegram HTML that T inserts as it is. Every other
// string passed to T in data is escaped (see Escape).
type HTML string

// Texts holds the translations of every user-facing text, keyed by message
// id, loaded from the embedded locales/<lang>.toml files.
type Texts struct {
	def   string
	langs []string
	loc   map[string]*i18n.Localizer
}

// NewTexts loads the embedded translations. defaultLang is used for a
// language that has no translation file; it returns an error when a locale
// file does not parse or when defaultLang or the base language "de" has no
// file.
func NewTexts(defaultLang string) (*Texts, error) {
	bundle := i18n.NewBundle(language.Make(baseLang))
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, err := fs.Glob(localeFS, "locales/*.toml")
	if err != nil {
		return nil, fmt.Errorf("flows: load texts: %w", err)
	}
	t := &Texts{def: defaultLang, loc: map[string]*i18n.Localizer{}}
	for _, f := range files {
		if _, err := bundle.LoadMessageFileFS(localeFS, f); err != nil {
			return nil, fmt.Errorf("flows: load texts %s: %w", f, err)
		}
		lang := strings.TrimSuffix(path.Base(f), ".toml")
		t.langs = append(t.langs, lang)
		t.loc[lang] = i18n.NewLocalizer(bundle, lang)
	}
	if t.loc[baseLang] == nil {
		return nil, errors.New("flows: load texts: no locales/" + baseLang + ".toml")
	}
	if t.loc[defaultLang] == nil {
		return nil, fmt.Errorf("flows: load texts: no translation for default language %q", defaultLang)
	}
	// The default language first, then the others in alphabetical order.
	slices.SortFunc(t.langs, func(a, b string) int {
		switch {
		case a == defaultLang:
			return -1
		case b == defaultLang:
			return 1
		}
		return strings.Compare(a, b)
	})
	return t, nil
}

// Langs returns the language codes with a translation, the default first.
func (t *Texts) Langs() []string { return slices.Clone(t.langs) }

// Supports reports whether lang has a translation.
func (t *Texts) Supports(lang string) bool { return t.loc[lang] != nil }

// T returns the text key in lang (the default language when lang has no
// translation), filled with data. String values in data are HTML-escaped;
// HTML values are inserted as they are; a field missing in data is left
// empty. A key missing in lang falls back to German, and a key missing there
// too comes back as the key itself. T never panics.
func (t *Texts) T(lang, key string, data map[string]any) string {
	l := t.loc[lang]
	if l == nil {
		l = t.loc[t.def]
	}
	msg, err := l.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: escapeData(data)})
	if err != nil && msg == "" {
		return key
	}
	return strings.ReplaceAll(msg, noValue, "")
}

// DateTime formats when in loc the way lang writes dates, e.g.
// "24.11.2026, 18:00 Uhr" in German.
func (t *Texts) DateTime(lang string, when time.Time, loc *time.Location) string {
	return when.In(loc).Format(t.T(lang, keyFormatDateTime, nil))
}

// escapeData returns data with every string value escaped for Telegram HTML.
func escapeData(data map[string]any) map[string]any {
	if len(data) == 0 {
		return data
	}
	out := make(map[string]any, len(data))
	for k, v := range data {
		switch x := v.(type) {
		case string:
			out[k] = Escape(x)
		case HTML:
			out[k] = string(x)
		default:
			out[k] = v
		}
	}
	return out
}
