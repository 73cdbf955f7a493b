package bot

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// Old messages do not lie, end to end through the fake Bot API with the
// real bot, Postgres, Redis and outbox sender: of two coordinators, one
// approves a new request; the other's notice of it, in that coordinator's
// language, loses its decision buttons and keeps Details, as does the
// approving coordinator's own notice.
func TestOtherCoordinatorsNoticeLosesDecisions(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			otherLang := map[string]string{"de": "en", "en": "de"}[lang]
			fake := startFake(t)
			store := clockedStore(t)
			texts := testTexts(t)
			person := func(id int64, name, l string) *conversation {
				return &conversation{t: t, fake: fake, texts: texts, lang: l,
					user: telegramfake.User{ID: id, FirstName: name, LanguageCode: l}}
			}
			a, b := person(9401, "Jana", lang), person(9402, "Tom", otherLang)
			contact := person(9403, "Erika", lang)
			runBotOn(t, fake, store, func(c *Config) { c.Coordinators = []int64{a.user.ID, b.user.ID} })

			a.registerCoordinator("Jana Koordination")
			b.registerCoordinator("Tom Koordination")
			contact.registerMunicipal("Erika Muster", "Hattingen")
			a.expectContactNotice()
			b.expectContactNotice()
			contact.fillRequest("Hattingen")
			ref := contact.submitRequest()
			data := map[string]any{"Ref": ref, "Municipality": "Hattingen"}
			noteA := a.expect(a.line("request.notify_new", data))
			noteB := b.expect(b.line("request.notify_new", data))
			b.expectButtons(noteB, "btn.approve", "btn.ask", "btn.decline", "btn.details")

			a.press("btn.approve")
			a.expect(a.line("review.approve_ask", data))
			a.press("btn.approve_yes")
			a.expectEdit(a.line("review.approved", data))

			b.expect(b.line("review.notify_decided", data))
			// B's notice: one edit, to Details alone. A's: the press took its
			// buttons off, the restyle gave it Details.
			b.expectOnly(noteB.ID, noteB.Edits+1, "btn.details")
			a.expectOnly(noteA.ID, noteA.Edits+2, "btn.details")
			contact.expect(strings.SplitN(contact.line("review.notify_approved", data), "</b>", 2)[0])
			a.expectNoMore()
			b.expectNoMore()
			contact.expectNoMore()
		})
	}
}

// expectOnly waits until message id of c's chat has had edits edits and
// fails unless it then shows exactly the buttons of keys, in c's language.
func (c *conversation) expectOnly(id, edits int, keys ...string) {
	c.t.Helper()
	m, err := c.fake.WaitEdit(c.user.ID, id, edits, 10*time.Second)
	if err != nil {
		c.t.Fatalf("message %d: %v (it shows %q)", id, err, m.Buttons)
	}
	var got, want []string
	for _, row := range m.Buttons {
		for _, b := range row {
			got = append(got, b.Text)
		}
	}
	for _, k := range keys {
		want = append(want, c.texts.Plain(c.lang, k, nil))
	}
	if !slices.Equal(got, want) {
		c.t.Errorf("message %d shows %q after %d edits, want %q", id, got, m.Edits, want)
	}
}
