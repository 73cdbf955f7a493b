package flows_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/miglobe/miglobe-bot/flows"
)

// localeKeys returns the message keys of locales/<lang>.toml, flattened
// with dots, and the values.
func localeKeys(t *testing.T, lang string) map[string]string {
	t.Helper()
	var raw map[string]any
	if _, err := toml.DecodeFile(filepath.Join("locales", lang+".toml"), &raw); err != nil {
		t.Fatalf("parse %s.toml: %v", lang, err)
	}
	out := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			switch x := v.(type) {
			case string:
				out[prefix+k] = x
			case map[string]any:
				walk(prefix+k+".", x)
			default:
				t.Errorf("%s.toml: %s%s is a %T", lang, prefix, k, v)
			}
		}
	}
	walk("", raw)
	return out
}

func TestLocalesHaveTheSameKeys(t *testing.T) {
	texts, err := flows.NewTexts("de")
	if err != nil {
		t.Fatal(err)
	}
	de := localeKeys(t, "de")
	for _, lang := range texts.Langs() {
		keys := localeKeys(t, lang)
		for k := range de {
			if _, ok := keys[k]; !ok {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
		for k := range keys {
			if _, ok := de[k]; !ok {
				t.Errorf("%s has %s, de does not", lang, k)
			}
		}
	}
}

// goKeys returns every string literal in the package's non-test Go files
// that has the form of a text key of one of the locale tables.
func goKeys(t *testing.T, tables map[string]bool) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keyLike := regexp.MustCompile(`^([a-z]+)\.[A-Za-z_]+$`)
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if m := keyLike.FindStringSubmatch(s); err == nil && m != nil && tables[m[1]] {
				out[s] = fset.Position(lit.Pos()).String()
			}
			return true
		})
	}
	return out
}

func TestEveryKeyInGoExistsAndEveryTextIsUsed(t *testing.T) {
	de := localeKeys(t, "de")
	tables := map[string]bool{}
	for k := range de {
		tables[strings.Split(k, ".")[0]] = true
	}
	used := goKeys(t, tables)
	for k, pos := range used {
		if _, ok := de[k]; !ok {
			t.Errorf("%s: key %q is in no locale", pos, k)
		}
	}
	for k := range de {
		if _, ok := used[k]; !ok {
			t.Errorf("locale key %q is used nowhere in Go code", k)
		}
	}
	for _, c := range flows.Commands() {
		if _, ok := de[c.DescKey]; !ok {
			t.Errorf("command %s: no text %q", c.Name, c.DescKey)
		}
		if !regexp.MustCompile(`^[a-z0-9_]{1,32}$`).MatchString(c.Name) {
			t.Errorf("command name %q is not valid for Telegram", c.Name)
		}
	}
}

func TestEveryTextIsValidTelegramHTML(t *testing.T) {
	texts, err := flows.NewTexts("de")
	if err != nil {
		t.Fatal(err)
	}
	data, plainData := map[string]any{}, map[string]any{}
	for _, f := range []string{"Name", "Step", "Value", "Choice", "Label", "Field", "Roles", "Role",
		"Municipality", "Organisation", "State", "Function", "City", "Data", "Lines"} {
		data[f] = `<x> & "y"`
		plainData[f] = flows.HTML("Wert") // labels get plain text as HTML, unescaped
	}
	plain := regexp.MustCompile(`^(btn|role|state|field|lang|cmd)\.`)
	for _, lang := range texts.Langs() {
		for k := range localeKeys(t, lang) {
			s := texts.T(lang, k, data)
			if strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
				t.Errorf("%s %s: template not filled: %q", lang, k, s)
			}
			if plain.MatchString(k) {
				s = texts.T(lang, k, plainData)
				if strings.ContainsAny(s, "<>&") || s == "" || len(s) > 256 {
					t.Errorf("%s %s is no plain label: %q", lang, k, s)
				}
				continue
			}
			if _, err := checkHTML(s); err != nil {
				t.Errorf("%s %s: %v\n%s", lang, k, err, s)
			}
		}
	}
}

func TestGermanTextsAreFormal(t *testing.T) {
	informal := regexp.MustCompile(`(?i)\b(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer)\b`)
	for k, v := range localeKeys(t, "de") {
		if informal.MatchString(v) {
			t.Errorf("de %s is informal: %q", k, v)
		}
		if strings.Contains(v, "Berater ") || strings.Contains(v, "Beraterinnen") {
			t.Errorf("de %s lacks the inclusive form Berater*innen: %q", k, v)
		}
	}
}

func TestTranslationFallbacks(t *testing.T) {
	texts, err := flows.NewTexts("en")
	if err != nil {
		t.Fatal(err)
	}
	if got := texts.Langs(); !slices.Equal(got, []string{"en", "de"}) {
		t.Errorf("Langs() = %v, want the default first", got)
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
		})
	}
	if got := texts.T("de", "flow.current", map[string]any{"Value": "<b>"}); got != "Bisher: &lt;b&gt;" {
		t.Errorf("string data not escaped: %q", got)
	}
	if got := texts.T("de", "flow.current", map[string]any{"Value": flows.HTML("<b>x</b>")}); got != "Bisher: <b>x</b>" {
		t.Errorf("HTML data escaped: %q", got)
	}
	if _, err := flows.NewTexts("fr"); err == nil {
		t.Error("NewTexts accepts a default language without translation")
	}
}

func TestDateTime(t *testing.T) {
	texts, err := flows.NewTexts("de")
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
}
