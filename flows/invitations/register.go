package invitations

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the invitations feature needs.
type Deps struct {
	Events        domain.EventStore
	Organisations domain.OrganisationStore
}

// feature is the feature name in durable buttons: "*:iv:<action>:<id>".
const feature = "iv"

// Register adds the texts, the answers' durable actions and the list.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
}
