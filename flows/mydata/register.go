package mydata

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the data export needs.
type Deps struct {
	Export domain.ExportStore
}

// Screen is the registered screen that sends the export from a button (the
// privacy screen's "Meine Daten herunterladen"), in place of the pressed
// message.
const Screen = "mydata"

// Register adds /meinedaten (English /mydata) for every registered user,
// the screen Screen and the texts.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: "meinedaten", Names: map[string]string{"en": "mydata"}, Desc: keyCmd,
		Roles: domain.Roles, Order: 91, Run: func(t *engine.Turn) { d.export(t, false) }})
	r.Screen(Screen, func(t *engine.Turn, _ string) { d.export(t, true) })
}
