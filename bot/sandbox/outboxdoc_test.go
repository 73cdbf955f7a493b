package sandbox_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/sandbox"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// A calendar file that reaches a demo user through the outbox (not in a
// turn) shows on the page as a document with its caption, and downloads as
// text/calendar with its name.
func TestAPIOutboxCalendarDownload(t *testing.T) {
	t.Parallel()
	store, base := startSandboxBot(t)
	start := testNow().Add(72 * time.Hour)
	doc, err := engine.CalendarFile(engine.CalendarEvent{UID: "ev-1@miglobe", Stamp: testNow(), Start: start,
		End: start.Add(time.Hour), Summary: "Sommerfest"}, "sommerfest.ics")
	if err != nil {
		t.Fatal(err)
	}
	doc.Caption = "<b>Sommerfest</b>"
	if err := store.Notify(context.Background(), []domain.Notification{{ChatID: sandbox.AdvisorID, Message: domain.Message{Document: &doc}}}); err != nil {
		t.Fatal(err)
	}
	chat := strconv.FormatInt(sandbox.AdvisorID, 10)
	var item apiItem
	for deadline := time.Now().Add(20 * time.Second); item.Document == nil; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the outbox document did not show on the page within 20s")
		}
		for _, it := range transcriptOf(t, base, chat) {
			if it.Document != nil {
				item = it
			}
		}
	}
	if item.Document.Name != "sommerfest.ics" || item.Document.Size != len(doc.Content) {
		t.Fatalf("document item = %+v", item.Document)
	}
	if got, want := string(item.Rich), `[{"tag":"b","kids":[{"text":"Sommerfest"}]}]`; got != want {
		t.Errorf("caption = %s, want %s", got, want)
	}
	resp, err := http.Get(base + item.Document.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != string(doc.Content) {
		t.Fatalf("download: status %d, %d bytes", resp.StatusCode, len(body))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/calendar", ct)
	}
}
