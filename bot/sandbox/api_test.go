package sandbox_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

const testToken = "123:sandbox"

// newSandbox starts a fake Bot API with the demo users, the scripted
// responder, and the sandbox handler on an httptest server.
func newSandbox(t *testing.T) (*telegramfake.Server, *httptest.Server) {
	t.Helper()
	fake := telegramfake.New(telegramfake.Options{Token: testToken})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("start fake Bot API: %v", err)
	}
	t.Cleanup(fake.Close)
	fake.CheckTB(t)
	for _, u := range sandbox.DemoUsers() {
		fake.AddUser(u)
	}
	startResponder(t, fake.URL(), testToken)
	srv := httptest.NewServer(sandbox.New(fake, sandbox.DemoUsers(), nil))
	t.Cleanup(srv.Close)
	return fake, srv
}

// apiItem mirrors the JSON of one chat bubble.
type apiItem struct {
	From     string          `json:"from"`
	ID       int             `json:"id"`
	Seq      int64           `json:"seq"`
	After    int             `json:"after"`
	Rich     json.RawMessage `json:"rich"`
	Text     string          `json:"text"`
	Buttons  [][]struct{ Text, Data string }
	Document *struct {
		Name string `json:"name"`
		Size int    `json:"size"`
		URL  string `json:"url"`
	} `json:"document"`
	Edited bool `json:"edited"`
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: decode: %v", url, err)
	}
}

func post(t *testing.T, url, contentType, body string) int {
	t.Helper()
	resp, err := http.Post(url, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

func transcriptOf(t *testing.T, base string, chat string) []apiItem {
	t.Helper()
	var out struct{ Items []apiItem }
	getJSON(t, base+"/api/chats/"+chat+"/messages", &out)
	return out.Items
}


func TestDemoUsers(t *testing.T) {
	users := sandbox.DemoUsers()
	if len(users) != 4 {
		t.Fatalf("DemoUsers() has %d users, want 4", len(users))
	}
	seen := map[int64]bool{}
	for _, u := range users {
		if seen[u.ID] || u.ID == 0 || u.FirstName == "" || u.LanguageCode != "de" {
			t.Errorf("bad or duplicate demo user %+v", u)
		}
		seen[u.ID] = true
	}
	if !seen[sandbox.CoordinatorID] {
		t.Errorf("CoordinatorID %d is not a demo user", sandbox.CoordinatorID)
	}
}

func TestAPIUsers(t *testing.T) {
	_, srv := newSandbox(t)
	var out struct {
		Users []struct {
			ID      int64  `json:"id"`
			Persona string `json:"persona"`
		}
	}
	getJSON(t, srv.URL+"/api/users", &out)
	want := map[int64]string{
		sandbox.MunicipalID: "municipal", sandbox.AdvisorID: "advisor",
		sandbox.OrganisationID: "organisation", sandbox.CoordinatorID: "coordinator",
	}
	if len(out.Users) != len(want) {
		t.Fatalf("got %d users, want %d", len(out.Users), len(want))
	}
	for _, u := range out.Users {
		if want[u.ID] != u.Persona {
			t.Errorf("user %d: persona %q, want %q", u.ID, u.Persona, want[u.ID])
		}
	}
}

func TestAPIConversation(t *testing.T) {
	fake, srv := newSandbox(t)
	chat := "900001"
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

func TestAPIDocumentDownload(t *testing.T) {
	fake, srv := newSandbox(t)
	base := srv.URL + "/api/chats/900002"
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
	items := transcriptOf(t, srv.URL, "900002")
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
	if code := getStatus(t, srv.URL+"/api/chats/900002/messages/"+itoa(welcome.ID)+"/document"); code != http.StatusNotFound {
		t.Errorf("document of a text message: status %d, want 404", code)
	}
}

func TestAPIRejects(t *testing.T) {
	_, srv := newSandbox(t)
	base := srv.URL + "/api/chats/"
	tests := []struct {
		name, path, ctype, body string
		want                    int
	}{
		{"unknown chat", "12345/send", "application/json", `{"text":"hi"}`, http.StatusNotFound},
		{"not a number", "abc/send", "application/json", `{"text":"hi"}`, http.StatusNotFound},
		{"form post", "900001/send", "application/x-www-form-urlencoded", `text=hi`, http.StatusUnsupportedMediaType},
		{"malformed JSON", "900001/send", "application/json", `{"text":`, http.StatusBadRequest},
		{"empty text", "900001/send", "application/json", `{"text":"  \n "}`, http.StatusBadRequest},
		{"too long", "900001/send", "application/json", `{"text":"` + strings.Repeat("ä", 4097) + `"}`, http.StatusBadRequest},
		{"forged button", "900001/press", "application/json", `{"message_id":1,"data":"x"}`, http.StatusNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := post(t, base+tc.path, tc.ctype, tc.body); got != tc.want {
				t.Errorf("status %d, want %d", got, tc.want)
			}
		})
	}
	if got := getStatus(t, base+"900001/messages/1/document"); got != http.StatusNotFound {
		t.Errorf("missing document: status %d, want 404", got)
	}
}

func TestPageAndHeaders(t *testing.T) {
	_, srv := newSandbox(t)
	for _, path := range []string{"/", "/static/app.js", "/static/app.css"} {
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

func TestEventStream(t *testing.T) {
	_, srv := newSandbox(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/chats/900003/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	events := readEvents(resp.Body)
	expect := func(name string) apiItem {
		t.Helper()
		select {
		case ev := <-events:
			if ev.name != name {
				t.Fatalf("event %q (%s), want %q", ev.name, ev.data, name)
			}
			var it apiItem
			_ = json.Unmarshal([]byte(ev.data), &it)
			return it
		case <-ctx.Done():
			t.Fatalf("no %q event", name)
		}
		return apiItem{}
	}
	expect("snapshot")
	post(t, srv.URL+"/api/chats/900003/send", "application/json", `{"text":"/start"}`)
	// The user's bubble and the bot's answer come from two sources; the page
	// orders them by key, so either arrival order is fine.
	var mine, welcome apiItem
	for range 2 {
		it := expect("upsert")
		if it.From == "user" {
			mine = it
		} else {
			welcome = it
		}
	}
	if mine.Text != "/start" {
		t.Errorf("user upsert = %+v, want the user's /start", mine)
	}
	if welcome.From != "bot" || len(welcome.Buttons) != 2 {
		t.Fatalf("bot upsert = %+v, want the welcome", welcome)
	}
	post(t, srv.URL+"/api/chats/900003/press", "application/json", `{"message_id":`+itoa(welcome.ID)+`,"data":"go"}`)
	if it := expect("upsert"); it.ID != welcome.ID || !it.Edited {
		t.Errorf("upsert after press = %+v, want the edited welcome", it)
	}
	select {
	case ev := <-events:
		if ev.name != "toast" || ev.data != `{"text":"Okay"}` {
			t.Errorf("event %q %s, want toast Okay", ev.name, ev.data)
		}
	case <-ctx.Done():
		t.Fatal("no toast")
	}
}

type sseEvent struct{ name, data string }

// readEvents parses a text/event-stream into a channel until r ends.
func readEvents(r io.Reader) <-chan sseEvent {
	out := make(chan sseEvent, 16)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					out <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
