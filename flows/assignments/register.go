package assignments

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the assignments feature needs.
type Deps struct {
	Assignments domain.AssignmentStore
	Advisors    domain.AdvisorStore // the profile on the advisor's card
	Offers      domain.OfferStore   // the offer behind an assignment's durable buttons
	Requests    domain.RequestStore // the request taken back, to tell its requester
	Users       domain.UserStore    // the coordinators and the requester, to address notifications
	// OfferNotes gives the notifications of an offer change that a
	// deactivation or a withdrawal causes (the withdrawn card closed, the
	// next advisor's offer card, the coordinators told that nobody is
	// left): the offers feature's own, so that its cards look the same
	// everywhere. It reports false after recording a store error.
	OfferNotes func(t *engine.Turn) (func(domain.OfferChange) []domain.Notification, bool)
	// Overdue finds the overdue reports and claims their weekly reminders.
	Overdue domain.OverdueStore
	// ReportButton is the reports feature's button, labelled in lang, that
	// starts the advisor's report on request requestID; the weekly
	// reminder of an overdue report carries it. nil: the reminder goes
	// without a button.
	ReportButton func(texts *engine.Texts, lang string, requestID int64) engine.Button
}

// feature is the feature name in durable buttons: "*:as:<action>:<id>".
const feature = "as"

// Durable actions of the office; the id is the advisor's users.id, but for
// the withdrawal's (the accepted offer's id) and actList's (the page + 1).
const (
	actCard          = "vw"  // the advisor's card
	actDeactivate    = "off" // ask whether to deactivate
	actDeactivateYes = "ofy" // deactivate
	actReactivate    = "on"  // reactivate
	actWithdraw      = "wd"  // ask whether to take the request of an accepted offer back
	actWithdrawYes   = "wdy" // take it back
	actList          = "ls"  // the list of the pool at a page
)

// The offers feature's durable actions that this feature's buttons open.
const (
	offersFeature  = "of"
	offerView      = "vw" // the offer card; id: the offer
	offerShortlist = "sl" // the shortlist to offer a request again; id: the request
)

// The screens of the menu entries and the advisor's assignment detail.
const (
	screenMine       = "assignments"
	screenAssignment = "assignment" // param: the request's id
	screenPool       = "pool"       // param: the page
)

// Register adds "Meine Einsätze" for advisors and "Berater*innen" for the
// office: commands, menu entries, screens, durable actions and texts.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	advisors, office := []domain.Role{domain.RoleAdvisor}, []domain.Role{domain.RoleCoordinator}
	r.Command(engine.Command{Name: "einsaetze", Names: map[string]string{"en": "assignments"}, Desc: keyCmdMine,
		Roles: advisors, Order: 42, Run: func(t *engine.Turn) { d.showMine(t, false) }})
	r.Menu(engine.MenuEntry{Row: 38, Label: keyBtnMine, Screen: screenMine, Roles: advisors})
	r.Screen(screenMine, func(t *engine.Turn, _ string) { d.showMine(t, true) })
	r.Screen(screenAssignment, d.showAssignment)

	r.Command(engine.Command{Name: "berater", Names: map[string]string{"en": "advisors"}, Desc: keyCmdPool,
		Roles: office, Order: 57, Run: func(t *engine.Turn) { d.showPool(t, 0, false) }})
	r.Menu(engine.MenuEntry{Row: 36, Label: keyBtnPool, Screen: screenPool, Roles: office})
	r.Screen(screenPool, func(t *engine.Turn, param string) { d.showPool(t, engine.ParsePage(param), true) })
	r.Durable(feature, actList, func(t *engine.Turn, id int64) { d.showPool(t, int(id)-1, true) })
	r.Durable(feature, actCard, func(t *engine.Turn, id int64) { d.card(t, id, "") })
	r.Durable(feature, actDeactivate, d.askDeactivate)
	r.Durable(feature, actDeactivateYes, func(t *engine.Turn, id int64) { d.setActive(t, id, false) })
	r.Durable(feature, actReactivate, func(t *engine.Turn, id int64) { d.setActive(t, id, true) })
	r.Durable(feature, actWithdraw, d.askWithdraw)
	r.Durable(feature, actWithdrawYes, d.withdraw)
	// The store claims each reminder once a week; hourly is soon enough.
	r.Job(engine.Job{Name: "overdue_reports", Spec: "@every 1h", Run: d.remindOverdue})
}
