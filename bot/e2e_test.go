package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage"
)

// conversation drives the real bot (engine included) as one user of the fake.
type conversation struct {
	t     *testing.T
	fake  *telegramfake.Server
	user  telegramfake.User
	texts *engine.Texts
	lang  string
}

// startRealBot runs the real bot on a fake Bot API and a Store of the
// test's own (see runBotOn).
func startRealBot(t *testing.T) (*telegramfake.Server, *storage.Store, *Bot) {
	t.Helper()
	fake := startFake(t)
	store := clockedStore(t)
	return fake, store, runBotOn(t, fake, store)
}

func (c *conversation) say(text string) { c.fake.SendText(c.user, text) }

// press presses the button labelled with the text key.
func (c *conversation) press(key string) {
	c.t.Helper()
	label := c.texts.Plain(c.lang, key, nil)
	if _, err := c.fake.Press(c.user, label); err != nil {
		c.t.Fatalf("press %q: %v", label, err)
	}
}

// expect waits for the bot's next message and checks that it contains want.
func (c *conversation) expect(want string) telegramfake.Message {
	c.t.Helper()
	m, err := c.fake.Next(c.user.ID, 10*time.Second)
	if err != nil {
		c.t.Fatalf("waiting for %q: %v", want, err)
	}
	if !strings.Contains(m.Text, want) {
		c.t.Fatalf("got %q, want it to contain %q", m.Text, want)
	}
	return m
}

// first line of a text, without template fields: enough to recognise a message.
func (c *conversation) line(key string, data map[string]any) string {
	s := c.texts.T(c.lang, key, data)
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func TestOnboardingEndToEnd(t *testing.T) {
	fake, store, b := startRealBot(t)
	texts := testTexts(t)
	cases := []struct {
		lang, langButton string
		user             telegramfake.User
		role             domain.Role
		answers          func(c *conversation)
	}{
		{"de", "Deutsch", telegramfake.User{ID: 7001, FirstName: "Anna", LanguageCode: "de"}, domain.RoleMunicipal,
			func(c *conversation) {
				c.press("role.municipal_contact")
				c.expect(c.line("onb.name_prompt", nil))
				c.say("Anna <b>Schmidt</b>")
				c.expect(c.line("invalid.markup", nil))
				c.say("Anna Schmidt")
				c.expect(c.line("onb.municipality_prompt", nil))
				c.say("Hattingen")
				c.expect("Hattingen")
				c.press("state.NW")
				c.expect(c.line("onb.function_prompt", nil))
				c.say("Integrationsbeauftragte")
			}},
		{"en", "English", telegramfake.User{ID: 7002, FirstName: "Omar", LastName: "Haddad", LanguageCode: "en"}, domain.RoleOrganisation,
			func(c *conversation) {
				c.press("role.organisation_contact")
				c.expect(c.line("onb.name_prompt", nil))
				c.say(strings.Repeat("x", 10000))
				c.expect(c.line("invalid.too_long", nil))
				// The question above offers the name from the Telegram profile.
				if _, err := c.fake.Press(c.user, "Omar Haddad"); err != nil {
					c.t.Fatal(err)
				}
				c.expect(c.line("onb.organisation_prompt", nil))
				c.say("Afrika-Forum e.V.")
				c.expect("Afrika-Forum e.V.")
				c.say("Köln")
				c.associationProfile("Köln")
			}},
	}
	for _, tc := range cases {
		t.Run(tc.lang, func(t *testing.T) {
			c := &conversation{t: t, fake: fake, user: tc.user, texts: texts, lang: tc.lang}
			fake.AddUser(tc.user)
			c.say("/start")
			c.expect("MiGlobe")
			if _, err := fake.Press(tc.user, tc.langButton); err != nil {
				t.Fatal(err)
			}
			c.expect(c.line("onb.consent_prompt", nil))
			if _, err := store.UserByTelegramID(context.Background(), tc.user.ID); err == nil {
				t.Fatal("a user record exists before consent")
			}
			c.press("btn.consent_yes")
			c.expect(c.line("onb.role_prompt", nil))
			tc.answers(c)
			c.expect(c.line("onb.summary", nil))
			c.press("btn.confirm")
			menu := c.expect(c.line("onb.done", nil))
			if title := c.line("menu.title", nil); !strings.Contains(menu.Text, title) {
				menu = c.expect(title)
			}
			if len(menu.Buttons) == 0 {
				t.Fatal("the main menu has no buttons")
			}
			u, err := store.UserByTelegramID(context.Background(), tc.user.ID)
			if err != nil {
				t.Fatal(err)
			}
			if u.Lang != tc.lang || !u.Has(tc.role) || u.ConsentAt.IsZero() {
				t.Fatalf("stored user %+v, want language %s and role %s with consent", u, tc.lang, tc.role)
			}
		})
	}
	// By now Run has published the default command menus (it does so
	// first): the commands for everyone.
	t.Run("command menu", func(t *testing.T) {
		for _, lang := range []string{"", "de", "en"} {
			cmds := fake.Commands(lang)
			if len(cmds) != len(b.engine.DefaultMenu("de")) || cmds[0].Command != "start" {
				t.Errorf("commands for %q: %+v", lang, cmds)
			}
		}
		if de, en := fake.Commands("de"), fake.Commands("en"); len(de) > 0 && len(en) > 0 && de[0].Description == en[0].Description {
			t.Error("the German and English command menus read the same")
		}
	})
}
