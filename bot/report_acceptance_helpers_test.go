package bot

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
)

// What the acceptance tests of issue 12 share: a clock the test moves, a
// running bot on the fake Bot API, and people who type and tap there.

// shiftClock is testNow moved on by the test.
type shiftClock struct{ offset atomic.Int64 }

// now is the clock's time.
func (c *shiftClock) now() time.Time { return testNow().Add(time.Duration(c.offset.Load())) }

// to moves the clock on to at (never back).
func (c *shiftClock) to(t *testing.T, at time.Time) {
	t.Helper()
	d := at.Sub(c.now())
	if d < 0 {
		t.Fatalf("the clock cannot go back to %v", at)
	}
	c.offset.Add(int64(d))
}

// person is somebody in the fake Telegram app.
type person struct {
	t     *testing.T
	fake  *telegramfake.Server
	user  telegramfake.User
	texts *engine.Texts
	lang  string
}

// plain is text key in the person's language, as a label.
func (p person) plain(key string, data map[string]any) string {
	return p.texts.Plain(p.lang, key, data)
}

// say types text.
func (p person) say(text string) { p.fake.SendText(p.user, text) }

// tap taps the button labelled label on the newest message that shows it,
// waiting for it to appear.
func (p person) tap(label string) {
	p.t.Helper()
	await(p.t, "the button "+label, func() bool {
		_, err := p.fake.Press(p.user, label)
		return err == nil
	})
}

// sees waits until a message of the chat shows every one of texts (as
// sent or edited), and returns it.
func (p person) sees(texts ...string) telegramfake.Message {
	p.t.Helper()
	var found telegramfake.Message
	await(p.t, "a message with "+strings.Join(texts, " · "), func() bool {
		for _, m := range p.fake.Messages(p.user.ID) {
			if containsAll(m.Text+m.Caption, texts) {
				found = m
				return true
			}
		}
		return false
	})
	return found
}

// count is how many messages of the chat show every one of texts.
func (p person) count(texts ...string) int {
	n := 0
	for _, m := range p.fake.Messages(p.user.ID) {
		if containsAll(m.Text+m.Caption, texts) {
			n++
		}
	}
	return n
}

// documents are the files the chat received whose name ends in suffix.
func (p person) documents(suffix string) []*telegramfake.Document {
	var out []*telegramfake.Document
	for _, m := range p.fake.Messages(p.user.ID) {
		if m.Document != nil && strings.HasSuffix(m.Document.FileName, suffix) {
			out = append(out, m.Document)
		}
	}
	return out
}

// containsAll reports whether s contains every one of texts.
func containsAll(s string, texts []string) bool {
	for _, x := range texts {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

// runJob runs the engine's job name once, as the scheduler would.
func runJob(t *testing.T, eng *engine.Engine, name string) {
	t.Helper()
	for _, j := range eng.Jobs() {
		if j.Name == name {
			if err := j.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no job %q", name)
}

// register registers u in store with role (and a municipality for a
// contact), agreeing to the privacy notice and the reminders, and returns
// their users.id.
func register(t *testing.T, store *storage.Store, fake *telegramfake.Server, u telegramfake.User, name string,
	role domain.Role, m *domain.MunicipalProfile) int64 {
	t.Helper()
	fake.AddUser(u)
	got, err := store.Register(context.Background(), domain.Registration{TelegramID: u.ID, ChatID: u.ID, Name: name,
		Lang: u.LanguageCode, ConsentAt: testNow(), Role: role, Municipal: m,
		Consents: []domain.Consent{{Purpose: domain.PurposePrivacy, Version: 1}, {Purpose: domain.PurposeReminders, Version: 1}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return got.ID
}
