package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The acceptance path of a counseling request, through the fake Bot API
// with the real bot, Postgres, Redis and outbox sender: a municipal contact
// goes from /start to a submitted request, a coordinator asks a question,
// the contact answers, the coordinator approves. Each chat receives exactly
// the messages listed, in order, and nothing else; in German, and in
// English for users who chose English.
func TestRequestReviewEndToEnd(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			fake := startFake(t)
			store := clockedStore(t)
			coordUser := telegramfake.User{ID: 9301, FirstName: "Jana", LanguageCode: lang}
			runBotOn(t, fake, store, func(c *Config) { c.Coordinators = []int64{coordUser.ID} })
			texts := testTexts(t)
			coord := &conversation{t: t, fake: fake, user: coordUser, texts: texts, lang: lang}
			contact := &conversation{t: t, fake: fake, user: telegramfake.User{ID: 9302, FirstName: "Erika", LanguageCode: lang},
				texts: texts, lang: lang}

			coord.registerCoordinator("Jana Koordination")
			contact.registerMunicipal("Erika Muster", "Hattingen")
			// The office is told of the new contact; unconfirmed, the
			// contact's request is reviewed as any other.
			coord.expectContactNotice()
			contact.fillRequest("Hattingen")
			ref := contact.submitRequest()
			data := map[string]any{"Ref": ref, "Municipality": "Hattingen"}

			// The coordinator is told, with the decisions under the message.
			note := coord.expect(coord.line("request.notify_new", data))
			coord.expectButtons(note, "btn.approve", "btn.ask", "btn.decline", "btn.details")

			// The coordinator asks a question.
			coord.press("btn.ask")
			coord.expect(coord.line("review.question_prompt", data))
			coord.say("Wie viele <Mitarbeitende> nehmen teil?")
			coord.expect(coord.line("review.question_summary", data))
			coord.press("btn.confirm")
			coord.expectEdit(coord.line("review.question_sent", data))

			// The contact gets it with the reference and answers.
			q := contact.expect(contact.line("review.notify_question", data))
			if !strings.Contains(q.Text, "Wie viele &lt;Mitarbeitende&gt; nehmen teil?") {
				t.Fatalf("the question reached the contact as %q", q.Text)
			}
			contact.press("btn.answer")
			contact.expect(contact.line("review.answer_prompt", data))
			contact.say("Etwa 25 aus drei Ämtern.")
			contact.expect(contact.line("review.answer_summary", data))
			contact.press("btn.confirm")
			contact.expectEdit(contact.line("review.answer_sent", data))

			// The answer comes back to the coordinator, threaded to the request.
			a := coord.expect(coord.line("review.notify_answer", data))
			if !strings.Contains(a.Text, "Etwa 25 aus drei Ämtern.") || !strings.Contains(a.Text, "Mitarbeitende") {
				t.Fatalf("the answer reached the coordinator as %q", a.Text)
			}
			// Approving asks first, below the answer, then the answer of the
			// question is edited to the outcome.
			coord.press("btn.approve")
			coord.expect(coord.line("review.approve_ask", data))
			coord.press("btn.approve_yes")
			coord.expectEdit(coord.line("review.approved", data))
			// The answer stays readable; its buttons go (the press takes
			// them off), and the approval's restyle leaves it Details.
			coord.expectOnly(a.ID, a.Edits+2, "btn.details")

			// The contact learns of the approval and what happens next.
			contact.expect(strings.SplitN(contact.line("review.notify_approved", data), "</b>", 2)[0])

			r, err := store.RequestByRef(context.Background(), ref)
			if err != nil || r.Status != domain.StatusApproved {
				t.Fatalf("request %s: %+v, %v", ref, r.Status, err)
			}
			coord.expectNoMore()
			contact.expectNoMore()
		})
	}
}

// registerCoordinator onboards a user whom the configuration makes a
// coordinator (no role question) and waits for the menu.
func (c *conversation) registerCoordinator(name string) {
	c.t.Helper()
	c.beginOnboarding()
	c.expect(c.line("onb.name_prompt", nil))
	c.say(name)
	c.finishOnboarding()
}

// expectContactNotice takes the office's notice of a new municipal
// contact, with both decisions under it.
func (c *conversation) expectContactNotice() {
	c.t.Helper()
	c.expectButtons(c.expect(c.line("contacts.notice", nil)), "btn.contact_verify", "btn.contact_reject")
}

// expectButtons fails unless m shows the buttons of keys, in c's language.
func (c *conversation) expectButtons(m telegramfake.Message, keys ...string) {
	c.t.Helper()
	have := map[string]bool{}
	for _, row := range m.Buttons {
		for _, b := range row {
			have[b.Text] = true
		}
	}
	for _, k := range keys {
		if label := c.texts.Plain(c.lang, k, nil); !have[label] {
			c.t.Fatalf("message %q lacks the button %q", m.Text, label)
		}
	}
}

// expectEdit waits until the newest message that the last press acted on
// (the newest bot message with a pending edit) contains want: a confirm
// shows its outcome in place of the summary.
func (c *conversation) expectEdit(want string) telegramfake.Message {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		msgs := c.fake.Messages(c.user.ID)
		if n := len(msgs); n > 0 && strings.Contains(msgs[n-1].Text, want) {
			return msgs[n-1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	msgs := c.fake.Messages(c.user.ID)
	c.t.Fatalf("the newest message never came to contain %q; it is %q", want, msgs[len(msgs)-1].Text)
	return telegramfake.Message{}
}

// expectNoMore fails when the chat receives another message within a
// moment (the outbox sender included).
func (c *conversation) expectNoMore() {
	c.t.Helper()
	m, err := c.fake.Next(c.user.ID, 1500*time.Millisecond)
	if err == nil {
		c.t.Fatalf("unexpected message %q", m.Text)
	}
	if !errors.Is(err, telegramfake.ErrTimeout) {
		c.t.Fatal(err)
	}
}
