package invitations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The reminder tests' associations beside Kulturbrücke (yes, 2 persons),
// Bridges (maybe) and Nachbarn (no): Wartende, whose yes waits for a
// seat, and Stille, which does not answer.
var (
	wt1 = member{person{ID: 9401}, "Mira Jansen", "de"}
	st1 = member{person{ID: 9501}, "Paul Roth", "de"}
)

const (
	orgWT = 704
	orgST = 705
)

// runReminders runs the reminders' job once.
func runReminders(h *flowstest.H) {
	h.T.Helper()
	h.RunJob("event_reminders")
}

// remindWorld publishes fest with 2 seats to the five associations and
// stores their answers: Kulturbrücke yes with 2 (the seats), Bridges
// maybe, Nachbarn no, Wartende yes with 1 (waiting), Stille none.
func remindWorld(t *testing.T) (*world, domain.Event) {
	t.Helper()
	w := newWorld(t)
	threeOrgs(w)
	w.addOrg(orgWT, "Wartende e.V.", "de", wt1)
	w.addOrg(orgST, "Stille e.V.", "de", st1)
	d := fest()
	d.Capacity = 2
	e, _ := w.publish(d, orgKB, orgBR, orgNB, orgWT, orgST)
	w.h.Deliver()
	for _, a := range []struct {
		org   int64
		by    member
		reply domain.EventReply
		n     int
	}{{orgKB, kb1, domain.ReplyYes, 2}, {orgBR, br2, domain.ReplyMaybe, 0}, {orgNB, nb1, domain.ReplyNo, 0},
		{orgWT, wt1, domain.ReplyYes, 1}} {
		ans := domain.OrgAnswer{EventID: e.ID, OrganisationID: a.org, Reply: a.reply, Persons: a.n}
		if _, err := w.h.DB.Answer(context.Background(), w.h.UserID(a.by.p), ans, nil); err != nil {
			t.Fatalf("answer of %d: %v", a.org, err)
		}
	}
	w.h.DrainOutbox()
	return w, e
}

// to moves the clock to before the start of e.
func to(h *flowstest.H, e domain.Event, before time.Duration) {
	h.Clock.Advance(e.Start.Add(-before).Sub(h.Clock.Now()))
}

// Maybe gets the nudge and the 48 h reminder with the answer buttons; yes
// holding seats gets the 48 h and the 2 h one, the latter with "Ich kann
// doch nicht kommen"; no, no answer and a yes still waiting get none.
// Each once, with the job run twice, in the association's language.
func TestRemindersOnceEachToTheirMembers(t *testing.T) {
	w, e := remindWorld(t)
	h := w.h
	twice := func() { runReminders(h); runReminders(h) }
	to(h, e, 97*time.Hour)
	twice()
	h.ExpectDelivered(map[int64]int{})
	to(h, e, 96*time.Hour-time.Minute) // a day before the deadline
	twice()
	h.ExpectDelivered(map[int64]int{br1.p.ID: 1, br2.p.ID: 1})
	nudge := h.Last(br2.p)
	if !contains(nudge.Text, "Please answer yes or no by") || !contains(nudge.Text, "Interkulturelles Fest") ||
		len(nudge.Buttons) != 1 || len(nudge.Buttons[0]) != 3 {
		t.Fatalf("nudge %q %+v", nudge.Text, nudge.Buttons)
	}
	to(h, e, 48*time.Hour-time.Minute)
	twice()
	h.ExpectDelivered(map[int64]int{kb1.p.ID: 1, kb2.p.ID: 1, br1.p.ID: 1, br2.p.ID: 1})
	h.Expect(kb1.p, "Erinnerung: <b>Interkulturelles Fest</b> übermorgen, Sa, 12.12.2026, 18:00–20:00 Uhr, Rathausplatz 1, Dortmund. Sie haben 2 Plätze.")
	if b := h.Last(kb1.p).Buttons; len(b) != 0 {
		t.Errorf("48 h reminder to yes has buttons %+v", b)
	}
	maybe := h.Expect(br1.p, "the day after tomorrow", "Are you coming? Please answer.")
	inv := invitationOf(w, br1.p)
	if len(maybe.Buttons) != 1 || maybe.Buttons[0][1].Data != flowstest.Durable(t, "iv", "m", inv.ID) {
		t.Errorf("48 h reminder to maybe: buttons %+v", maybe.Buttons)
	}
	to(h, e, 2*time.Hour-time.Minute)
	twice()
	h.ExpectDelivered(map[int64]int{kb1.p.ID: 1, kb2.p.ID: 1})
	two := h.Expect(kb2.p, "in 2 Stunden", "Sie haben 2 Plätze.")
	if len(two.Buttons) != 1 || len(two.Buttons[0]) != 1 ||
		two.Buttons[0][0] != (domain.Button{Label: h.Plain("de", "iv.rm_btn_cant_come", nil),
			Data: flowstest.Durable(t, "iv", "x", invitationOf(w, kb2.p).ID)}) {
		t.Errorf("2 h reminder: buttons %+v", two.Buttons)
	}
	to(h, e, -time.Minute)
	twice()
	h.ExpectDelivered(map[int64]int{})
}

// "Ich kann doch nicht kommen" turns the yes into a no: the seats go to
// the waitlist (Wartende gets one at once), every member's card follows;
// a replay, another association's invitation and a press after the start
// are refused and change nothing.
func TestCantComeReleasesTheSeats(t *testing.T) {
	w, e := remindWorld(t)
	h := w.h
	ctx := context.Background()
	to(h, e, 2*time.Hour-time.Minute)
	runReminders(h)
	h.ExpectDelivered(map[int64]int{kb1.p.ID: 1, kb2.p.ID: 1})
	kbInv := invitationOf(w, kb1.p).ID
	for _, p := range []person{kb1.p, br1.p} {
		h.Send(p, "/einladungen") // the first turn of a chat learns who they are
	}
	h.Deliver()
	forbidden := h.Plain("en", "iv.forbidden", nil)
	if toast := h.PressUnchanged(br1.p, h.Last(br1.p).ID, flowstest.Durable(t, "iv", "x", kbInv)); toast != forbidden {
		t.Errorf("another association's invitation: toast %q", toast)
	}
	if c, _ := h.DB.Counts(ctx, e.ID); c.SeatsTaken != 2 || c.WaitingPersons != 1 {
		t.Fatalf("a forged press changed the seats: %+v", c)
	}

	var reminder flowstest.Sent
	for _, m := range h.Msgr.Messages(kb1.p.ID) {
		if strings.Contains(m.Text, "in 2 Stunden") {
			reminder = m
		}
	}
	if toast := h.PressData(kb1.p, reminder.ID, flowstest.Durable(t, "iv", "x", kbInv)); toast != h.Plain("de", "iv.rm_cant_come_done", nil) {
		t.Fatalf("can't come: toast %q", toast)
	}
	h.NoError()
	if a := kbAnswer(w, e.ID); a.Reply != domain.ReplyNo || a.Seats != 0 {
		t.Fatalf("Kulturbrücke's answer %+v, want no", a)
	}
	if c, _ := h.DB.Counts(ctx, e.ID); c.SeatsTaken != 1 || c.WaitingPersons != 0 || c.WaitingOrgs != 0 || c.Yes != 1 {
		t.Fatalf("after can't come: %+v, want Wartende seated", c)
	}
	if got := h.Message(kb1.p, reminder.ID); len(got.Buttons) != 0 || !contains(got.Text, "abgesagt") {
		t.Errorf("the pressed reminder: %q %+v", got.Text, got.Buttons)
	}
	h.Deliver()
	if !contains(w.card(kb2.p).Text, h.Tr("de", "iv.answer_no", nil)) {
		t.Errorf("kb2's card does not show the no:\n%s", w.card(kb2.p).Text)
	}

	// A replay: nothing to release.
	h.Send(kb2.p, "/einladungen")
	h.Deliver()
	if toast := h.PressUnchanged(kb2.p, h.Last(kb2.p).ID, flowstest.Durable(t, "iv", "x", invitationOf(w, kb2.p).ID)); toast !=
		h.Plain("de", "iv.rm_cant_come_not_yes", nil) {
		t.Errorf("replay: toast %q", toast)
	}
	// After the start: answering is over.
	wtInv := invitationOf(w, wt1.p).ID
	to(h, e, -time.Minute)
	h.Send(wt1.p, "/einladungen")
	h.Deliver()
	if toast := h.PressData(wt1.p, h.Last(wt1.p).ID, flowstest.Durable(t, "iv", "x", wtInv)); toast != h.Plain("de", "iv.closed", nil) {
		t.Errorf("after the start: toast %q", toast)
	}
	if c, _ := h.DB.Counts(ctx, e.ID); c.SeatsTaken != 1 || c.Yes != 1 {
		t.Fatalf("a press after the start changed the seats: %+v", c)
	}
}
