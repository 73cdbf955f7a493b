package statistics

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the statistics need.
type Deps struct {
	Stats domain.StatisticsStore // the figures of a period
}

// The screens (param: the quarter's code, e.g. "2026-Q4"; "" for the
// current quarter): the figures, and the figures sent as a CSV for German
// Excel or as RFC 4180.
const (
	screenStats = "stats"
	screenExcel = "statsx"
	screenPlain = "statsc"
)

// Register adds /statistik (English /stats) and the menu entry
// "Statistik" for coordinators, with their screens and texts.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	office := []domain.Role{domain.RoleCoordinator}
	r.Command(engine.Command{Name: "statistik", Names: map[string]string{"en": "stats"}, Desc: keyCmd,
		Roles: office, Order: 58, Run: func(t *engine.Turn) { d.show(t, "", false) }})
	r.Menu(engine.MenuEntry{Row: 37, Col: 2, Label: keyBtnMenu, Screen: screenStats, Roles: office})
	r.Screen(screenStats, func(t *engine.Turn, code string) { d.show(t, code, true) })
	r.Screen(screenExcel, func(t *engine.Turn, code string) { d.export(t, code, engine.CSVExcel) })
	r.Screen(screenPlain, func(t *engine.Turn, code string) { d.export(t, code, engine.CSVPlain) })
}
