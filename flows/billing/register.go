package billing

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the billing export needs.
type Deps struct {
	Reports domain.ReportStore // the confirmed report versions of a period
}

// The screens: the choice of a period, a period with its count and the
// formats, and the export in either format (param: the period's code,
// e.g. "2026-11" or "2026-Q4").
const (
	screenChoose = "billing"
	screenPeriod = "billp"
	screenExcel  = "billx"
	screenPlain  = "billc"
)

// Register adds /abrechnung (English /billing) and the menu entry
// "Abrechnung" for coordinators, with their screens and texts.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	office := []domain.Role{domain.RoleCoordinator}
	r.Command(engine.Command{Name: "abrechnung", Names: map[string]string{"en": "billing"}, Desc: keyCmd,
		Roles: office, Order: 58, Run: func(t *engine.Turn) { d.choose(t, false) }})
	r.Menu(engine.MenuEntry{Row: 37, Label: keyBtnMenu, Screen: screenChoose, Roles: office})
	r.Screen(screenChoose, func(t *engine.Turn, _ string) { d.choose(t, true) })
	r.Screen(screenPeriod, d.showPeriod)
	r.Screen(screenExcel, func(t *engine.Turn, code string) { d.export(t, code, engine.CSVExcel) })
	r.Screen(screenPlain, func(t *engine.Turn, code string) { d.export(t, code, engine.CSVPlain) })
}
