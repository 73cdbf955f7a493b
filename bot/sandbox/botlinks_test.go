package sandbox_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// A link to the bot in a message is marked with its start payload, and
// opening it as another demo user sends "/start <payload>" from them, as
// Telegram does, while their chat shows "/start". A payload Telegram
// would refuse sends nothing.
func TestAPIOpenBotLink(t *testing.T) {
	t.Parallel()
	fake, srv := newSandbox(t)
	coord, advisor := strconv.FormatInt(sandbox.CoordinatorID, 10), strconv.FormatInt(sandbox.Advisor2ID, 10)
	post(t, srv.URL+"/api/chats/"+coord+"/send", "application/json", `{"text":"/invite"}`)
	if _, err := fake.Next(sandbox.CoordinatorID, 5*time.Second); err != nil {
		t.Fatalf("no invite: %v", err)
	}
	items := transcriptOf(t, srv.URL, coord)
	invite := items[len(items)-1]
	if rich := string(invite.Rich); !strings.Contains(rich, `"start":"demo_1"`) || strings.Contains(rich, `"start":"x"`) {
		t.Errorf("the invite's text %s: want the bot's link marked with start demo_1, the other bot's not", rich)
	}
	if b := invite.Buttons; len(b) != 2 || b[0][0].Start != "demo_2" || b[0][0].URL == "" || b[0][0].Data != "" ||
		b[1][0].Start != "" || b[1][0].URL != "https://example.org/handbuch" {
		t.Errorf("the invite's buttons %+v: want the share button with start demo_2, the other a plain link", b)
	}

	for _, bad := range []string{`{"payload":""}`, `{"payload":"a b"}`, `{"payload":"` + strings.Repeat("a", 65) + `"}`} {
		if code := post(t, srv.URL+"/api/chats/"+advisor+"/start", "application/json", bad); code != http.StatusBadRequest {
			t.Errorf("start %s: status %d, want 400", bad, code)
		}
	}
	if code := post(t, srv.URL+"/api/chats/1/start", "application/json", `{"payload":"demo_1"}`); code != http.StatusNotFound {
		t.Errorf("start in an unknown chat: status %d, want 404", code)
	}
	if got := transcriptOf(t, srv.URL, advisor); len(got) != 0 {
		t.Fatalf("refused starts left %+v", got)
	}

	if code := post(t, srv.URL+"/api/chats/"+advisor+"/start", "application/json", `{"payload":"demo_1"}`); code != http.StatusOK {
		t.Fatalf("start: status %d", code)
	}
	if _, err := fake.Next(sandbox.Advisor2ID, 5*time.Second); err != nil {
		t.Fatalf("no answer to the link: %v", err)
	}
	got := transcriptOf(t, srv.URL, advisor)
	if len(got) != 2 || got[0].From != "user" || got[0].Text != "/start" || string(got[1].Rich) != `[{"text":"Echo: "},{"tag":"command","text":"/start"},{"text":" demo_1"}]` {
		t.Errorf("the advisor's chat after opening the link: %+v", got)
		for _, it := range got {
			t.Logf("%s: %q %s", it.From, it.Text, it.Rich)
		}
	}
}
