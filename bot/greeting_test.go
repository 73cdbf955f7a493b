package bot

import (
	"testing"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// Before the language is chosen, the greeting is in the language of the
// user's Telegram app when the bot speaks it, else in German.
func TestGreetingInTheAppLanguage(t *testing.T) {
	fake, _, _ := startRealBot(t)
	texts := testTexts(t)
	for i, tc := range []struct{ app, want string }{
		{"de", "de"}, {"en", "en"}, {"en-GB", "en"}, {"fr", "de"}, {"", "de"},
	} {
		t.Run("app "+tc.app, func(t *testing.T) {
			c := &conversation{t: t, fake: fake, texts: texts, lang: tc.want,
				user: telegramfake.User{ID: int64(9601 + i), FirstName: "Sam", LanguageCode: tc.app}}
			c.say("/start")
			c.expect(c.line("onb.lang_prompt", map[string]any{"Name": "Sam"}))
			c.say("/help")
			c.expect(c.line("help.text", nil))
		})
	}
	// Once chosen, the language wins over the app's.
	c := &conversation{t: t, fake: fake, texts: texts, lang: "en",
		user: telegramfake.User{ID: 9610, FirstName: "Sam", LanguageCode: "en"}}
	c.say("/start")
	c.expect(c.line("onb.lang_prompt", map[string]any{"Name": "Sam"}))
	c.lang = "de"
	c.press("lang.name")
	c.expect(c.line("onb.consent_prompt", nil))
}
