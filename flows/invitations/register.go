package invitations

import (
	"embed"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the invitations feature needs.
type Deps struct {
	Events        domain.EventStore
	Organisations domain.OrganisationStore
	Users         domain.UserStore // the organiser's name, the member's association
}

// feature is the feature name in durable buttons: "*:iv:<action>:<id>".
const feature = "iv"

// Register adds the texts, the answers' durable actions and flow,
// /einladungen with its menu entry, the cards shown anew, the stops, and
// the reminders (remind.go).
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	members := []domain.Role{domain.RoleOrganisation}
	r.Command(engine.Command{Name: "einladungen", Names: map[string]string{"en": "invitations"}, Desc: keyCmd,
		Roles: members, Order: 45, Run: func(t *engine.Turn) { d.list(t, false) }})
	r.Menu(engine.MenuEntry{Row: 46, Label: keyBtnMenu, Screen: screenList, Roles: members})
	r.Screen(screenList, func(t *engine.Turn, _ string) { d.list(t, true) })
	r.Screen(screenCard, d.showCard)
	r.Screen(screenStops, d.stops)
	r.Durable(feature, actYes, d.startYes)
	r.Durable(feature, actMaybe, func(t *engine.Turn, id int64) { d.answerNow(t, id, domain.ReplyMaybe) })
	r.Durable(feature, actNo, func(t *engine.Turn, id int64) { d.answerNow(t, id, domain.ReplyNo) })
	r.Flow(d.yesFlow())
	registerReminders(r, d)
}

// itoa is strconv.FormatInt in base 10.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
