package sandbox_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// TestAPICommandsOfAChat serves what a demo user's app shows: the chat's
// own menu once the bot set one, else the default menu of the page's
// language.
func TestAPICommandsOfAChat(t *testing.T) {
	t.Parallel()
	fake, srv := newSandbox(t)
	set := func(body string) {
		t.Helper()
		if code := post(t, fake.URL()+"/bot"+testToken+"/setMyCommands", "application/json", body); code != http.StatusOK {
			t.Fatalf("setMyCommands: HTTP %d", code)
		}
	}
	set(`{"commands":[{"command":"start","description":"Anmelden"}]}`)
	set(`{"commands":[{"command":"start","description":"Sign up"}],"language_code":"en"}`)
	set(`{"commands":[{"command":"offen","description":"Offene Anfragen"}],"scope":{"type":"chat","chat_id":` +
		strconv.FormatInt(sandbox.CoordinatorID, 10) + `}}`)
	for _, tc := range []struct {
		chat int64
		lang string
		want string
	}{
		{sandbox.CoordinatorID, "de", "offen Offene Anfragen,"},
		{sandbox.CoordinatorID, "en", "offen Offene Anfragen,"},
		{sandbox.MunicipalID, "de", "start Anmelden,"},
		{sandbox.MunicipalID, "en", "start Sign up,"},
		{12345, "de", "start Anmelden,"}, // no demo user: the menu of the language
	} {
		var out struct {
			Commands []struct{ Command, Description string }
		}
		getJSON(t, srv.URL+"/api/commands?lang="+tc.lang+"&chat="+strconv.FormatInt(tc.chat, 10), &out)
		got := ""
		for _, c := range out.Commands {
			got += c.Command + " " + c.Description + ","
		}
		if got != tc.want {
			t.Errorf("chat %d, lang %s: %q, want %q", tc.chat, tc.lang, got, tc.want)
		}
	}
}
