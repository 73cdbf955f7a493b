package flows_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The layout of the module, checked on its production files (not tests,
// not test-support packages): dependencies point one way, libraries stay
// in the package that owns them, files stay short, and every package says
// what it owns.

const module = "github.com/miglobe/miglobe-bot"

// maxLines is the longest a production file may be.
const maxLines = 300

// pkgFile is one parsed production file.
type pkgFile struct {
	path    string // relative to the module root, e.g. "flows/engine/turn.go"
	pkg     string // the package's import path relative to the module ("." for main)
	imports []string
	hasDoc  bool
	lines   int
}

// testSupport are packages only tests import.
var testSupport = []string{"storage/storagetest", "flows/flowstest"}

func isTestSupport(pkg string) bool {
	return slices.ContainsFunc(testSupport, func(s string) bool { return pkg == s || strings.HasPrefix(pkg, s+"/") })
}

// moduleFiles parses every production Go file of the module.
func moduleFiles(t *testing.T) []pkgFile {
	t.Helper()
	var out []pkgFile
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != ".." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel("..", p)
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pf := pkgFile{path: rel, pkg: path.Dir(rel), hasDoc: f.Doc != nil, lines: strings.Count(string(src), "\n")}
		for _, imp := range f.Imports {
			pf.imports = append(pf.imports, strings.Trim(imp.Path.Value, `"`))
		}
		out = append(out, pf)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 50 {
		t.Fatalf("found only %d files; is the test run from flows/?", len(out))
	}
	return out
}

// features are the feature packages: every package right under flows/
// but the engine, the domain and test support.
func isFeature(pkg string) bool {
	rest, ok := strings.CutPrefix(pkg, "flows/")
	return ok && !strings.Contains(rest, "/") && rest != "engine" && rest != "domain" && !isTestSupport(pkg)
}

// allowed reports whether package pkg may import the module package dep.
func allowed(pkg, dep string) bool {
	switch {
	case isTestSupport(dep):
		return isTestSupport(pkg)
	case pkg == "." || pkg == "bot/loadtest" || isTestSupport(pkg):
		return true // the commands wire everything; test support may use anything
	case pkg == "flows/domain":
		return false
	case pkg == "flows/engine":
		return dep == "flows/domain"
	case isFeature(pkg):
		return dep == "flows/engine" || dep == "flows/domain"
	case pkg == "flows":
		return isFeature(dep) || dep == "flows/engine" || dep == "flows/domain"
	case pkg == "storage":
		return dep == "flows/domain" || dep == "storage/migrations"
	case pkg == "scheduler", pkg == "storage/migrations", pkg == "bot/telegramfake":
		return false
	case pkg == "bot/sandbox":
		// the web chat of the fake; its demo associations are registered
		// through the domain's store interfaces (DemoStore).
		return dep == "bot/telegramfake" || dep == "flows/domain"
	case pkg == "bot" || strings.HasPrefix(pkg, "bot/"):
		// bot drives the engine and sends with its own subpackages; never
		// the features, the composition root, storage or the tools.
		sub, isBot := strings.CutPrefix(dep, "bot/")
		return dep == "flows/engine" || dep == "flows/domain" ||
			isBot && sub != "sandbox" && sub != "loadtest" && sub != "telegramfake" && dep != pkg
	}
	return false
}

// owners are libraries only one part of the module may import.
var owners = map[string]string{
	"github.com/go-telegram/bot":     "bot",
	"github.com/jackc/pgx":           "storage",
	"github.com/jackc/tern":          "storage",
	"github.com/redis/go-redis":      "storage",
	"github.com/go-redis/redis_rate": "storage",
	"github.com/robfig/cron":         "scheduler",
}

func TestDependenciesPointOneWay(t *testing.T) {
	for _, f := range moduleFiles(t) {
		for _, imp := range f.imports {
			if dep, ok := strings.CutPrefix(imp, module+"/"); ok {
				if !allowed(f.pkg, dep) {
					t.Errorf("%s: %s may not import %s", f.path, f.pkg, dep)
				}
				continue
			}
			for lib, owner := range owners {
				if (imp == lib || strings.HasPrefix(imp, lib+"/")) && f.pkg != owner && !strings.HasPrefix(f.pkg, owner+"/") &&
					!isTestSupport(f.pkg) {
					t.Errorf("%s: %s imports %s, which only %s may use", f.path, f.pkg, imp, owner)
				}
			}
		}
	}
}

func TestProductionFilesAreShort(t *testing.T) {
	for _, f := range moduleFiles(t) {
		if f.lines > maxLines {
			t.Errorf("%s has %d lines; split it below %d", f.path, f.lines, maxLines)
		}
	}
}

func TestEveryPackageSaysWhatItOwns(t *testing.T) {
	documented := map[string]bool{}
	for _, f := range moduleFiles(t) {
		documented[f.pkg] = documented[f.pkg] || f.hasDoc
	}
	for pkg, ok := range documented {
		if !ok {
			t.Errorf("package %s has no doc comment", pkg)
		}
	}
}

// The checks themselves: a feature importing another feature, the engine
// importing a feature, storage importing the engine and bot importing
// storage are refused; the allowed directions pass.
func TestLayoutRules(t *testing.T) {
	cases := []struct {
		pkg, dep string
		ok       bool
	}{
		{"flows/requests", "flows/engine", true},
		{"flows/requests", "flows/domain", true},
		{"flows/requests", "flows/onboarding", false},
		{"flows/engine", "flows/requests", false},
		{"flows/engine", "flows/domain", true},
		{"flows/domain", "flows/engine", false},
		{"flows", "flows/requests", true},
		{"storage", "flows/domain", true},
		{"storage", "flows/engine", false},
		{"bot", "flows/engine", true},
		{"bot", "flows", false},
		{"bot", "storage", false},
		{"bot", "flows/requests", false},
		{"bot/sandbox", "flows/domain", true},
		{"bot/sandbox", "flows/engine", false},
		{"scheduler", "flows/engine", false},
		{"flows/requests", "flows/flowstest", false},
		{".", "flows", true},
	}
	for _, c := range cases {
		if got := allowed(c.pkg, c.dep); got != c.ok {
			t.Errorf("allowed(%s, %s) = %v, want %v", c.pkg, c.dep, got, c.ok)
		}
	}
}
