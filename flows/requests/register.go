package requests

import (
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the request feature needs.
type Deps struct {
	Requests domain.RequestStore
	Users    domain.UserStore // to address notifications
	// Offer, when set, leads a coordinator on from an approved request to
	// offering it (the offers feature, wired by the composition root):
	// Approved shows what comes after an approval in the question's place,
	// below notice (HTML: the approval done); Button is shown on the
	// detail of a request that may be offered.
	Offer OfferHooks
	// Lines are more lines of other features for the detail of a request,
	// under its status and the offers' lines, in order (the appointments;
	// wired by the composition root, so that this feature imports none).
	Lines []DetailLines
}

// DetailLines returns the lines the detail of r shows a (HTML, user text
// escaped); false after recording a store error.
type DetailLines func(t *engine.Turn, a domain.Actor, r domain.Request) ([]string, bool)

// OfferHooks are what the request feature needs of the offers.
type OfferHooks struct {
	Approved func(t *engine.Turn, r domain.Request, notice string)
	Button   func(t *engine.Turn, id int64) engine.Button
	// Withdrawn returns the notifications that close the cards of r's
	// offers still waiting for an answer, for the withdrawal of r (whose
	// transaction ends those offers); false after recording a store error.
	Withdrawn func(t *engine.Turn, r domain.Request) ([]domain.Notification, bool)
}

// feature is the feature name in durable buttons: "*:rq:<action>:<id>".
const feature = "rq"

// Durable actions on a request.
const (
	actApprove = "ap" // a coordinator approves (asked first)
	actAsk     = "qu" // a coordinator asks the requester a question
	actDecline = "de" // a coordinator declines, with a reason
	actView    = "vw" // anyone who may see the request opens its detail
	actAnswer  = "an" // the requester's side answers the open question
)

// Screens of the request feature; the request ones take its id.
const (
	screenRequest    = "request"  // start the request flow
	screenMyRequests = "requests" // Meine Anfragen
	screenQueue      = "queue"    // the coordinators' queue
	screenDetail     = "rd"       // the detail of a request
	screenFull       = "rx"       // every field of a request in full, paged
	screenApproveYes = "ay"       // a coordinator confirms the approval
	screenCancelAsk  = "rc"       // ask whether to withdraw it
	screenCancelYes  = "ry"       // withdraw it
)

// flagRequester marks a conversation whose user has requests of their own:
// only their typed text is looked at as a possible answer to a question.
const flagRequester = "requester"

// Register adds the request commands, menu entries, screens, durable
// actions, flows and the handler of typed answers.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	municipal := []domain.Role{domain.RoleMunicipal}
	office := []domain.Role{domain.RoleCoordinator}
	r.Command(engine.Command{Name: "beratung", Names: map[string]string{"en": "request"}, Desc: keyCmdRequest,
		Roles: municipal, Order: 30, Run: func(t *engine.Turn) { d.startRequest(t, false) }})
	r.Command(engine.Command{Name: "anfragen", Names: map[string]string{"en": "myrequests"}, Desc: keyCmdMyRequests,
		Roles: municipal, Order: 40, Run: func(t *engine.Turn) { d.myRequests(t, false) }})
	r.Command(engine.Command{Name: "offen", Names: map[string]string{"en": "queue"}, Desc: keyCmdQueue,
		Roles: office, Order: 50, Run: func(t *engine.Turn) { d.showQueue(t, false) }})
	r.Menu(engine.MenuEntry{Row: 10, Label: keyBtnRequest, Screen: screenRequest, Roles: municipal})
	r.Menu(engine.MenuEntry{Row: 20, Label: keyBtnMyRequests, Screen: screenMyRequests, Roles: municipal})
	r.Menu(engine.MenuEntry{Row: 30, Label: keyBtnQueue, Screen: screenQueue, Roles: office,
		Waiting: func(t *engine.Turn) (int, error) { return d.Requests.CountOpen(t.Ctx()) }, WaitingText: keyQueueWaiting})
	r.Screen(screenRequest, func(t *engine.Turn, _ string) { d.startRequest(t, true) })
	r.Screen(screenMyRequests, func(t *engine.Turn, _ string) { d.myRequests(t, true) })
	r.Screen(screenQueue, func(t *engine.Turn, _ string) { d.showQueue(t, true) })
	r.Screen(screenDetail, withID(d.showRequest))
	r.Screen(screenFull, d.showFull)
	r.Screen(screenApproveYes, withID(d.approve))
	r.Screen(screenCancelAsk, withID(d.askCancel))
	r.Screen(screenCancelYes, withID(d.cancelRequest))
	r.Durable(feature, actApprove, d.askApprove)
	r.Durable(feature, actAsk, func(t *engine.Turn, id int64) { d.startReview(t, flowQuestion, id) })
	r.Durable(feature, actDecline, func(t *engine.Turn, id int64) { d.startReview(t, flowDecline, id) })
	r.Durable(feature, actAnswer, d.startAnswer)
	r.Durable(feature, actView, d.showRequestBelow)
	r.Flow(d.requestFlow())
	for _, f := range d.reviewFlows() {
		r.Flow(f)
	}
	r.Text(d.typedAnswer)
}

// withID adapts a handler of a request id to a screen: a malformed id is
// a stale button.
func withID(h func(t *engine.Turn, id int64)) func(t *engine.Turn, param string) {
	return func(t *engine.Turn, param string) {
		id, ok := engine.ParseID(param)
		if !ok {
			t.StaleButton()
			return
		}
		h(t, id)
	}
}
