package telegramfake

import (
	"context"
	"slices"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// names returns the command names of a list.
func names(cmds []models.BotCommand) []string {
	out := make([]string, len(cmds))
	for i, c := range cmds {
		out[i] = c.Command
	}
	return out
}

// A chat's own command list wins over the default ones, in every app
// language, until it is deleted; Telegram's order of scopes and languages
// picks what each user sees.
func TestChatCommandsWinUntilDeleted(t *testing.T) {
	s := newServer(t, Options{})
	b := newBot(t, s)
	ctx := context.Background()
	s.AddUser(alice)
	s.AddUser(bob)
	set := func(p bot.SetMyCommandsParams) {
		t.Helper()
		if ok, err := b.SetMyCommands(ctx, &p); !ok || err != nil {
			t.Fatalf("setMyCommands %+v: %v, %v", p, ok, err)
		}
	}
	cmd := func(names ...string) []models.BotCommand {
		var out []models.BotCommand
		for _, n := range names {
			out = append(out, models.BotCommand{Command: n, Description: "Beschreibung " + n})
		}
		return out
	}
	set(bot.SetMyCommandsParams{Commands: cmd("start", "hilfe")})
	set(bot.SetMyCommandsParams{Commands: cmd("start", "help"), LanguageCode: "en"})
	if got := names(s.MenuOf(alice)); !slices.Equal(got, []string{"start", "hilfe"}) {
		t.Errorf("alice (de) sees %v before her chat has a list", got)
	}
	if got := names(s.MenuOf(bob)); !slices.Equal(got, []string{"start", "help"}) {
		t.Errorf("bob (en) sees %v", got)
	}
	// All private chats come before the default scope.
	set(bot.SetMyCommandsParams{Commands: cmd("privat"), Scope: &models.BotCommandScopeAllPrivateChats{}})
	if got := names(s.MenuOf(bob)); !slices.Equal(got, []string{"privat"}) {
		t.Errorf("bob sees %v with a list for all private chats", got)
	}
	// The chat's own list, without a language, for any app language.
	set(bot.SetMyCommandsParams{Commands: cmd("start", "queue"), Scope: &models.BotCommandScopeChat{ChatID: bob.ID}})
	if got := names(s.MenuOf(bob)); !slices.Equal(got, []string{"start", "queue"}) {
		t.Errorf("bob sees %v with a list of his chat's own", got)
	}
	if got, ok := s.ChatCommands(bob.ID, ""); !ok || !slices.Equal(names(got), []string{"start", "queue"}) {
		t.Errorf("ChatCommands(bob) = %v, %v", got, ok)
	}
	if got := names(s.MenuOf(alice)); !slices.Equal(got, []string{"privat"}) {
		t.Errorf("alice sees %v, bob's chat list is his own", got)
	}
	// The chat's list in the app's language comes first.
	set(bot.SetMyCommandsParams{Commands: cmd("only_en"), Scope: &models.BotCommandScopeChat{ChatID: bob.ID}, LanguageCode: "en"})
	if got := names(s.MenuOf(bob)); !slices.Equal(got, []string{"only_en"}) {
		t.Errorf("bob sees %v, want his chat's English list", got)
	}
	for _, lang := range []string{"en", ""} {
		if ok, err := b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: bob.ID}, LanguageCode: lang}); !ok || err != nil {
			t.Fatalf("deleteMyCommands %q: %v, %v", lang, ok, err)
		}
	}
	if got := names(s.MenuOf(bob)); !slices.Equal(got, []string{"privat"}) {
		t.Errorf("bob sees %v after his chat's lists were deleted", got)
	}
	if _, ok := s.ChatCommands(bob.ID, ""); ok {
		t.Error("the chat's list is still there")
	}
	// Deleting what is not there is no error; chat ids come as strings too.
	if a := callJSON(t, s, "deleteMyCommands", map[string]any{"scope": map[string]any{"type": "chat", "chat_id": "1001"}}); !a.OK {
		t.Errorf("deleteMyCommands of a chat without a list: %+v", a)
	}
	if a := callJSON(t, s, "setMyCommands", map[string]any{"commands": cmd("x"),
		"scope": map[string]any{"type": "chat_member", "chat_id": 1001, "user_id": 1001}}); !a.OK {
		t.Errorf("setMyCommands for a chat member: %+v", a)
	}
	if v := s.Violations(); len(v) > 0 {
		t.Errorf("violations: %+v", v)
	}
}

// What Telegram refuses of a scope, the fake refuses with Telegram's
// words, for setting and for deleting alike.
func TestCommandScopesRefused(t *testing.T) {
	s := newServer(t, Options{})
	s.AddUser(alice)
	cmds := []models.BotCommand{{Command: "start", Description: "Beginnen"}}
	cases := []struct {
		name  string
		scope any
		lang  string
		desc  string
	}{
		{"not JSON", "{chat", "", "Bad Request: can't parse BotCommandScope JSON object"},
		{"not an object", []int{1}, "", "Bad Request: can't parse BotCommandScope: BotCommandScope must be an Object"},
		{"no type", map[string]any{"chat_id": 1001}, "", `Bad Request: can't parse BotCommandScope: Can't find field "type"`},
		{"type not a string", map[string]any{"type": true}, "", `Bad Request: can't parse BotCommandScope: Field "type" must be of type String`},
		{"unknown type", map[string]any{"type": "private"}, "", "Bad Request: can't parse BotCommandScope: Unsupported type specified"},
		{"chat without chat_id", map[string]any{"type": "chat"}, "", `Bad Request: can't parse BotCommandScope: Can't find field "chat_id"`},
		{"empty chat_id", map[string]any{"type": "chat", "chat_id": ""}, "", "Bad Request: can't parse BotCommandScope: Empty chat_id specified"},
		{"unknown chat", map[string]any{"type": "chat", "chat_id": 4242}, "", "Bad Request: chat not found"},
		{"chat by username", map[string]any{"type": "chat", "chat_id": "@alice"}, "", "Bad Request: chat not found"},
		{"chat member without a user", map[string]any{"type": "chat_member", "chat_id": 1001, "user_id": 0}, "",
			"Bad Request: can't parse BotCommandScope: Invalid user_id specified"},
		{"chat scope, language of three letters", map[string]any{"type": "chat", "chat_id": 1001}, "deu", "Bad Request: invalid language code specified"},
		{"chat scope, language with a region", map[string]any{"type": "chat", "chat_id": 1001}, "en-GB", "Bad Request: invalid language code specified"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := tc.scope
			if str, ok := tc.scope.(string); ok {
				raw = str // sent as it is, not as JSON
			}
			body := map[string]any{"commands": cmds, "scope": raw}
			if tc.lang != "" {
				body["language_code"] = tc.lang
			}
			wantRejected(t, s, callJSON(t, s, "setMyCommands", body), 400, tc.desc)
			delete(body, "commands")
			wantRejected(t, s, callJSON(t, s, "deleteMyCommands", body), 400, tc.desc)
		})
	}
	if _, ok := s.ChatCommands(alice.ID, ""); ok || s.MenuOf(alice) != nil {
		t.Error("a refused call set a list")
	}
}
