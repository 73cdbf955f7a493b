package erasure

import (
	"context"
	"embed"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Deps is what the erasure needs. The hooks give the other features'
// notifications of the changes the erasure makes with their stores, so
// that those concerned learn what they would learn from the office.
type Deps struct {
	Erasure     domain.ErasureStore
	Users       domain.UserStore       // the coordinators and requesters told
	Assignments domain.AssignmentStore // offers withdrawn and seats given back
	Events      EventChanger           // answers withdrawn and events cancelled
	Chats       domain.ChatEraser      // the chat's Redis state; nil: none
	OfferNotes  func(t *engine.Turn) (func(domain.OfferChange) []domain.Notification, bool)
	// EventUpdates is the notify function of cancelling event e (every
	// invitee told), as the organiser's own cancel uses it.
	EventUpdates func(t *engine.Turn, e domain.Event) (func(domain.EventUpdate) []domain.Notification, error)
	// Promoted is the notifications of associations promoted from the
	// waitlist of event e by a change in turn t.
	Promoted func(t *engine.Turn, e domain.Event, offers []domain.SeatOffer) []domain.Notification
}

// EventChanger reads events and withdraws answers and cancels events
// (domain.EventStore and domain.SeatStore have it).
type EventChanger interface {
	EventByID(ctx context.Context, id int64) (domain.Event, error)
	Answer(ctx context.Context, actorID int64, a domain.OrgAnswer, notify func(domain.EventAnswerChange) []domain.Notification) (domain.EventAnswerChange, error)
	CancelEvent(ctx context.Context, id, actorID int64, notify func(domain.EventUpdate) []domain.Notification) (domain.EventUpdate, error)
}

// flowErase is stored in sessions; it keeps the name of the deletion flow
// that flows/account had, so that a flow running at an update goes on.
const flowErase = "delete"

// dataConfirm is the flow's answer: "yes" or "no".
const dataConfirm = "delete"

// Register adds /loeschen (English /delete), the screen the privacy
// notice's button opens (domain.ErasureScreen) and the flow.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: "loeschen", Names: map[string]string{"en": "delete"}, Desc: keyCmd, Order: 92,
		Roles:   domain.Roles, // registered users: someone unregistered has nothing to delete
		Run:     func(t *engine.Turn) { d.start(t, false) },
		Ungated: true}) // erasure is a right also before agreeing to a new privacy notice
	r.Screen(domain.ErasureScreen, func(t *engine.Turn, _ string) { d.start(t, true) })
	r.Flow(d.flow())
}

// start starts the flow (in the pressed message when inPlace) for a
// registered user not in another flow; someone unregistered is told
// that nothing is stored.
func (d Deps) start(t *engine.Turn, inPlace bool) {
	if t.Busy() {
		return
	}
	if _, ok := t.Actor(); !ok {
		if !t.Failed() {
			t.Note(keyUnregistered, nil)
		}
		return
	}
	t.StartFlow(flowErase, nil, inPlace)
}

// flow asks for the confirmation under the explanation (prompt).
func (d Deps) flow() *engine.Flow {
	confirm := engine.ChoiceStep(dataConfirm, keyField, d.prompt,
		func(t *engine.Turn) [][]engine.Choice {
			return [][]engine.Choice{{{Label: t.Plain(keyBtnYes, nil), Value: "yes"}},
				{{Label: t.Plain(keyBtnNo, nil), Value: "no"}}}
		}, nil)
	return &engine.Flow{Name: flowErase, Title: keyTitle, Steps: []engine.Step{confirm}, Finish: d.finish, Ungated: true}
}
