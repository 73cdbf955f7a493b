package invitations_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// invitationOf returns p's one upcoming invitation.
func invitationOf(w *world, p person) domain.EventInvitation {
	w.h.T.Helper()
	up, _, err := w.h.DB.InvitationsFor(context.Background(), w.h.UserID(p))
	if err != nil || len(up) != 1 {
		w.h.T.Fatalf("invitations of %d: %+v, %v", p.ID, up, err)
	}
	return up[0]
}

// kbAnswer returns Kulturbrücke's answer to event id.
func kbAnswer(w *world, id int64) domain.OrgAnswer {
	w.h.T.Helper()
	return answerOf(w, id, orgKB)
}

// Presses for an invitation that is not the presser's (another
// association's, an unknown one, by someone who is no member) are
// refused politely and change nothing.
func TestForgedPressesChangeNothing(t *testing.T) {
	w, e := published(t)
	h := w.h
	theirs := invitationOf(w, kb1.p).ID
	own := w.card(br1.p).ID
	for _, p := range []person{br1.p, nb1.p} {
		h.Send(p, "/einladungen") // the first turn of a chat learns who they are
	}
	forbidden := h.Plain("en", "iv.forbidden", nil)
	for _, act := range []string{"y", "m", "n"} {
		if toast := h.PressUnchanged(br1.p, own, flowstest.Durable(t, "iv", act, theirs)); toast != forbidden {
			t.Errorf("another association's %s: toast %q", act, toast)
		}
		if toast := h.PressUnchanged(br1.p, own, flowstest.Durable(t, "iv", act, 999999)); toast != forbidden {
			t.Errorf("an unknown invitation's %s: toast %q", act, toast)
		}
	}
	h.PressUnchanged(organiser, h.Last(organiser).ID, flowstest.Durable(t, "iv", "n", theirs))
	h.PressUnchanged(nb1.p, 1, flowstest.Durable(t, "iv", "m", theirs))
	if a := kbAnswer(w, e.ID); a.Reply != "" {
		t.Errorf("an answer was stored: %+v", a)
	}
	h.ExpectDelivered(map[int64]int{})
	if c := w.card(kb1.p); c.Edits != 0 {
		t.Errorf("Kulturbrücke's card changed")
	}
}

// Once the event has started, a press is refused with a polite toast and
// the card loses its buttons; a yes begun before the start and finished
// after it is not stored either.
func TestAnsweringEndsAtTheStart(t *testing.T) {
	w := newWorld(t)
	h := w.h
	threeOrgs(w)
	soon := fest()
	soon.Start, soon.End, soon.Deadline = berlin(2026, 11, 24, 20, 0), berlin(2026, 11, 24, 22, 0), time.Time{}
	e, _ := w.publish(soon, orgKB)
	h.Deliver()
	pl := func(key string) string { return h.Plain("de", key, nil) }
	h.Press(kb2.p, pl("btn.iv_yes"))
	h.Press(kb2.p, "4")

	h.Clock.Advance(e.Start.Sub(h.Clock.Now()) + time.Minute)
	if toast := h.Press(kb1.p, pl("btn.iv_no")); toast != pl("iv.closed") {
		t.Errorf("toast %q", toast)
	}
	if c := w.card(kb1.p); len(c.Buttons) != 0 || !contains(c.Text, "Antworten ist nicht mehr möglich") {
		t.Errorf("the card after the start: %v\n%s", c.Labels(), c.Text)
	}
	h.Press(kb2.p, h.Plain("de", "btn.done", map[string]any{"N": 0}))
	h.Expect(kb2.p, h.Tr("de", "iv.closed", nil))
	if a := kbAnswer(w, e.ID); a.Reply != "" {
		t.Errorf("an answer was stored after the start: %+v", a)
	}
}

// A member who has left the association: its answers no longer restyle
// their old card, their list no longer shows its invitations, and a press
// on the old card is refused with a text of its own and changes nothing.
func TestFormerMembersCardIsNoLongerTheirs(t *testing.T) {
	w, e := published(t)
	h := w.h
	h.Exec(`DELETE FROM organisation_members WHERE user_id = $1`, h.UserID(kb2.p))
	pl := func(key string, data map[string]any) string { return h.Plain("de", key, data) }
	h.Press(kb1.p, pl("btn.iv_maybe", nil))
	h.ExpectDelivered(map[int64]int{organiser.ID: 1}) // the organiser told; the cards are edited
	if c := w.card(kb2.p); c.Edits != 0 || contains(c.Text, "Vielleicht") {
		t.Errorf("the former member's card was restyled: %d edits\n%s", c.Edits, c.Text)
	}
	h.Send(kb2.p, "/einladungen") // the first turn of a chat learns who they are
	h.Expect(kb2.p, h.Tr("de", "iv.list_empty", nil))
	card := w.card(kb2.p)
	want := pl("iv.former_member", map[string]any{"Org": "Kulturbrücke & Co e.V."})
	for _, act := range []string{"y", "n"} {
		data := card.Buttons[0][0].Data
		if act == "n" {
			data = card.Buttons[0][2].Data
		}
		if toast := h.PressUnchanged(kb2.p, card.ID, data); toast != want {
			t.Errorf("%s on the old card: toast %q, want %q", act, toast, want)
		}
	}
	if a := kbAnswer(w, e.ID); a.Reply != domain.ReplyMaybe {
		t.Errorf("the answer is %+v, want Kofi's maybe", a)
	}
}
