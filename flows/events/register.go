package events

import (
	"embed"
	"errors"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the organiser's side of events needs.
type Deps struct {
	Events   domain.EventStore
	Search   domain.OrganisationSearch // associations added to an audience by name
	Users    domain.UserStore          // a municipal contact's municipality, to prefill the event's city
	Advisors domain.AdvisorStore       // an advisor's home city, to prefill the event's city
	// Cards returns the notify function with which turn t publishes
	// event e: each invitation's card and file (flows/invitations).
	// Required: publishing without it would invite nobody visibly.
	Cards func(t *engine.Turn, e domain.Event) (func(domain.EventInvitation) []domain.Notification, error)
	// Updates returns the notify function with which turn t changes or
	// cancels published event e: what those told get (flows/invitations).
	// Required for changes and cancellations.
	Updates func(t *engine.Turn, e domain.Event) (func(domain.EventUpdate) []domain.Notification, error)
	// Unanswered returns the notify function with which turn t reminds
	// the members of event e's associations without an answer
	// (flows/invitations); it reads nothing. Required, as Cards.
	Unanswered func(t *engine.Turn, e domain.Event) func(domain.EventInvitation) []domain.Notification
}

// The screens; an event's id (or a page) is the parameter.
const (
	screenCreate   = "evc" // start the flow
	screenMine     = "evm" // the organiser's events; param: the page
	screenEvent    = "evd" // an event with its figures
	screenEdit     = "eve" // edit a draft
	screenAudience = "eva" // the audience of a draft
	screenScope    = "evt" // toggle "this city only"
	screenFind     = "evf" // add an association by name
	screenPublish  = "evp" // publish to the audience
	screenAnswers  = "evr" // the answers as a message
	screenExcel    = "evx" // the answers as CSV for German Excel
	screenPlain    = "evv" // the answers as CSV (RFC 4180)
)

// organisers are the roles that may be offered events (CanCreateEvent
// decides: a municipal contact needs a confirmed municipality).
var organisers = []domain.Role{domain.RoleAdvisor, domain.RoleMunicipal, domain.RoleCoordinator}

// Register adds /veranstaltung (English /event) and /veranstaltungen
// (English /events) with their menu entries, the flows, screens and texts.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: "veranstaltung", Names: map[string]string{"en": "event"}, Desc: keyCmdCreate,
		Roles: organisers, Order: 59, Run: func(t *engine.Turn) { d.create(t, false) }})
	r.Command(engine.Command{Name: "veranstaltungen", Names: map[string]string{"en": "events"}, Desc: keyCmdMine,
		Roles: organisers, Order: 59, Run: func(t *engine.Turn) { d.mine(t, 0, false) }})
	r.Menu(engine.MenuEntry{Row: 45, Col: 1, Label: keyBtnCreate, Screen: screenCreate, Roles: organisers})
	r.Menu(engine.MenuEntry{Row: 45, Col: 2, Label: keyBtnMine, Screen: screenMine, Roles: organisers})
	r.Screen(screenCreate, func(t *engine.Turn, _ string) { d.create(t, true) })
	r.Screen(screenMine, func(t *engine.Turn, p string) { d.mine(t, engine.ParsePage(p), true) })
	r.Screen(screenEvent, d.managed(d.showEvent))
	r.Screen(screenEdit, d.managed(d.edit))
	r.Screen(screenAudience, d.managed(d.showAudience))
	r.Screen(screenScope, d.managed(d.toggleScope))
	r.Screen(screenFind, d.managed(d.startFind))
	r.Screen(screenPublish, d.managed(d.publish))
	r.Screen(screenAnswers, d.managed(d.answers))
	r.Screen(screenExcel, d.managed(func(t *engine.Turn, e domain.Event) { d.export(t, e, engine.CSVExcel) }))
	r.Screen(screenPlain, d.managed(func(t *engine.Turn, e domain.Event) { d.export(t, e, engine.CSVPlain) }))
	r.Flow(d.createFlow())
	r.Flow(d.findFlow())
	d.registerChanges(r)
	registerReminders(r, d)
}

// managed makes a screen handler of an event the acting user may manage,
// whose id is the parameter: the user and the event are read afresh, and a
// malformed or unknown id is a stale button, someone else's event a
// refused press (nothing of it shows).
func (d Deps) managed(h func(t *engine.Turn, e domain.Event)) func(t *engine.Turn, param string) {
	return func(t *engine.Turn, param string) {
		id, ok := engine.ParseID(param)
		if !ok {
			t.StaleButton()
			return
		}
		a, ok := t.Admit(func(domain.Actor) bool { return true }, keyRefused)
		if !ok {
			return
		}
		e, err := d.Events.EventByID(t.Ctx(), id)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			t.StaleButton()
		case err != nil:
			t.Fail(err)
		case !domain.CanManageEvent(a, e):
			t.Refuse(engine.KeyForbidden)
		default:
			h(t, e)
		}
	}
}
