package sandbox_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
)

// TestEventStream reads the live stream of a chat: the snapshot, the user's
// message and the bot's answer, the edit after a press, and the toast.
func TestEventStream(t *testing.T) {
	t.Parallel()
	_, srv := newSandbox(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	events, expect := openStream(ctx, t, srv.URL, sandbox.OrganisationID)
	expect("snapshot")
	post(t, srv.URL+"/api/chats/"+strconv.FormatInt(sandbox.OrganisationID, 10)+"/send", "application/json", `{"text":"/start"}`)
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
	post(t, srv.URL+"/api/chats/"+strconv.FormatInt(sandbox.OrganisationID, 10)+"/press", "application/json", `{"message_id":`+itoa(welcome.ID)+`,"data":"go"}`)
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

// openStream opens the live stream of chat on the sandbox at base, until
// ctx ends, and returns its events and expect, which reads the next event
// and fails the test unless it is called name (its data decoded as a chat
// bubble).
func openStream(ctx context.Context, t *testing.T, base string, chat int64) (<-chan sseEvent, func(name string) apiItem) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/chats/"+strconv.FormatInt(chat, 10)+"/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	events := readEvents(resp.Body)
	return events, func(name string) apiItem {
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
