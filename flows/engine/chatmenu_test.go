package engine_test

import (
	"context"
	"slices"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// expectMenu fails unless p's chat has a command menu of its own with
// exactly names, described in lang, published calls times so far.
func expectMenu(h *flowstest.H, p flowstest.Person, lang string, calls int, names ...string) {
	h.T.Helper()
	got, ok := h.Menu(p)
	if !ok || !slices.Equal(got, names) {
		h.T.Errorf("chat %d's menu %v (own: %v), want %v", p.ID, got, ok, names)
	}
	cmds, _ := h.Msgr.ChatCommands(p.ID)
	for _, c := range cmds {
		if c.Name == "help" && c.Desc != h.Plain(lang, "cmd.help", nil) {
			h.T.Errorf("chat %d's menu describes /help as %q, want it in %s", p.ID, c.Desc, lang)
		}
	}
	if n := h.Msgr.CommandCalls(p.ID); n != calls {
		h.T.Errorf("chat %d's menu published %d times, want %d", p.ID, n, calls)
	}
}

// expectDefaultMenu fails unless p's chat has no menu of its own, after
// calls publications.
func expectDefaultMenu(h *flowstest.H, p flowstest.Person, calls int) {
	h.T.Helper()
	if got, ok := h.Menu(p); ok {
		h.T.Errorf("chat %d has a menu of its own: %v", p.ID, got)
	}
	if n := h.Msgr.CommandCalls(p.ID); n != calls {
		h.T.Errorf("chat %d's menu published %d times, want %d", p.ID, n, calls)
	}
}

// ownData is the name of the data export's command, which registered
// users have, by language.
var ownData = map[string]string{"de": "meinedaten", "en": "mydata"}

// Once registered, a user's chat lists the commands of their role, named
// and described in their language: a municipal contact has no /offen, an
// association no /beratung.
func TestChatMenuFitsTheRole(t *testing.T) {
	common := func(lang string, names ...string) []string {
		return append(append([]string{"start", "menu"}, names...), "help", "language", "cancel", "privacy", ownData[lang])
	}
	cases := []struct {
		name string
		lang string
		a    flowstest.Answers // Role "": a configured coordinator
		want []string
	}{
		{"municipal contact", "de", flowstest.Municipal, common("de", "beratung", "anfragen", "termine", "bericht", "veranstaltung", "veranstaltungen", "einladen")},
		{"municipal contact", "en", flowstest.Municipal, common("en", "request", "myrequests", "appointments", "report", "event", "events", "invite")},
		{"association", "de", flowstest.Organisation, common("de", "einladungen", "einladen")},
		{"association", "en", flowstest.Organisation, common("en", "invitations", "invite")},
		{"advisor", "de", flowstest.Advisor, common("de", "einsaetze", "beraterprofil", "termine", "bericht", "veranstaltung", "veranstaltungen")},
		{"coordinator", "de", flowstest.Answers{Name: "Jana Koordination"}, common("de", "offen", "kontakte", "termine", "berater", "abrechnung", "veranstaltung", "veranstaltungen", "einladen")},
		{"coordinator", "en", flowstest.Answers{Name: "Jana Koordination"}, common("en", "queue", "contacts", "appointments", "advisors", "billing", "event", "events", "invite")},
	}
	for _, c := range cases {
		t.Run(c.name+" "+c.lang, func(t *testing.T) {
			h := flowstest.New(t)
			p := flowstest.Person{ID: 8101, LangHint: c.lang}
			if c.a.Role == "" {
				p.ID = flowstest.CoordinatorID
			}
			a := c.a
			a.Lang = c.lang
			h.Send(p, "/start")
			expectDefaultMenu(h, p, 0) // before registration: the default menu
			h.Onboard(p, a, "")
			expectDefaultMenu(h, p, 0)
			h.Confirm(p, c.lang)
			expectMenu(h, p, c.lang, 1, c.want...)
			// Published only when it changes.
			h.Send(p, "/help")
			h.Send(p, "/menu")
			expectMenu(h, p, c.lang, 1, c.want...)
		})
	}
}

// The chat's menu follows the user: a new language, a role granted or
// revoked (seen at the next turn that reads the user), the deletion of
// their data (the default menu again), and a session lost.
func TestChatMenuFollowsTheUser(t *testing.T) {
	h := flowstest.New(t)
	ctx := context.Background()
	p := flowstest.Person{ID: 8102, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	expectMenu(h, p, "de", 1, "start", "menu", "beratung", "anfragen", "termine", "bericht", "veranstaltung", "veranstaltungen", "einladen", "help", "language", "cancel", "privacy", ownData["de"])

	h.Send(p, "/language")
	h.Press(p, "English")
	h.Expect(p, h.Tr("en", "language.changed", nil))
	expectMenu(h, p, "en", 2, "start", "menu", "request", "myrequests", "appointments", "report", "event", "events", "invite", "help", "language", "cancel", "privacy", ownData["en"])

	if err := h.DB.GrantRole(ctx, h.UserID(p), domain.RoleCoordinator); err != nil {
		t.Fatal(err)
	}
	h.Send(p, "/queue")
	h.Expect(p, h.Tr("en", "queue.empty", nil))
	expectMenu(h, p, "en", 3, "start", "menu", "request", "myrequests", "queue", "contacts", "appointments", "report", "advisors", "billing", "event", "events", "invite", "help", "language", "cancel", "privacy", ownData["en"])

	if err := h.DB.RevokeRole(ctx, h.UserID(p), domain.RoleMunicipal); err != nil {
		t.Fatal(err)
	}
	h.Send(p, "/request")
	h.Expect(p, h.Tr("en", "request.refused", nil))
	expectMenu(h, p, "en", 4, "start", "menu", "queue", "contacts", "appointments", "advisors", "billing", "event", "events", "invite", "help", "language", "cancel", "privacy", ownData["en"])

	// A lost session forgets what was published: the menu goes out once
	// more, then not again.
	h.LoseSessions()
	h.Send(p, "/help")
	h.Send(p, "/menu")
	expectMenu(h, p, "en", 5, "start", "menu", "queue", "contacts", "appointments", "advisors", "billing", "event", "events", "invite", "help", "language", "cancel", "privacy", ownData["en"])

	h.Send(p, "/privacy")
	h.Press(p, h.Plain("en", "btn.delete", nil))
	h.Press(p, h.Plain("en", "btn.delete_yes", nil))
	h.Expect(p, h.Tr("en", "privacy.deleted", nil))
	expectDefaultMenu(h, p, 6)
	h.Send(p, "/start")
	expectDefaultMenu(h, p, 6)
}

// A menu Telegram does not take breaks no turn: the registration goes
// through, and the next turn publishes the menu.
func TestChatMenuFailureIsTriedAgain(t *testing.T) {
	h := flowstest.New(t)
	p := flowstest.Person{ID: 8103, LangHint: "en"}
	h.Msgr.RefuseCommands = true
	a := flowstest.Organisation
	a.Lang = "en"
	h.Register(p, a)
	if _, err := h.User(p); err != nil {
		t.Fatalf("not registered: %v", err)
	}
	expectDefaultMenu(h, p, 0)
	h.Send(p, "/help")
	expectDefaultMenu(h, p, 0)

	h.Msgr.RefuseCommands = false
	h.Send(p, "/help")
	expectMenu(h, p, "en", 1, "start", "menu", "invitations", "invite", "help", "language", "cancel", "privacy", ownData["en"])
}

// The default menu, of the chats without their own, lists the commands
// for everyone, in each language.
func TestDefaultMenuListsTheCommandsForEveryone(t *testing.T) {
	h := flowstest.New(t)
	for _, lang := range []string{"de", "en"} {
		var names []string
		for _, c := range h.Engine.DefaultMenu(lang) {
			names = append(names, c.Name)
			if c.Desc == "" {
				t.Errorf("%s: /%s has no description", lang, c.Name)
			}
		}
		if want := []string{"start", "menu", "help", "language", "cancel", "privacy"}; !slices.Equal(names, want) {
			t.Errorf("default menu in %s: %v, want %v", lang, names, want)
		}
	}
	if de, en := h.Engine.DefaultMenu("de"), h.Engine.DefaultMenu("en"); de[0].Desc == en[0].Desc {
		t.Errorf("the German and English default menus read the same: %q", de[0].Desc)
	}
}
