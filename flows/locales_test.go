package flows_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/miglobe/miglobe-bot/flows"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The locale check covers the engine and every feature: each package that
// has locales/ defines every key in de and en, every key its Go code names
// exists in its own locales or the engine's, and no key is left unused
// (an engine key may be used anywhere in flows/, a feature's key only in
// the feature). Test-only features (under flowstest) are checked too.

// bundle is a package with texts: its folder and its keys per language.
type bundle struct {
	dir  string
	keys map[string]map[string]string // lang → key → text
}

// bundles finds every package under flows/ with a locales folder.
func bundles(t *testing.T) map[string]*bundle {
	t.Helper()
	out := map[string]*bundle{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), "_") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || filepath.Base(filepath.Dir(path)) != "locales" || filepath.Ext(path) != ".toml" {
			return nil
		}
		dir := filepath.Dir(filepath.Dir(path))
		if out[dir] == nil {
			out[dir] = &bundle{dir: dir, keys: map[string]map[string]string{}}
		}
		out[dir].keys[strings.TrimSuffix(filepath.Base(path), ".toml")] = localeFile(t, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"engine", "onboarding", "account", "requests"} {
		if out[want] == nil {
			t.Fatalf("no locales found in %s", want)
		}
	}
	return out
}

// localeFile returns the keys of one locale file, flattened with dots.
func localeFile(t *testing.T, path string) map[string]string {
	t.Helper()
	var raw map[string]any
	if _, err := toml.DecodeFile(path, &raw); err != nil {
		t.Fatalf("parse %s: %v", path, err)
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
				t.Errorf("%s: %s%s is a %T", path, prefix, k, v)
			}
		}
	}
	walk("", raw)
	return out
}

var keyLike = regexp.MustCompile(`^([a-z]+)\.[A-Za-z0-9_]+$`)

// goKeys returns the string literals of dir's non-test Go files (not its
// subfolders) that look like keys of one of tables, with their position.
func goKeys(t *testing.T, dir string, tables map[string]bool) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
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

func TestEveryLocaleHasTheSameKeysInEveryLanguage(t *testing.T) {
	for dir, b := range bundles(t) {
		de := b.keys["de"]
		if de == nil || b.keys["en"] == nil {
			t.Errorf("%s: want locales/de.toml and locales/en.toml", dir)
			continue
		}
		for lang, keys := range b.keys {
			for k := range de {
				if _, ok := keys[k]; !ok {
					t.Errorf("%s: %s lacks %s", dir, lang, k)
				}
			}
			for k := range keys {
				if _, ok := de[k]; !ok {
					t.Errorf("%s: %s has %s, de does not", dir, lang, k)
				}
			}
		}
	}
}

func TestEveryKeyInGoExistsAndEveryTextIsUsed(t *testing.T) {
	all := bundles(t)
	tables := map[string]bool{}
	for _, b := range all {
		for k := range b.keys["de"] {
			tables[strings.Split(k, ".")[0]] = true
		}
	}
	eng := all["engine"].keys["de"]
	usedAnywhere := map[string]bool{}
	for dir, b := range all {
		used := goKeys(t, dir, tables)
		for k, pos := range used {
			usedAnywhere[k] = true
			if _, own := b.keys["de"][k]; !own {
				if _, shared := eng[k]; !shared {
					t.Errorf("%s: key %q is in neither %s's locales nor the engine's", pos, k, dir)
				}
			}
		}
		if dir == "engine" {
			continue
		}
		for k := range b.keys["de"] {
			if _, ok := used[k]; !ok {
				t.Errorf("%s: locale key %q is used nowhere in its Go code", dir, k)
			}
		}
	}
	// Engine keys may be named by any package under flows/ (the shared
	// vocabulary), also one without texts of its own.
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case !d.IsDir():
			return nil
		case path != "." && (strings.HasPrefix(d.Name(), "_") || d.Name() == "testdata"):
			return filepath.SkipDir
		}
		for k := range goKeys(t, path, tables) {
			usedAnywhere[k] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := range eng {
		if !usedAnywhere[k] {
			t.Errorf("engine locale key %q is used nowhere in flows/", k)
		}
	}
}

// plainTables hold button labels, names and command descriptions: shown
// as plain text, so they must hold no HTML.
var plainTables = regexp.MustCompile(`^(btn|role|state|field|lang|cmd|age|status|topic|mode|urgency|list|calendar|month|weekday|multi)\.`)

func TestEveryTextIsValidTelegramHTML(t *testing.T) {
	texts, err := flows.Texts("de")
	if err != nil {
		t.Fatal(err)
	}
	data, plainData := map[string]any{}, map[string]any{}
	for _, f := range []string{"Name", "Step", "Value", "Choice", "Label", "Field", "Roles", "Role", "Municipality",
		"Organisation", "State", "Function", "City", "Data", "Lines", "Commands", "Desc", "Ref", "Topic", "Note",
		"Question", "Answer", "Who", "Status", "Date", "Excerpt", "Urgency", "Limit", "Month", "Earliest", "Values"} {
		data[f] = `<x> & "y"`
		plainData[f] = engine.HTML("Wert")
	}
	all := bundles(t)
	for dir, b := range all {
		if strings.HasPrefix(dir, "flowstest") {
			continue // test-only features are not in flows.Texts
		}
		for lang, keys := range b.keys {
			for k, src := range keys {
				s := texts.T(lang, k, data)
				if strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
					t.Errorf("%s %s: template not filled: %q", lang, k, s)
				}
				if plainTables.MatchString(k) {
					if strings.ContainsAny(src, "<>&") || s == "" || len(texts.Plain(lang, k, plainData)) > 256 {
						t.Errorf("%s %s is no plain label: %q", lang, k, src)
					}
					continue
				}
				if _, err := flowstest.CheckHTML(s); err != nil {
					t.Errorf("%s %s: %v\n%s", lang, k, err, s)
				}
			}
		}
	}
}

func TestGermanTextsAreFormalAndInclusive(t *testing.T) {
	informal := regexp.MustCompile(`(?i)\b(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer)\b`)
	for dir, b := range bundles(t) {
		for k, v := range b.keys["de"] {
			if informal.MatchString(v) {
				t.Errorf("%s: de %s is informal: %q", dir, k, v)
			}
			if strings.Contains(v, "Berater ") || strings.Contains(v, "Beraterinnen") {
				t.Errorf("%s: de %s lacks the inclusive form Berater*innen: %q", dir, k, v)
			}
		}
	}
}

// The texts of every feature load together: no key is defined twice.
func TestTextsOfAllFeaturesLoad(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		if _, err := flows.Texts(lang); err != nil {
			t.Fatalf("Texts(%s): %v", lang, err)
		}
	}
	if _, err := os.Stat("locales"); err == nil {
		t.Error("flows/locales exists: texts belong to the engine or a feature")
	}
}
