package bot

import (
	"slices"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

// menuNames returns the command names of a menu.
func menuNames(cmds []models.BotCommand) []string {
	out := make([]string, len(cmds))
	for i, c := range cmds {
		out[i] = c.Command
	}
	return out
}

// expectMenu waits until the user's app shows the command menu names (the
// chat's menu is published at the end of the turn, after its messages),
// and checks that /help is described in c's language.
func (c *conversation) expectMenu(names ...string) {
	c.t.Helper()
	var got []models.BotCommand
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got = c.fake.MenuOf(c.user); slices.Equal(menuNames(got), names) {
			break
		}
	}
	if !slices.Equal(menuNames(got), names) {
		c.t.Fatalf("user %d's app shows the commands %v, want %v", c.user.ID, menuNames(got), names)
	}
	for _, cmd := range got {
		if cmd.Command == "help" && cmd.Description != c.texts.Plain(c.lang, "cmd.help", nil) {
			c.t.Errorf("/help is described as %q, want it in %s", cmd.Description, c.lang)
		}
	}
}

// Through Telegram: before registration every chat shows the default menu
// of the commands for everyone, in the app's language; after it, the chat
// shows the commands of the user's role in their language, the English
// names work beside the German ones, and deleting one's data brings the
// default menu back.
func TestCommandMenusPerRoleAndLanguage(t *testing.T) {
	fake := startFake(t)
	store := clockedStore(t)
	coordUser := telegramfake.User{ID: 9501, FirstName: "Jana", LanguageCode: "en"}
	runBotOn(t, fake, store, func(c *Config) { c.Coordinators = []int64{coordUser.ID} })
	texts := testTexts(t)
	everyone := []string{"start", "menu", "help", "language", "cancel", "privacy"}
	common := func(lang string, names ...string) []string {
		own := map[string]string{"de": "meinedaten", "en": "mydata"}[lang] // the data export, for registered users
		return append(append([]string{"start", "menu"}, names...), "help", "language", "cancel", "privacy", own)
	}

	anna := &conversation{t: t, fake: fake, texts: texts, lang: "de",
		user: telegramfake.User{ID: 9502, FirstName: "Anna", LanguageCode: "de"}}
	erika := &conversation{t: t, fake: fake, texts: texts, lang: "en",
		user: telegramfake.User{ID: 9503, FirstName: "Erika", LanguageCode: "de"}} // her app is German; she chooses English
	coord := &conversation{t: t, fake: fake, texts: texts, lang: "en", user: coordUser}
	kofi := &conversation{t: t, fake: fake, texts: texts, lang: "en",
		user: telegramfake.User{ID: 9504, FirstName: "Kofi", LanguageCode: "en"}}
	for _, c := range []*conversation{anna, kofi} {
		c.expectMenu(everyone...)
	}
	if fake.MenuOf(kofi.user)[0].Description == fake.MenuOf(anna.user)[0].Description {
		t.Error("the default menus of German and English apps read the same")
	}

	coord.registerCoordinator("Jana Koordination")
	coord.expectMenu(common("en", "queue", "contacts", "appointments", "advisors", "billing", "event", "events", "invite")...)
	anna.registerMunicipal("Anna Schmidt", "Hattingen")
	anna.expectMenu(common("de", "beratung", "anfragen", "termine", "bericht", "veranstaltung", "veranstaltungen", "einladen")...)
	coord.expectContactNotice()
	erika.registerMunicipal("Erika Muster", "Bochum")
	erika.expectMenu(common("en", "request", "myrequests", "appointments", "report", "event", "events", "invite")...)
	coord.expectContactNotice()
	kofi.beginOnboarding()
	kofi.expect(kofi.line("onb.role_prompt", nil))
	kofi.press("role.organisation_contact")
	kofi.expect(kofi.line("onb.name_prompt", nil))
	kofi.say("Kofi Mensah")
	kofi.expect(kofi.line("onb.organisation_prompt", nil))
	kofi.say("Afrika-Forum e.V.")
	kofi.expect("Afrika-Forum e.V.")
	kofi.say("Köln")
	kofi.associationProfile("Köln")
	kofi.finishOnboarding()
	kofi.expectMenu(common("en", "invitations", "invite")...)

	// Either name works for everyone.
	erika.say("/myrequests")
	erika.expect(erika.line("myrequests.empty", nil))
	anna.say("/myrequests")
	anna.expect(anna.line("myrequests.empty", nil))
	erika.say("/anfragen")
	erika.expect(erika.line("myrequests.empty", nil))
	coord.say("/queue")
	coord.expect(coord.line("queue.empty", nil))
	kofi.say("/request")
	kofi.expect(kofi.line("request.refused", nil))

	// Deleting one's data brings the default menu back.
	anna.say("/privacy")
	anna.expect(anna.line("privacy.registered", nil))
	anna.press("btn.delete")
	anna.expectEdit(anna.line("privacy.delete_prompt", nil))
	anna.press("btn.delete_yes")
	anna.expect(anna.line("privacy.deleted", nil))
	anna.expectMenu(everyone...)
	if _, own := fake.ChatCommands(anna.user.ID, ""); own {
		t.Error("Anna's chat keeps a menu of its own after her data was deleted")
	}
}
