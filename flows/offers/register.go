package offers

import (
	"embed"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the offers feature needs.
type Deps struct {
	Offers   domain.OfferStore
	Requests domain.RequestStore
	Users    domain.UserStore    // the requester and the coordinators, to address them
	Advisors domain.AdvisorStore // the winner's reach, for the requester
	// Window is the default answer window of an offer; 0: 48 hours.
	Window time.Duration
}

// feature is the feature name in durable buttons: "*:of:<action>:<id>".
const feature = "of"

// Durable actions; the shortlist ones take a request id, the others an
// offer id.
const (
	actShortlist = "sl" // a coordinator opens the shortlist of a request
	actDirect    = "sd" // the same, to offer it to one advisor
	actView      = "vw" // the advisor's card of the offer, in place
	actAccept    = "ac" // the advisor accepts
	actDecline   = "dn" // the advisor is asked why they decline
	actDetails   = "dt" // the request's details, for the advisor
	actNoTime    = "r1" // declined: no time
	actTopic     = "r2" // declined: the topic does not fit
	actDistance  = "r3" // declined: too far
	actOther     = "r4" // declined: another reason, typed
	actContact   = "rc" // the requester side tells how the advisor may reach it; id: the request
)

// reasonOf maps the decline actions to their reasons.
var reasonOf = map[string]domain.DeclineReason{
	actNoTime: domain.DeclineNoTime, actTopic: domain.DeclineTopic, actDistance: domain.DeclineDistance,
}

// window is the default answer window.
func (d Deps) window() time.Duration {
	if d.Window <= 0 {
		return domain.DefaultAnswerWindow
	}
	return d.Window
}

// Register adds the shortlist flow, the durable actions of cards and
// notices, the typed-reason flow, the texts and the expiry job.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Flow(d.offerFlow())
	r.Flow(d.reasonFlow())
	r.Flow(d.contactFlow())
	r.Durable(feature, actContact, d.startContact)
	r.Durable(feature, actShortlist, func(t *engine.Turn, id int64) { d.startOffer(t, id, false) })
	r.Durable(feature, actDirect, func(t *engine.Turn, id int64) { d.startOffer(t, id, true) })
	r.Durable(feature, actView, d.view)
	r.Durable(feature, actAccept, d.accept)
	r.Durable(feature, actDecline, d.askReason)
	r.Durable(feature, actDetails, d.details)
	for act, reason := range reasonOf {
		r.Durable(feature, act, func(t *engine.Turn, id int64) { d.decline(t, id, reason, "") })
	}
	r.Durable(feature, actOther, d.startReason)
	r.Job(engine.Job{Name: "offers", Spec: "@every 1m", Run: d.runJobs})
}

// AfterApproval starts the shortlist, in the pressed message under
// notice (HTML), for a coordinator who just approved request r: the
// request feature calls it (wired in flows.go), so that approving leads
// on to offering.
func (d Deps) AfterApproval(t *engine.Turn, r domain.Request, notice string) {
	d.open(t, r, false, notice)
}

// Withdrawn returns the restyles that close the cards of request r's
// offers still waiting for an answer, for r's withdrawal (the request
// feature calls it; the store ends those offers in the withdrawal's
// transaction). It reports false after recording a store error.
func (d Deps) Withdrawn(t *engine.Turn, r domain.Request) ([]domain.Notification, bool) {
	offers, _, err := d.Offers.OffersOf(t.Ctx(), r.ID)
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	var out []domain.Notification
	for _, o := range offers {
		if o.Status.Live() {
			o.Status = domain.OfferWithdrawn
			out = append(out, closeCards(t.Notifier(), t.Texts(), r, o, 0))
		}
	}
	return out, true
}

// ChangeNotes returns the notify function of offer changes that another
// feature makes in turn t (the office deactivating an advisor, taking a
// request back): the cards of offers opened, closed cards, the office
// told when nobody is left. It reports false after recording a store
// error.
func (d Deps) ChangeNotes(t *engine.Turn) (func(domain.OfferChange) []domain.Notification, bool) {
	coords, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	tl := teller{tx: t.Texts(), notes: t.Notifier(), loc: t.Location(), coords: coords}
	if a, ok := t.Actor(); ok {
		tl.actor = a.ID
	}
	return tl.tell, true
}

// OfferButton is the button that opens the shortlist of request id, for
// other features' screens of a request (the request's detail).
func OfferButton(t *engine.Turn, id int64) engine.Button {
	return engine.DurableButton(t.Plain(keyBtnOffer, nil), feature, actShortlist, id)
}
