package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// BaseLang is the language every key must exist in; T falls back to it.
const BaseLang = "de"

// noValue is what text/template prints for a field missing in data; T
// removes it (Telegram would reject it as an unknown tag). User text cannot
// contain it: T escapes its "<".
const noValue = "<no value>"

// Texts holds every user-facing text, keyed by message id ("btn.back"),
// loaded from the locales/<lang>.toml files of the engine and of each
// feature. A static text (no template action) is kept ready in both forms,
// so that showing it costs no allocation.
type Texts struct {
	def     string
	langs   []string
	msgs    map[string]map[string]*text // lang → key → text
	globals map[string]map[string]any   // lang → name → value (see texts_globals.go)
}

// text is one message in one language.
type text struct {
	html, plain string             // ready when tmpl is nil
	tmpl        *template.Template // nil for a static text
	global      bool               // tmpl uses a global value
}

// LoadTexts reads locales/*.toml of every bundle (an fs.FS whose root holds
// a locales folder). Tables nest with dots: [btn] back = "…" is "btn.back".
// It returns an error when a file does not parse or holds a template that
// does not parse, when two bundles define the same key, when the base
// language "de" or defaultLang has no file, or when a key exists in another
// language but not in German.
func LoadTexts(defaultLang string, bundles ...fs.FS) (*Texts, error) {
	t := &Texts{def: defaultLang, msgs: map[string]map[string]*text{}}
	owner := map[string]int{} // lang/key → bundle
	for i, b := range bundles {
		files, err := fs.Glob(b, "locales/*.toml")
		if err != nil {
			return nil, fmt.Errorf("engine: load texts: %w", err)
		}
		for _, f := range files {
			lang := strings.TrimSuffix(path.Base(f), ".toml")
			flat, err := readLocale(b, f)
			if err != nil {
				return nil, err
			}
			if t.msgs[lang] == nil {
				t.msgs[lang] = map[string]*text{}
				t.langs = append(t.langs, lang)
			}
			for key, src := range flat {
				if j, dup := owner[lang+"/"+key]; dup {
					return nil, fmt.Errorf("engine: load texts: %s %q is defined by bundles %d and %d", lang, key, j, i)
				}
				owner[lang+"/"+key] = i
				m, err := newText(key, src)
				if err != nil {
					return nil, fmt.Errorf("engine: load texts %s: %w", f, err)
				}
				t.msgs[lang][key] = m
			}
		}
	}
	if t.msgs[BaseLang] == nil {
		return nil, errors.New("engine: load texts: no locales/" + BaseLang + ".toml")
	}
	if t.msgs[defaultLang] == nil {
		return nil, fmt.Errorf("engine: load texts: no translation for default language %q", defaultLang)
	}
	for _, lang := range t.langs {
		for key := range t.msgs[lang] {
			if t.msgs[BaseLang][key] == nil {
				return nil, fmt.Errorf("engine: load texts: %s has %q, %s does not", lang, key, BaseLang)
			}
		}
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
	t.setOffice(domain.Office{}) // no contact configured; Engine.New sets the configured one
	return t, nil
}

// readLocale parses one locale file into flat keys.
func readLocale(b fs.FS, name string) (map[string]string, error) {
	raw, err := fs.ReadFile(b, name)
	if err != nil {
		return nil, fmt.Errorf("engine: load texts: %w", err)
	}
	var tree map[string]any
	if err := toml.Unmarshal(raw, &tree); err != nil {
		return nil, fmt.Errorf("engine: load texts %s: %w", name, err)
	}
	out := map[string]string{}
	var walk func(prefix string, m map[string]any) error
	walk = func(prefix string, m map[string]any) error {
		for k, v := range m {
			switch x := v.(type) {
			case string:
				out[prefix+k] = x
			case map[string]any:
				if err := walk(prefix+k+".", x); err != nil {
					return err
				}
			default:
				return fmt.Errorf("engine: load texts %s: %s%s is a %T, want a string", name, prefix, k, v)
			}
		}
		return nil
	}
	return out, walk("", tree)
}

func newText(key, src string) (*text, error) {
	if !strings.Contains(src, "{{") {
		return &text{html: src, plain: PlainText(src)}, nil
	}
	tmpl, err := template.New(key).Parse(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return &text{tmpl: tmpl, global: usesGlobal(src)}, nil
}

// Langs returns the language codes with a translation, the default first.
func (t *Texts) Langs() []string { return slices.Clone(t.langs) }

// StateName returns the name of the Bundesland with code in lang, or the
// code itself when it is unknown (for notifications, written outside the
// recipient's turn).
func (t *Texts) StateName(lang, code string) string {
	if k, ok := stateKeys[code]; ok {
		return t.Plain(lang, k, nil)
	}
	return code
}

// Supports reports whether lang has a translation.
func (t *Texts) Supports(lang string) bool { return t.msgs[lang] != nil }

// Default returns the default language.
func (t *Texts) Default() string { return t.def }

// Has reports whether key exists in the base language.
func (t *Texts) Has(key string) bool { return t.msgs[BaseLang][key] != nil }

// lookup finds key in lang, else in the default language, else in German;
// nil when it exists nowhere.
func (t *Texts) lookup(lang, key string) *text {
	if m := t.msgs[lang][key]; m != nil {
		return m
	}
	if m := t.msgs[t.def][key]; m != nil {
		return m
	}
	return t.msgs[BaseLang][key]
}

// T returns the text key in lang as Telegram HTML, filled with data. String
// values in data are HTML-escaped; HTML values are inserted as they are; a
// field missing in data is left empty. A key missing in lang falls back to
// the default language and German; a key missing there too comes back as
// the key itself. T never panics.
func (t *Texts) T(lang, key string, data map[string]any) string {
	m := t.lookup(lang, key)
	switch {
	case m == nil:
		return key
	case m.tmpl == nil:
		return m.html
	}
	return m.fill(t.withGlobals(lang, m, escapeData(data)))
}

// Plain returns the text key in lang as plain text, for button labels and
// toasts: T's result as Telegram shows it (PlainText), so that "Anna & Co"
// stays "Anna & Co".
func (t *Texts) Plain(lang, key string, data map[string]any) string {
	m := t.lookup(lang, key)
	switch {
	case m == nil:
		return key
	case m.tmpl == nil:
		return m.plain
	}
	return PlainText(m.fill(t.withGlobals(lang, m, escapeData(data))))
}

func (m *text) fill(data map[string]any) string {
	if data == nil {
		data = map[string]any{}
	}
	var b bytes.Buffer
	if err := m.tmpl.Execute(&b, data); err != nil {
		return m.tmpl.Name()
	}
	s := b.String()
	if strings.Contains(s, noValue) {
		s = strings.ReplaceAll(s, noValue, "")
	}
	return s
}

// DateTime formats when in loc the way lang writes dates, e.g.
// "24.11.2026, 18:00 Uhr" in German.
func (t *Texts) DateTime(lang string, when time.Time, loc *time.Location) string {
	return when.In(loc).Format(t.T(lang, keyFormatDateTime, nil))
}

// Date formats the calendar day d (see dates.go) the way lang writes dates.
func (t *Texts) Date(lang string, d time.Time) string {
	return d.Format(t.T(lang, keyFormatDate, nil))
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
