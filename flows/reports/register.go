package reports

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the reports feature needs.
type Deps struct {
	Reports      domain.ReportStore
	Requests     domain.RequestStore
	Offers       domain.OfferStore       // the seats of a request
	Appointments domain.AppointmentStore // the days a report offers
	Assignments  domain.AssignmentStore  // the seats an advisor holds, for /bericht
	Users        domain.UserStore        // the requester and the coordinators to tell
	// KmRateCents is what a kilometre travelled is paid, in cents; 0: 30.
	KmRateCents int
}

// defaultKmRate is the rate of a kilometre when none is configured, in
// cents.
const defaultKmRate = 30

// kmRate is the configured rate of a kilometre in cents.
func (d Deps) kmRate() int {
	if d.KmRateCents <= 0 {
		return defaultKmRate
	}
	return d.KmRateCents
}

// screenList is the screen of /bericht, opened from the menu.
const screenList = "rp_list"

// feature is the feature name in durable buttons: "*:rp:<action>:<id>".
const feature = "rp"

// Durable actions: actWrite takes a request id (write or correct the
// presser's report on it), actConfirm and actAsk a report version's id,
// the stars and actClose a request id.
const (
	actWrite   = "w"
	actConfirm = "ok"
	actAsk     = "q"
	actClose   = "cl"
)

// starActions rate a request with 1 to 5 stars.
var starActions = [domain.MaxStars]string{"s1", "s2", "s3", "s4", "s5"}

// Register adds /bericht, the report flow, the answers of the municipal
// side, the rating, the job that nudges waiting reports and closes
// unrated requests, and the texts.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: "bericht", Names: map[string]string{"en": "report"}, Desc: keyCmdReport,
		Roles: []domain.Role{domain.RoleAdvisor, domain.RoleMunicipal}, Order: 56, Run: func(t *engine.Turn) { d.list(t, false) }})
	r.Menu(engine.MenuEntry{Row: 39, Col: 2, Label: keyBtnMenu, Screen: screenList,
		Roles: []domain.Role{domain.RoleAdvisor, domain.RoleMunicipal}})
	r.Screen(screenList, func(t *engine.Turn, _ string) { d.list(t, true) })
	r.Flow(d.reportFlow())
	r.Durable(feature, actWrite, d.startReport)
	r.Durable(feature, actConfirm, d.confirm)
	r.Flow(d.askFlow())
	r.Durable(feature, actAsk, d.startAsk)
	r.Flow(d.rateFlow())
	for i, act := range starActions {
		r.Durable(feature, act, func(t *engine.Turn, id int64) { d.startRate(t, id, i+1) })
	}
	r.Durable(feature, actClose, d.closeUnrated)
	r.Job(engine.Job{Name: "reports", Spec: "@every 1h", Run: d.runJobs})
}

// ReportButton is the button that starts the advisor's report on request
// id, for other features' messages (Meine Einsätze, the overdue reminder).
func ReportButton(tx *engine.Texts, lang string, id int64) engine.Button {
	return engine.DurableButton(tx.Plain(lang, keyBtnWrite, nil), feature, actWrite, id)
}
