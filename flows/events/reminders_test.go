package events_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// publishedFest is Amira's event with capacity seats (0: none), published
// to Kulturverein Dortmund and Bochumer Brücke, the cards drained.
func publishedFest(h *flowstest.H, capacity int) domain.Event {
	h.T.Helper()
	e := create(h, amira, "de", false)
	h.Exec(`UPDATE events SET capacity = $2 WHERE id = $1`, e.ID, capacity)
	h.Press(amira, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2}))
	invited(h)
	return e
}

// answerFor stores p's association's answer to e.
func answerFor(h *flowstest.H, e domain.Event, p person, reply domain.EventReply, persons int) {
	h.T.Helper()
	a := domain.OrgAnswer{EventID: e.ID, OrganisationID: orgID(h, p), Reply: reply, Persons: persons}
	if _, err := h.DB.Answer(context.Background(), h.UserID(p), a, nil); err != nil {
		h.T.Fatal(err)
	}
}

// openEvent shows e's screen to p from /veranstaltungen.
func openEvent(h *flowstest.H, p person, e domain.Event) {
	h.T.Helper()
	h.Send(p, "/veranstaltungen")
	h.Press(p, h.Plain("de", "ev.list_entry", map[string]any{"Title": e.Title, "Date": "12.12.2026", "Draft": false, "Past": false}))
}

// forgeParam presses screen with param on p's newest message with
// session buttons and fails unless nothing changed; it returns the toast.
func forgeParam(h *flowstest.H, p person, screen, param string) string {
	h.T.Helper()
	data, err := engine.CallbackData(h.Nonce(p), "m", screen+"."+param)
	if err != nil {
		h.T.Fatal(err)
	}
	return h.PressUnchanged(p, h.Last(p).ID, data)
}

// The organiser reminds the associations without an answer once, after a
// confirmation: their members get a short reminder with the answer
// buttons in the association's language, the organiser learns how many,
// and the button gives way to when it was sent. Another organiser's
// presses and a second reminder are refused and send nothing.
func TestRemindTheUnansweredOnce(t *testing.T) {
	h := world(t, "de")
	e := publishedFest(h, 0)
	answerFor(h, e, kultA, domain.ReplyYes, 2)
	remind := h.Plain("de", "ev.rm_btn_remind", map[string]any{"N": 1})
	openEvent(h, amira, e)
	h.ExpectButtons(amira, remind)

	h.Send(bora, "/veranstaltungen")
	for _, s := range []string{"evq", "evy", "evn"} {
		if toast := forge(h, bora, s, e.ID); toast != h.Plain("de", "error.forbidden", nil) {
			t.Errorf("Bora's %s: toast %q", s, toast)
		}
	}
	if out := h.DrainOutbox(); len(out) != 0 {
		t.Fatalf("forged presses sent %+v", out)
	}

	h.Press(amira, remind)
	h.Expect(amira, "1 eingeladener Verein hat noch nicht geantwortet")
	h.Press(amira, h.Plain("de", "ev.rm_btn_remind_yes", nil))
	h.NoError()
	h.Expect(amira, h.Tr("de", "ev.rm_count", map[string]any{"N": 1}))
	msgs := h.Msgr.Messages(amira.ID)
	if screen := msgs[len(msgs)-2].Text; !strings.Contains(screen, "Erinnerung an Vereine ohne Antwort gesendet am 24.11.2026, 18:00 Uhr") {
		t.Errorf("the event's screen says\n%s", screen)
	}
	if got := strings.Join(h.Buttons(amira), "|"); strings.Contains(got, "🔔") {
		t.Errorf("the reminder is still offered: %s", got)
	}
	out := h.DrainOutbox()
	if len(out) != 1 || out[0].ChatID != kultB.ID || !strings.Contains(out[0].Message.Text, "has not answered the invitation") ||
		len(out[0].Message.Buttons) != 1 || len(out[0].Message.Buttons[0]) != 3 {
		t.Fatalf("reminders %+v, want one to Bochumer Brücke's member in English with the answer buttons", out)
	}
	if ev, _ := h.DB.EventByID(context.Background(), e.ID); ev.RemindedAt.IsZero() {
		t.Fatal("not marked as reminded")
	}

	// A replayed or forged second reminder is refused and sends nothing.
	openEvent(h, amira, e)
	h.Expect(amira, "Erinnerung an Vereine ohne Antwort gesendet am")
	for _, s := range []string{"evq", "evy"} {
		if toast := forge(h, amira, s, e.ID); toast != h.Plain("de", "ev.rm_done", nil) {
			t.Errorf("second %s: toast %q", s, toast)
		}
	}
	if out := h.DrainOutbox(); len(out) != 0 {
		t.Fatalf("a second reminder sent %+v", out)
	}
}

// A capped event's figures show the seats taken and the waiting list;
// after the start the organiser records per association whether it came,
// one press each, and the figures count it. Attendance before the start,
// by another organiser or for an association that did not say yes is
// refused and changes nothing.
func TestAttendanceAfterTheEvent(t *testing.T) {
	h := world(t, "de")
	ctx := context.Background()
	e := publishedFest(h, 3)
	answerFor(h, e, kultA, domain.ReplyYes, 2)
	answerFor(h, e, kultB, domain.ReplyYes, 2) // takes the 1 seat left, 1 person waits
	openEvent(h, amira, e)
	h.Expect(amira, "🪑 Plätze vergeben: 3 von 3 · Warteliste: 1 Person (1 Verein)")
	for _, b := range h.Buttons(amira) {
		if strings.Contains(b, "Anwesenheit") {
			t.Fatalf("attendance offered before the start: %q", b)
		}
	}
	a, b := orgID(h, kultA), orgID(h, kultB)
	param := func(org int64, came int) string { return fmt.Sprintf("%d.%d.%d", e.ID, org, came) }
	if toast := forge(h, amira, "evn", e.ID); toast != h.Plain("de", "ev.rm_attendance_early", nil) {
		t.Errorf("attendance before the start: toast %q", toast)
	}
	if toast := forgeParam(h, amira, "evk", param(a, 1)); toast != h.Plain("de", "ev.rm_attendance_early", nil) {
		t.Errorf("a mark before the start: toast %q", toast)
	}

	h.Clock.Advance(e.End.Add(time.Hour).Sub(h.Clock.Now()))
	h.Send(amira, "/veranstaltungen")
	h.Press(amira, h.Plain("de", "ev.list_entry", map[string]any{"Title": e.Title, "Date": "12.12.2026", "Draft": false, "Past": true}))
	if toast := forge(h, amira, "evq", e.ID); toast != h.Plain("de", "ev.rm_closed", nil) {
		t.Errorf("a reminder after the start: toast %q", toast)
	}
	h.Press(amira, h.Plain("de", "ev.rm_btn_attendance", nil))
	h.Expect(amira, "• Kulturverein Dortmund, 2 Personen: noch offen", "• "+engine.Escape(`Bochumer Brücke & "Freunde"`)+", 2 Personen: noch offen")
	h.Press(amira, h.Plain("de", "ev.rm_btn_came", map[string]any{"Name": "Kulturverein Dortmund", "On": false}))
	h.NoError()
	h.Expect(amira, "• Kulturverein Dortmund, 2 Personen: ✅ gekommen")
	h.ExpectButtons(amira, h.Plain("de", "ev.rm_btn_came", map[string]any{"Name": "Kulturverein Dortmund", "On": true}))
	h.Press(amira, h.Plain("de", "ev.rm_btn_not_came", map[string]any{"On": false})) // the first one open: Bochumer Brücke
	h.Expect(amira, "Freunde&quot;, 2 Personen: ❌ nicht gekommen", "• Kulturverein Dortmund, 2 Personen: ✅ gekommen")
	if c, _ := h.DB.Counts(ctx, e.ID); c.Came != 1 || c.NotCame != 1 {
		t.Fatalf("counts %+v", c)
	}

	// Forged marks change nothing: Bora's, and one for an association not
	// invited (Sportfreunde).
	h.Send(bora, "/veranstaltungen")
	if toast := forgeParam(h, bora, "evk", param(b, 1)); toast != h.Plain("de", "error.forbidden", nil) {
		t.Errorf("Bora's mark: toast %q", toast)
	}
	if toast := forgeParam(h, amira, "evk", param(orgID(h, sport), 1)); toast != h.Plain("de", "error.forbidden", nil) {
		t.Errorf("a mark for an association not invited: toast %q", toast)
	}
	forgeParam(h, amira, "evk", fmt.Sprintf("%d.x.1", e.ID))
	if c, _ := h.DB.Counts(ctx, e.ID); c.Came != 1 || c.NotCame != 1 {
		t.Fatalf("forged marks changed the counts: %+v", c)
	}

	// A mark pressed again records the same.
	h.Press(amira, h.Plain("de", "ev.rm_btn_came", map[string]any{"Name": "Kulturverein Dortmund", "On": true}))
	h.Press(amira, h.Plain("de", "btn.ev_to_event", nil))
	h.Expect(amira, "🙋 Gekommen: 1 · Nicht gekommen: 1")

	// The answers' CSV has the seats, the waiting persons and the attendance.
	h.Press(amira, h.Plain("de", "btn.ev_plain", nil))
	docs := h.Documents(amira)
	rows, err := csv.NewReader(bytes.NewReader(docs[len(docs)-1].Content)).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("the CSV: %q, %v", rows, err)
	}
	for i, want := range [][]string{{"1", "1", "nicht gekommen"}, {"2", "0", "gekommen"}} { // by name: Bochumer Brücke (1 seat, 1 waiting) first
		if got := rows[i+1][6:]; !slices.Equal(got, want) {
			t.Errorf("row %d ends %q, want %q", i+1, got, want)
		}
	}
}
