package sandbox_test

import (
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
	fake := newDemoFake(t)
	startResponder(t, fake.URL(), testToken)
	srv := httptest.NewServer(sandbox.New(fake, sandbox.DemoUsers(), nil, nil))
	t.Cleanup(srv.Close)
	return fake, srv
}

// newDemoFake starts a fake Bot API that knows the demo users and fails
// the test for any call it refuses.
func newDemoFake(t *testing.T) *telegramfake.Server {
	t.Helper()
	return newDemoFakeOn(t, nil)
}

// newDemoFakeOn is newDemoFake with the fake on clock (nil: time.Now).
func newDemoFakeOn(t *testing.T, clock func() time.Time) *telegramfake.Server {
	t.Helper()
	fake := telegramfake.New(telegramfake.Options{Token: testToken, Clock: clock})
	if err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("start fake Bot API: %v", err)
	}
	t.Cleanup(fake.Close)
	fake.CheckTB(t)
	for _, u := range sandbox.DemoUsers() {
		fake.AddUser(u)
	}
	return fake
}

// apiItem mirrors the JSON of one chat bubble.
type apiItem struct {
	From     string          `json:"from"`
	ID       int             `json:"id"`
	Seq      int64           `json:"seq"`
	After    int             `json:"after"`
	Rich     json.RawMessage `json:"rich"`
	Text     string          `json:"text"`
	Buttons  [][]struct{ Text, Data, URL, Start string }
	Document *struct {
		Name string `json:"name"`
		Size int    `json:"size"`
		URL  string `json:"url"`
	} `json:"document"`
	Edited bool      `json:"edited"`
	At     time.Time `json:"at"`
	Time   string    `json:"time"`
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
