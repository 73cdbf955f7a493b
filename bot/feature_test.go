package bot

import (
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest/feedback"
)

// A feature that lives in a folder of its own (flowstest/feedback) and is
// added with one registration works end to end through the fake Bot API:
// its command is published to Telegram, its menu entry, flow and durable
// button work in the chat, its notifications go through the outbox, and
// its job runs as the scheduler runs it. No file of the engine or of
// another feature knows it.
func TestFeatureFromItsOwnFolderEndToEnd(t *testing.T) {
	fake := startFake(t)
	store := clockedStore(t)
	coordUser := telegramfake.User{ID: 9401, FirstName: "Jana", LanguageCode: "en"}
	cfg := Config{Token: testToken, APIURL: fake.URL(), PollTimeout: time.Second, Clock: testNow,
		Coordinators: []int64{coordUser.ID}, Log: slog.New(slog.DiscardHandler)}
	eng := runBotWithFeature(t, cfg, store, func(r *engine.Registry) {
		feedback.Register(r, feedback.Deps{Users: store, Outbox: store}) // the one line
	})
	texts := eng.Texts()
	coord := &conversation{t: t, fake: fake, user: coordUser, texts: texts, lang: "en"}
	contact := &conversation{t: t, fake: fake, user: telegramfake.User{ID: 9402, FirstName: "Erika", LanguageCode: "de"},
		texts: texts, lang: "de"}
	coord.registerCoordinator("Jana Koordination")
	contact.registerMunicipal("Erika Muster", "Hattingen")
	coord.expectContactNotice()

	// The command menu Telegram shows lists the new command.
	if !slices.ContainsFunc(fake.Commands("de"), func(c models.BotCommand) bool { return c.Command == feedback.Command }) {
		t.Errorf("the published commands lack /%s: %v", feedback.Command, fake.Commands("de"))
	}

	// The menu entry opens the flow; the flow ends with a notification.
	contact.say("/menu")
	contact.expect(contact.line("menu.title", nil))
	pressed := time.Now()
	contact.press("btn.feedback")
	contact.expectEdit(contact.line("feedback.prompt", nil))
	// The spinner stops first: the callback query is answered before the
	// turn edits the menu.
	answered, edited := answeredAndEdited(fake, contact.user.ID, pressed)
	if answered.IsZero() || edited.IsZero() || answered.After(edited) {
		t.Errorf("press answered at %v, menu edited at %v: the answer must come first", answered, edited)
	}
	contact.say("Sehr hilfreich & schnell")
	contact.expect(contact.line("feedback.summary", nil))
	contact.press("btn.confirm")
	contact.expect(contact.line("feedback.sent", nil))
	note := coord.expect(coord.line("feedback.notify", map[string]any{"Name": "Erika Muster"}))
	coord.expectButtons(note, "btn.feedback_ack")

	// The durable button: the coordinator's thanks reach the contact.
	coord.press("btn.feedback_ack")
	contact.expect(contact.line("feedback.acked", nil))

	// The job, run as the scheduler runs it, notifies through the outbox.
	for _, j := range eng.Jobs() {
		if j.Name == feedback.Job {
			if err := j.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	}
	coord.expect(coord.line("feedback.reminder", nil))
	coord.expectNoMore()
}

// answeredAndEdited returns when the bot answered user's last callback
// query and when it first edited a message in user's chat after since.
func answeredAndEdited(fake *telegramfake.Server, user int64, since time.Time) (answered, edited time.Time) {
	for _, a := range fake.Answers() {
		if a.UserID == user && a.At.After(since) {
			answered = a.At
		}
	}
	for _, c := range fake.Calls() {
		if c.Method == "editMessageText" && c.ChatID == user && c.At.After(since) {
			return answered, c.At
		}
	}
	return answered, time.Time{}
}
