package sandbox_test

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// TestDemoUsers checks the ten demo users (three advisors, enough for an
// offer to the top 3, one of them with an English app; four members of
// the demo associations, one with an English app) and the coordinator id.
func TestDemoUsers(t *testing.T) {
	t.Parallel()
	users := sandbox.DemoUsers()
	if len(users) != 10 {
		t.Fatalf("DemoUsers() has %d users, want 10", len(users))
	}
	seen := map[int64]bool{}
	for _, u := range users {
		want := "de"
		if u.ID == sandbox.Advisor3ID || u.ID == sandbox.WomenAssocID {
			want = "en"
		}
		if seen[u.ID] || u.ID == 0 || u.FirstName == "" || u.LanguageCode != want {
			t.Errorf("bad or duplicate demo user %+v", u)
		}
		seen[u.ID] = true
	}
	if !seen[sandbox.CoordinatorID] {
		t.Errorf("CoordinatorID %d is not a demo user", sandbox.CoordinatorID)
	}
}

// TestAPIUsers lists the users with the persona each plays, and the
// members of the demo associations with their association.
func TestAPIUsers(t *testing.T) {
	t.Parallel()
	_, srv := newSandbox(t)
	var out struct {
		Users []struct {
			ID      int64  `json:"id"`
			Persona string `json:"persona"`
			Lang    string `json:"language_code"`
			Org     string `json:"org"`
		}
	}
	getJSON(t, srv.URL+"/api/users", &out)
	const african, parents, women = "Afrikanischer Kulturverein Dortmund", "Deutsch-Türkischer Elternverein Dortmund",
		"Syrischer Frauenverein Bochum"
	want := map[int64]struct{ persona, org string }{
		sandbox.MunicipalID: {"municipal", ""}, sandbox.AdvisorID: {"advisor", ""}, sandbox.Advisor2ID: {"advisor", ""},
		sandbox.Advisor3ID: {"advisor", ""}, sandbox.OrganisationID: {"organisation", ""}, sandbox.CoordinatorID: {"coordinator", ""},
		sandbox.AfricanAssocID: {"association", african}, sandbox.AfricanAssoc2ID: {"association", african},
		sandbox.ParentsAssocID: {"association", parents}, sandbox.WomenAssocID: {"association", women},
	}
	if len(out.Users) != len(want) {
		t.Fatalf("got %d users, want %d", len(out.Users), len(want))
	}
	for _, u := range out.Users {
		if w := want[u.ID]; w.persona != u.Persona || w.org != u.Org {
			t.Errorf("user %d: persona %q of %q, want %q of %q", u.ID, u.Persona, u.Org, w.persona, w.org)
		}
		english := u.ID == sandbox.Advisor3ID || u.ID == sandbox.WomenAssocID
		if lang := map[bool]string{true: "en", false: "de"}[english]; u.Lang != lang {
			t.Errorf("user %d: language %q, want %q", u.ID, u.Lang, lang)
		}
	}
}

// TestAPIConversation sends texts and presses a button through the JSON API
// and reads the transcript back.
func TestAPIConversation(t *testing.T) {
	t.Parallel()
	fake, srv := newSandbox(t)
	chat := strconv.FormatInt(sandbox.MunicipalID, 10)
	base := srv.URL + "/api/chats/" + chat

	if code := post(t, base+"/send", "application/json", `{"text":"/start"}`); code != http.StatusOK {
		t.Fatalf("send /start: status %d", code)
	}
	if _, err := fake.Next(sandbox.MunicipalID, 5*time.Second); err != nil {
		t.Fatalf("no answer to /start: %v", err)
	}
	items := transcriptOf(t, srv.URL, chat)
	if len(items) != 2 || items[0].From != "user" || items[0].Text != "/start" || items[1].From != "bot" {
		t.Fatalf("transcript after /start = %+v", items)
	}
	welcome := items[1]
	wantRich := `[{"tag":"b","kids":[{"text":"Willkommen"}]},{"text":" bei der "},` +
		`{"tag":"i","kids":[{"text":"Sandbox"}]},{"text":" \u003c3"}]`
	if string(welcome.Rich) != wantRich {
		t.Errorf("welcome rich text\n got %s\nwant %s", welcome.Rich, wantRich)
	}
	if len(welcome.Buttons) != 2 || welcome.Buttons[0][0].Text != "Weiter" || welcome.Buttons[0][0].Data != "go" {
		t.Errorf("welcome buttons = %+v", welcome.Buttons)
	}
	if items[0].After != 0 {
		t.Errorf("first user message placed after %d, want 0", items[0].After)
	}

	// The user's own text is never markup: it comes back verbatim, and the
	// bot's echo (escaped by the bot) is plain text too.
	if code := post(t, base+"/send", "application/json", `{"text":"<b>x</b>"}`); code != http.StatusOK {
		t.Fatalf("send text: status %d", code)
	}
	echo, err := fake.Next(sandbox.MunicipalID, 5*time.Second)
	if err != nil {
		t.Fatalf("no echo: %v", err)
	}
	items = transcriptOf(t, srv.URL, chat)
	if len(items) != 4 || items[2].Text != "<b>x</b>" || items[2].After != welcome.ID || items[3].ID != echo.ID {
		t.Fatalf("transcript after echo = %+v", items)
	}
	if got, want := string(items[3].Rich), `[{"text":"Echo: \u003cb\u003ex\u003c/b\u003e"}]`; got != want {
		t.Errorf("echo rich text = %s, want %s", got, want)
	}

	// Pressing a button edits the message in place.
	press := `{"message_id":` + itoa(welcome.ID) + `,"data":"go"}`
	if code := post(t, base+"/press", "application/json", press); code != http.StatusOK {
		t.Fatalf("press: status %d", code)
	}
	if _, err := fake.WaitEdit(sandbox.MunicipalID, welcome.ID, 1, 5*time.Second); err != nil {
		t.Fatalf("no edit: %v", err)
	}
	items = transcriptOf(t, srv.URL, chat)
	if !items[1].Edited || len(items[1].Buttons) != 0 || string(items[1].Rich) != `[{"text":"Weiter gewählt"}]` {
		t.Errorf("edited message = %+v", items[1])
	}
	// Its buttons are gone now, so pressing again is refused.
	if code := post(t, base+"/press", "application/json", press); code != http.StatusNotFound {
		t.Errorf("press on a vanished button: status %d, want 404", code)
	}
}

// TestAPIDocumentDownload downloads a document the bot sent.
func TestAPIDocumentDownload(t *testing.T) {
	t.Parallel()
	fake, srv := newSandbox(t)
	base := srv.URL + "/api/chats/" + strconv.FormatInt(sandbox.AdvisorID, 10) + ""
	post(t, base+"/send", "application/json", `{"text":"/start"}`)
	welcome, err := fake.Next(sandbox.AdvisorID, 5*time.Second)
	if err != nil {
		t.Fatalf("no answer to /start: %v", err)
	}
	if code := post(t, base+"/press", "application/json", `{"message_id":`+itoa(welcome.ID)+`,"data":"doc"}`); code != http.StatusOK {
		t.Fatalf("press: status %d", code)
	}
	if _, err := fake.Next(sandbox.AdvisorID, 5*time.Second); err != nil {
		t.Fatalf("no document: %v", err)
	}
	items := transcriptOf(t, srv.URL, strconv.FormatInt(sandbox.AdvisorID, 10))
	last := items[len(items)-1]
	if last.Document == nil || last.Document.Name != "bericht.txt" || last.Document.Size != 11 {
		t.Fatalf("document item = %+v", last)
	}
	if got, want := string(last.Rich), `[{"text":"Ihr "},{"tag":"b","kids":[{"text":"Bericht"}]}]`; got != want {
		t.Errorf("caption = %s, want %s", got, want)
	}
	resp, err := http.Get(srv.URL + last.Document.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != "Stunden: 4\n" {
		t.Errorf("download: status %d body %q", resp.StatusCode, body)
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != "attachment; filename=bericht.txt" {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if code := getStatus(t, srv.URL+"/api/chats/"+strconv.FormatInt(sandbox.AdvisorID, 10)+"/messages/"+itoa(welcome.ID)+"/document"); code != http.StatusNotFound {
		t.Errorf("document of a text message: status %d, want 404", code)
	}
}

// TestAPIRejects refuses what a real client could not send.
func TestAPIRejects(t *testing.T) {
	t.Parallel()
	_, srv := newSandbox(t)
	base := srv.URL + "/api/chats/"
	muni := strconv.FormatInt(sandbox.MunicipalID, 10)
	tests := []struct {
		name, path, ctype, body string
		want                    int
	}{
		{"unknown chat", "12345/send", "application/json", `{"text":"hi"}`, http.StatusNotFound},
		{"not a number", "abc/send", "application/json", `{"text":"hi"}`, http.StatusNotFound},
		{"form post", muni + "/send", "application/x-www-form-urlencoded", `text=hi`, http.StatusUnsupportedMediaType},
		{"malformed JSON", muni + "/send", "application/json", `{"text":`, http.StatusBadRequest},
		{"empty text", muni + "/send", "application/json", `{"text":"  \n "}`, http.StatusBadRequest},
		{"too long", muni + "/send", "application/json", `{"text":"` + strings.Repeat("ä", 4097) + `"}`, http.StatusBadRequest},
		{"forged button", muni + "/press", "application/json", `{"message_id":1,"data":"x"}`, http.StatusNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := post(t, base+tc.path, tc.ctype, tc.body); got != tc.want {
				t.Errorf("status %d, want %d", got, tc.want)
			}
		})
	}
	if got := getStatus(t, base+muni+"/messages/1/document"); got != http.StatusNotFound {
		t.Errorf("missing document: status %d, want 404", got)
	}
}

// TestPageAndHeaders serves the embedded page with a strict CSP, without
// external URLs or HTML sinks in its scripts.
func TestPageAndHeaders(t *testing.T) {
	t.Parallel()
	_, srv := newSandbox(t)
	for _, path := range []string{"/", "/static/app.js", "/static/render.js", "/static/labels.js", "/static/app.css"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(body) == 0 {
			t.Errorf("GET %s: status %d, %d bytes", path, resp.StatusCode, len(body))
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: CSP %q", path, csp)
		}
		if strings.Contains(string(body), "http://") || strings.Contains(string(body), "https://") {
			t.Errorf("GET %s: refers to an external URL", path)
		}
		for _, sink := range []string{".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
			if strings.Contains(string(body), sink) {
				t.Errorf("GET %s: uses %s", path, sink)
			}
		}
	}
}

// TestAPICommands serves the command menu the bot set, per language, with
// the menu for all languages as the fallback.
func TestAPICommands(t *testing.T) {
	t.Parallel()
	fake, srv := newSandbox(t)
	var empty struct{ Commands []struct{ Command string } }
	getJSON(t, srv.URL+"/api/commands?lang=de", &empty)
	if len(empty.Commands) != 0 {
		t.Fatalf("commands before the bot set any: %+v", empty.Commands)
	}
	set := func(body string) {
		t.Helper()
		if code := post(t, fake.URL()+"/bot"+testToken+"/setMyCommands", "application/json", body); code != http.StatusOK {
			t.Fatalf("setMyCommands: HTTP %d", code)
		}
	}
	set(`{"commands":[{"command":"start","description":"Anmelden"},{"command":"offen","description":"Offene Anfragen"}]}`)
	set(`{"commands":[{"command":"start","description":"Sign up"}],"language_code":"en"}`)
	for lang, want := range map[string]string{"de": "start Anmelden,offen Offene Anfragen,", "en": "start Sign up,", "fr": "start Anmelden,offen Offene Anfragen,"} {
		var out struct {
			Commands []struct{ Command, Description string }
		}
		getJSON(t, srv.URL+"/api/commands?lang="+lang, &out)
		got := ""
		for _, c := range out.Commands {
			got += c.Command + " " + c.Description + ","
		}
		if got != want {
			t.Errorf("lang %s: %q, want %q", lang, got, want)
		}
	}
}

// No real Telegram user can have a demo user's id: Telegram's user ids have
// at most 52 significant bits.
func TestDemoUsersHaveIDsNoRealUserHas(t *testing.T) {
	for _, u := range sandbox.DemoUsers() {
		if u.ID <= 1<<52 || u.ID >= 1<<53 {
			t.Errorf("demo user %s has id %d, want above 2^52 (and below 2^53, for the page's JavaScript)", u.FirstName, u.ID)
		}
	}
}
