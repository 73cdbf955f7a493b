package bot

import (
	"bytes"
	"context"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// A notification with a calendar file made by engine.CalendarFile reaches
// the chat through the outbox of the running bot as a document, with its
// caption and buttons, and the copy the fake received parses with an
// independent parser to the event as built.
func TestOutboxDeliversCalendarFile(t *testing.T) {
	t.Parallel()
	fake := startFake(t)
	fake.CheckTB(t)
	fake.AddUser(user(3201))
	store := storagetest.Store(t)
	runBotOn(t, fake, store)

	start := time.Date(2026, 12, 12, 17, 0, 0, 0, time.UTC) // 18:00 in Berlin
	doc, err := engine.CalendarFile(engine.CalendarEvent{UID: "ap-7@miglobe", Sequence: 2, Stamp: testNow(),
		Start: start, End: start.Add(2 * time.Hour), Summary: "Beratung, Dortmund; Rathaus", Location: "Friedensplatz 1"}, "termin.ics")
	if err != nil {
		t.Fatal(err)
	}
	doc.Caption = "<b>Ihr Termin</b> am 12.12.2026"
	buttons := [][]domain.Button{{{Label: "Absagen", Data: "*:ap:x:7"}}}
	if err := store.Notify(context.Background(), []domain.Notification{
		{ChatID: 3201, Message: domain.Message{Document: &doc, Buttons: buttons}},
	}); err != nil {
		t.Fatal(err)
	}
	m, err := fake.Next(3201, 20*time.Second)
	if err != nil {
		t.Fatalf("the document did not arrive: %v", err)
	}
	if m.Document == nil || m.Document.FileName != "termin.ics" || !bytes.Equal(m.Document.Data, doc.Content) {
		t.Fatalf("chat got %+v, want termin.ics as built", m)
	}
	if m.Caption != doc.Caption || len(m.Buttons) != 1 || m.Buttons[0][0].Data != "*:ap:x:7" {
		t.Errorf("caption %q buttons %+v", m.Caption, m.Buttons)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(m.Document.Data)).Decode()
	if err != nil {
		t.Fatalf("the received file does not parse: %v", err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events in the file", len(events))
	}
	got, err := events[0].DateTimeStart(nil)
	if err != nil || !got.Equal(start) {
		t.Errorf("DTSTART %v (%v), want %v", got, err, start)
	}
	if uid := events[0].Props.Get(goical.PropUID).Value; uid != "ap-7@miglobe" {
		t.Errorf("UID %q", uid)
	}
	if summary, _ := events[0].Props.Text(goical.PropSummary); summary != "Beratung, Dortmund; Rathaus" {
		t.Errorf("SUMMARY %q", summary)
	}
}
