package events_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Two more associations in Dortmund for the changes: one that waits for
// seats and one that says no.
var (
	waits = person{ID: 9301} // Warteverein Dortmund
	nein  = person{ID: 9302} // Neinverein Dortmund
)

// seatedEvent is Amira's event for 3 persons published to the four
// associations of Nordrhein-Westfalen that care about culture, answered:
// Kulturverein Dortmund yes for 3 (holding every seat), Bochumer Brücke
// maybe, Warteverein yes for 2 (waiting), Neinverein no. Amira's screen
// shows the event.
func seatedEvent(t *testing.T) (*flowstest.H, domain.Event) {
	t.Helper()
	h := world(t, "de")
	culture := []domain.Topic{domain.TopicCulture}
	registerOrg(h, waits, "Warteverein Dortmund", "Dortmund", "NW", "de", culture)
	registerOrg(h, nein, "Neinverein Dortmund", "Dortmund", "NW", "de", culture)
	e := create(h, amira, "de", false)
	ctx := context.Background()
	d := e.EventDraft
	d.Capacity = 3
	if _, err := h.DB.UpdateEvent(ctx, e.ID, h.UserID(amira), d); err != nil {
		t.Fatal(err)
	}
	h.Send(amira, "/veranstaltungen")
	h.Press(amira, h.Plain("de", "ev.list_entry", map[string]any{"Title": e.Title, "Date": "12.12.2026", "Draft": true, "Past": false}))
	h.Press(amira, h.Plain("de", "btn.ev_audience", nil))
	h.Press(amira, h.Plain("de", "btn.ev_invite", map[string]any{"Members": 4}))
	h.Deliver() // the cards are shown: a change restyles them
	for _, x := range []struct {
		p person
		a domain.OrgAnswer
	}{{kultA, domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 3}}, {kultB, domain.OrgAnswer{Reply: domain.ReplyMaybe}},
		{waits, domain.OrgAnswer{Reply: domain.ReplyYes, Persons: 2}}, {nein, domain.OrgAnswer{Reply: domain.ReplyNo}}} {
		p, a := x.p, x.a
		a.EventID, a.OrganisationID = e.ID, orgID(h, p)
		if _, err := h.DB.Answer(ctx, h.UserID(p), a, nil); err != nil {
			t.Fatal(err)
		}
	}
	h.DrainOutbox()
	h.Send(amira, "/veranstaltungen")
	h.Press(amira, h.Plain("de", "ev.list_entry", map[string]any{"Title": e.Title, "Date": "12.12.2026", "Draft": false, "Past": false}))
	e, err := h.DB.EventByID(ctx, e.ID)
	if err != nil || e.SeatsTaken != 3 {
		t.Fatalf("seated event %+v, %v", e, err)
	}
	return h, e
}

// told drains the outbox and returns, per chat, the texts and the
// calendar files of the new messages.
func told(h *flowstest.H) (map[int64][]string, map[int64][]domain.Document) {
	h.T.Helper()
	texts, files := map[int64][]string{}, map[int64][]domain.Document{}
	for _, m := range h.DrainOutbox() {
		if m.Message.Document != nil {
			files[m.ChatID] = append(files[m.ChatID], *m.Message.Document)
		} else {
			texts[m.ChatID] = append(texts[m.ChatID], m.Message.Text)
		}
	}
	return texts, files
}

// calendarOf parses doc with emersion's parser: its METHOD and its only
// event.
func calendarOf(t *testing.T, doc domain.Document) (string, goical.Event) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(doc.Content)).Decode()
	if err != nil || len(cal.Events()) != 1 {
		t.Fatalf("%s: %v\n%s", doc.Name, err, doc.Content)
	}
	return cal.Props.Get(goical.PropMethod).Value, cal.Events()[0]
}

// A time change reaches the yes, the maybe and the waiting association
// with the old and the new time and a calendar file with SEQUENCE 1, not
// the no; the screen names how many are told before.
func TestTimeChangeTellsYesMaybeAndTheWaitlist(t *testing.T) {
	h, e := seatedEvent(t)
	h.Press(amira, h.Plain("de", "ev.btn_change", nil))
	h.Press(amira, h.Plain("de", "ev.btn_ch_time", nil))
	h.Expect(amira, h.Tr("de", "ev.start_prompt", nil))
	h.Send(amira, "13.12.2026 17:00")
	h.Press(amira, h.Plain("de", "btn.ev_hours", map[string]any{"N": 3}))
	h.Expect(amira, "Sa, 12.12.2026, 18:00–20:00 Uhr", "So, 13.12.2026, 17:00–20:00 Uhr")
	h.Press(amira, h.Plain("de", "ev.btn_change_tell", map[string]any{"N": 3}))
	h.Expect(amira, h.Tr("de", "ev.changed", map[string]any{"N": 3}))

	texts, files := told(h)
	for _, p := range []person{kultA, kultB, waits} {
		want := "Sa, 12.12.2026, 18:00–20:00 Uhr → <b>So, 13.12.2026, 17:00–20:00 Uhr</b>"
		if p == kultB {
			want = "Sat 12 Dec 2026, 18:00–20:00 → <b>Sun 13 Dec 2026, 17:00–20:00</b>"
		}
		if len(texts[p.ID]) != 1 || !strings.Contains(texts[p.ID][0], want) {
			t.Errorf("chat %d got %q", p.ID, texts[p.ID])
		}
		if len(files[p.ID]) != 1 {
			t.Fatalf("chat %d got %d files", p.ID, len(files[p.ID]))
		}
		method, ev := calendarOf(t, files[p.ID][0])
		start, err := ev.DateTimeStart(nil)
		if seq := ev.Props.Get(goical.PropSequence); method != "PUBLISH" || seq == nil || seq.Value != "1" ||
			ev.Props.Get(goical.PropUID).Value != domain.EventUID(e.ID) || err != nil || !start.Equal(e.Start.Add(23*time.Hour)) {
			t.Errorf("chat %d: method %s, sequence %v, start %v (%v)", p.ID, method, seq, start, err)
		}
	}
	if len(texts[nein.ID])+len(files[nein.ID]) != 0 {
		t.Errorf("the no association was told: %q", texts[nein.ID])
	}
	after, _ := h.DB.EventByID(context.Background(), e.ID)
	if after.Sequence != 1 || !after.Start.Equal(e.Start.Add(23*time.Hour)) || after.Title != e.Title {
		t.Fatalf("after the change %+v", after)
	}
}

// A capacity below the seats taken is refused with the numbers; a higher
// one is stored without telling anybody but the association it seats.
func TestCapacityBelowTheSeatsIsRefusedAndAHigherOnePromotes(t *testing.T) {
	h, e := seatedEvent(t)
	h.Press(amira, h.Plain("de", "ev.btn_change", nil))
	h.Press(amira, h.Plain("de", "ev.btn_ch_capacity", nil))
	refused(h, amira, "2", "Es sind schon 3 Plätze vergeben. Die Plätze können nicht unter 3 sinken.")
	h.Send(amira, "5")
	h.Expect(amira, "3 Personen → <b>5 Personen</b>")
	h.Press(amira, h.Plain("de", "ev.btn_change_save", nil))
	h.Expect(amira, h.Tr("de", "ev.changed", map[string]any{"N": 0}))
	texts, files := told(h)
	if len(texts) != 1 || len(texts[waits.ID]) != 1 || len(files) != 0 {
		t.Fatalf("told %v and files %v, want the waiting association's note only", texts, files)
	}
	after, _ := h.DB.EventByID(context.Background(), e.ID)
	if after.Capacity != 5 || after.Sequence != 0 || after.SeatsTaken != 5 {
		t.Fatalf("after %+v", after)
	}
}

// The waitlist's fairness is set from the event's screen and shown there.
func TestSeatingIsSetAndShown(t *testing.T) {
	h, e := seatedEvent(t)
	h.Press(amira, h.Plain("de", "ev.btn_change", nil))
	h.Press(amira, h.Plain("de", "ev.btn_seating", nil))
	h.Press(amira, "3")
	h.Press(amira, h.Plain("de", "ev.btn_on", nil))
	h.Press(amira, h.Plain("de", "ev.btn_hours_short", map[string]any{"N": "48"}))
	h.Press(amira, h.Plain("de", "ev.btn_change_save", nil))
	h.Expect(amira, "höchstens 3 Personen je Verein, solange andere warten · neue Vereine zuerst: ein · Bestätigungsfrist 48 Std.")
	after, _ := h.DB.EventByID(context.Background(), e.ID)
	if after.Seating != (domain.EventSeating{FairMax: 3, NewFirst: true, ConfirmHours: 48}) || after.Sequence != 0 {
		t.Fatalf("seating %+v", after.Seating)
	}
	if texts, files := told(h); len(texts)+len(files) != 0 {
		t.Fatalf("a change of the seating told %v", texts)
	}
}

// A cancellation, confirmed, reaches everyone invited with a cancelling
// calendar file; the replayed press changes nothing.
func TestCancellationReachesEveryoneInvited(t *testing.T) {
	h, e := seatedEvent(t)
	h.Press(amira, h.Plain("de", "ev.btn_cancel", nil))
	h.Expect(amira, "Alle 4 eingeladenen Mitglieder erfahren davon")
	label := h.Plain("de", "ev.btn_cancel_do", map[string]any{"N": 4})
	id, data := h.Find(amira, label)
	h.Press(amira, label)
	screen := h.Expect(amira, h.Tr("de", "ev.cancelled_done", map[string]any{"N": 4}))
	if !strings.Contains(screen.Text, h.Tr("de", "ev.cancelled_done", map[string]any{"N": 4})+"\n\n🚫 <b>Abgesagt</b>") {
		t.Errorf("the event's screen does not begin with the cancellation: %q", screen.Text)
	}
	got := h.Deliver()
	for _, p := range []person{kultA, kultB, waits, nein} {
		want := "am Sa, 12.12.2026, 18:00–20:00 Uhr wurde abgesagt"
		if p == kultB { // invitations in English
			want = "on Sat 12 Dec 2026, 18:00–20:00 has been cancelled"
		}
		msgs := h.Msgr.Messages(p.ID)
		if got[p.ID] != 2 || !strings.Contains(msgs[len(msgs)-2].Text, want) {
			t.Fatalf("chat %d got %d messages: %+v", p.ID, got[p.ID], msgs)
		}
		i := slices.IndexFunc(msgs, func(m flowstest.Sent) bool { return strings.Contains(m.Text, "Fest der Kulturen") })
		if i < 0 || i >= len(msgs)-2 || len(msgs[i].Buttons) != 0 || msgs[i].Edits == 0 {
			t.Errorf("chat %d: the card is not closed: %+v", p.ID, msgs)
		}
		docs := h.Documents(p)
		method, ev := calendarOf(t, docs[len(docs)-1])
		if st := ev.Props.Get(goical.PropStatus); method != "CANCEL" || st == nil || st.Value != "CANCELLED" ||
			ev.Props.Get(goical.PropSequence).Value != "1" {
			t.Errorf("chat %d: method %s, status %v", p.ID, method, st)
		}
	}
	h.PressUnchanged(amira, id, data)
	if texts, files := told(h); len(texts)+len(files) != 0 {
		t.Fatalf("the replayed cancel told %v", texts)
	}
	if after, _ := h.DB.EventByID(context.Background(), e.ID); after.Status != domain.EventCancelled || after.Sequence != 1 {
		t.Fatalf("after %+v", after)
	}
}

// Another organiser's forged presses, and presses once the event started,
// change nothing.
func TestForgedAndLateChangesChangeNothing(t *testing.T) {
	h, e := seatedEvent(t)
	h.Send(bora, "/veranstaltungen")
	for _, s := range []string{"evg", "evgt", "evgp", "evgd", "evgc", "evgs", "evz", "evzz"} {
		if toast := forge(h, bora, s, e.ID); toast != h.Plain("de", "error.forbidden", nil) {
			t.Errorf("forged %s: toast %q", s, toast)
		}
	}
	h.Clock.Advance(e.Start.Sub(h.Clock.Now()))
	for _, s := range []string{"evg", "evgt", "evgc", "evz", "evzz"} {
		if toast := forge(h, amira, s, e.ID); toast != h.Plain("de", "ev.not_changeable", nil) {
			t.Errorf("late %s: toast %q", s, toast)
		}
	}
	after, _ := h.DB.EventByID(context.Background(), e.ID)
	if after.Status != domain.EventPublished || after.Sequence != 0 || !after.UpdatedAt.Equal(e.UpdatedAt) {
		t.Fatalf("after %+v", after)
	}
	if texts, files := told(h); len(texts)+len(files) != 0 {
		t.Fatalf("told %v", texts)
	}
}

// A draft with a capacity sets its waitlist's fairness from its screen
// (stored with the draft, nobody told).
func TestDraftSetsItsSeating(t *testing.T) {
	h := world(t, "de")
	e := create(h, amira, "de", false)
	d := e.EventDraft
	d.Capacity = 10
	if _, err := h.DB.UpdateEvent(context.Background(), e.ID, h.UserID(amira), d); err != nil {
		t.Fatal(err)
	}
	h.Send(amira, "/veranstaltungen")
	h.Press(amira, h.Plain("de", "ev.list_entry", map[string]any{"Title": e.Title, "Date": "12.12.2026", "Draft": true, "Past": false}))
	h.Press(amira, h.Plain("de", "ev.btn_seating", nil))
	h.Press(amira, "2")
	h.Press(amira, h.Plain("de", "ev.btn_off", nil))
	h.Press(amira, h.Plain("de", "ev.btn_hours_short", map[string]any{"N": "12"}))
	h.Expect(amira, "höchstens 2 Personen je Verein")
	h.Press(amira, h.Plain("de", "ev.btn_change_save", nil))
	h.Expect(amira, "📝 Entwurf", "höchstens 2 Personen je Verein, solange andere warten · neue Vereine zuerst: aus · Bestätigungsfrist 12 Std.")
	after, _ := h.DB.EventByID(context.Background(), e.ID)
	if after.Status != domain.EventStateDraft || after.Seating != (domain.EventSeating{FairMax: 2, ConfirmHours: 12}) {
		t.Fatalf("draft %+v", after)
	}
	if texts, files := told(h); len(texts)+len(files) != 0 {
		t.Fatalf("told %v", texts)
	}
}
