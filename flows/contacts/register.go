package contacts

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the contacts feature needs.
type Deps struct {
	Users    domain.UserStore // the coordinators and the contact, to address notifications
	Contacts domain.ContactStore
}

// feature is the feature name in durable buttons: "*:ct:<action>:<id>".
const feature = "ct"

// Durable actions; all but actList take the link's id.
const (
	actView      = "vw"  // the contact's card, with the decision buttons while it waits
	actVerify    = "ok"  // ask whether to confirm
	actVerifyYes = "oky" // confirm
	actReject    = "no"  // ask whether to reject
	actRejectYes = "noy" // reject
	actList      = "ls"  // the list of waiting contacts; the id is always 1
)

// screenList is the menu's screen of the waiting contacts.
const screenList = "contacts"

// Register adds /kontakte (English /contacts), the menu entry and its screen, the durable
// actions and the texts.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	office := []domain.Role{domain.RoleCoordinator}
	r.Command(engine.Command{Name: "kontakte", Names: map[string]string{"en": "contacts"}, Desc: keyCmdContacts,
		Roles: office, Order: 55, Run: func(t *engine.Turn) { d.showList(t, false) }})
	r.Menu(engine.MenuEntry{Row: 35, Label: keyBtnContacts, Screen: screenList, Roles: office,
		Waiting: func(t *engine.Turn) (int, error) { return d.Contacts.CountPendingContacts(t.Ctx()) }, WaitingText: keyListWaiting})
	r.Screen(screenList, func(t *engine.Turn, _ string) { d.showList(t, true) })
	r.Durable(feature, actList, func(t *engine.Turn, _ int64) { d.showList(t, true) })
	r.Durable(feature, actView, d.view)
	r.Durable(feature, actVerify, func(t *engine.Turn, id int64) { d.ask(t, id, domain.ContactVerified) })
	r.Durable(feature, actReject, func(t *engine.Turn, id int64) { d.ask(t, id, domain.ContactRejected) })
	r.Durable(feature, actVerifyYes, func(t *engine.Turn, id int64) { d.decide(t, id, domain.ContactVerified) })
	r.Durable(feature, actRejectYes, func(t *engine.Turn, id int64) { d.decide(t, id, domain.ContactRejected) })
}
