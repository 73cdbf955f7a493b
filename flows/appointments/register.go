package appointments

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the appointments feature needs.
type Deps struct {
	Appointments domain.AppointmentStore
	Requests     domain.RequestStore
	Offers       domain.OfferStore      // the seats of a request
	Assignments  domain.AssignmentStore // the seats an advisor holds, for /termine
}

// feature is the feature name in durable buttons: "*:ap:<action>:<id>".
const feature = "ap"

// Durable actions. actPropose takes a request id; the picks take an
// appointment id, one action per option of the current round.
const actPropose = "np"

// pickActions are the durable actions that pick option i of an
// appointment's current round (domain.MaxAppointmentOptions of them).
var pickActions = [domain.MaxAppointmentOptions]string{"p0", "p1", "p2", "p3", "p4"}

// Register adds /termine, the proposal flow, the picks, the texts and the
// reminder job.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: "termine", Names: map[string]string{"en": "appointments"}, Desc: keyCmdAppointments,
		Roles: []domain.Role{domain.RoleAdvisor, domain.RoleMunicipal, domain.RoleCoordinator}, Order: 55,
		Run: func(t *engine.Turn) { d.list(t, false) }})
	r.Menu(engine.MenuEntry{Row: 39, Col: 1, Label: keyBtnMenu, Screen: screenList,
		Roles: []domain.Role{domain.RoleAdvisor, domain.RoleMunicipal}})
	r.Screen(screenList, func(t *engine.Turn, _ string) { d.list(t, true) })
	r.Screen(screenOffice, func(t *engine.Turn, param string) { d.office(t, engine.ParsePage(param), true) })
	r.Flow(d.proposeFlow())
	r.Durable(feature, actPropose, d.startPropose)
	r.Flow(d.moveFlow())
	r.Flow(d.counterFlow())
	r.Durable(feature, actCounter, d.startCounter)
	r.Flow(d.cancelFlow())
	r.Durable(feature, actMove, func(t *engine.Turn, id int64) { d.startChange(t, id, false) })
	r.Durable(feature, actCancel, func(t *engine.Turn, id int64) { d.startChange(t, id, true) })
	for i, act := range pickActions {
		r.Durable(feature, act, func(t *engine.Turn, id int64) { d.pick(t, id, i) })
	}
	r.Job(engine.Job{Name: "appointments", Spec: "@every 1m", Run: d.remind})
}
