package feedback

import (
	"context"
	"embed"
	"errors"
	"strconv"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

//go:embed locales/*.toml
var locales embed.FS

// Outbox writes notifications on their own (storage.Store has it).
type Outbox interface {
	Notify(ctx context.Context, notes []domain.Notification) error
}

// Deps is what the feature needs.
type Deps struct {
	Users  domain.UserStore
	Outbox Outbox
}

// Names the feature registers.
const (
	Command   = "feedback"
	Feature   = "fb"
	ActionAck = "ack"
	Job       = "feedback-reminder"
	flowName  = "feedback"
	screen    = "feedback"
	dataText  = "text"
)

// Register adds the command, the menu entry and its screen, the flow, the
// durable action, the job and the texts.
func Register(r *engine.Registry, d Deps) {
	r.Texts(locales)
	r.Command(engine.Command{Name: Command, Desc: "cmd.feedback", Order: 100, Run: start})
	r.Menu(engine.MenuEntry{Row: 95, Label: "btn.feedback", Screen: screen})
	r.Screen(screen, func(t *engine.Turn, _ string) { t.StartFlow(flowName, nil, true) })
	r.Flow(&engine.Flow{
		Name:  flowName,
		Steps: []engine.Step{engine.RuleStep(dataText, "field.feedback", "feedback.prompt", engine.TextRule{Min: 2, Max: 500, Multiline: true})},
		Summary: func(t *engine.Turn, lines string) string {
			return t.T("feedback.summary", map[string]any{"Lines": engine.HTML(lines)})
		},
		Finish: d.finish,
	})
	r.Durable(Feature, ActionAck, d.ack)
	r.Job(engine.Job{Name: Job, Spec: "@every 1h", Run: d.remind})
}

// start opens the flow for a registered user.
func start(t *engine.Turn) {
	switch {
	case t.Busy():
	case !t.Registered():
		t.Note(engine.KeyHintNotRegistered, nil)
	default:
		t.StartFlow(flowName, nil, false)
	}
}

// finish sends the feedback to every coordinator, with a button to
// acknowledge it.
func (d Deps) finish(t *engine.Turn) {
	a, ok := t.Actor()
	if !ok {
		if !t.Failed() {
			t.EndFlow()
			t.Note(engine.KeyHintNotRegistered, nil)
		}
		return
	}
	coords, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return
	}
	notes := t.Notifier()
	var out []domain.Notification
	for _, c := range coords {
		label := t.Texts().Plain(notes.LangOf(c), "btn.feedback_ack", nil)
		out = append(out, notes.Notification(c, "feedback.notify", map[string]any{"Name": a.Name, "Text": t.Get(dataText)},
			[][]engine.Button{{engine.DurableButton(label, Feature, ActionAck, a.ID)}}))
	}
	if err := d.Outbox.Notify(t.Ctx(), out); err != nil {
		t.Fail(err)
		return
	}
	t.EndFlow()
	t.Note("feedback.sent", nil)
	t.ShowMenu(false)
}

// ack lets a coordinator thank the author of feedback; anyone else is
// refused and nothing happens.
func (d Deps) ack(t *engine.Turn, authorID int64) {
	a, _ := t.Actor()
	if !domain.MayReview(a) {
		t.Refuse(engine.KeyForbidden)
		return
	}
	author, err := d.Users.UserByID(t.Ctx(), authorID)
	if errors.Is(err, domain.ErrNotFound) {
		t.Refuse(engine.KeyForbidden)
		return
	}
	if err != nil {
		t.Fail(err)
		return
	}
	note := t.Notifier().Notification(author, "feedback.acked", nil, nil)
	if err := d.Outbox.Notify(t.Ctx(), []domain.Notification{note}); err != nil {
		t.Fail(err)
		return
	}
	t.Toast(t.Plain("feedback.ack_toast", map[string]any{"ID": strconv.FormatInt(authorID, 10)}))
	t.Quiet()
}

// remind asks every coordinator to look at the feedback.
func (d Deps) remind(ctx context.Context, env engine.JobEnv) error {
	coords, err := d.Users.Coordinators(ctx)
	if err != nil {
		return err
	}
	out := make([]domain.Notification, 0, len(coords))
	for _, c := range coords {
		out = append(out, env.Notes.Notification(c, "feedback.reminder", nil, nil))
	}
	return d.Outbox.Notify(ctx, out)
}
