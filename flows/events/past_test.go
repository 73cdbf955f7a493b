package events_test

import (
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A draft whose start has passed is not reported as published: the
// audience says that the start lies in the past and offers only to edit
// it, and "Einladen" pressed on the screen from before invites nobody.
func TestDraftWhoseStartPassed(t *testing.T) {
	h := world(t, "de")
	e := create(h, amira, "de", false)
	invite := h.Plain("de", "btn.ev_invite", map[string]any{"Members": 2})
	h.ExpectButtons(amira, invite)
	id, data := h.Find(amira, invite)
	h.Clock.Advance(19 * 24 * time.Hour) // 13.12.2026, the day after the event

	past := h.Tr("de", "ev.audience_past", map[string]any{"Title": e.Title, "When": "Sa, 12.12.2026, 18:00–20:00 Uhr"})
	wantButtons := []string{h.Plain("de", "btn.ev_edit", nil), h.Plain("de", "btn.ev_to_event", nil)}
	check := func(what string) {
		t.Helper()
		h.Expect(amira, past)
		if got := h.Buttons(amira); len(got) != 2 || got[0] != wantButtons[0] || got[1] != wantButtons[1] {
			t.Fatalf("%s offers %q, want %q", what, got, wantButtons)
		}
	}
	if toast := h.PressData(amira, id, data); toast == h.Plain("de", "ev.published_already", nil) {
		t.Fatalf("the past draft is called published")
	}
	h.NoError()
	check("Einladen")
	if c, f := invited(h); len(c)+len(f) != 0 {
		t.Fatalf("a past draft sent cards to %v and files to %v", c, f)
	}
	if ev := eventsOf(h, amira)[0]; ev.Status != domain.EventStateDraft {
		t.Fatalf("event %+v", ev)
	}
	h.Press(amira, h.Plain("de", "btn.ev_to_event", nil))
	h.Press(amira, h.Plain("de", "btn.ev_audience", nil))
	check("the audience")
	h.Press(amira, h.Plain("de", "btn.ev_edit", nil))
	h.ExpectButtons(amira, h.Plain("de", "btn.confirm", nil))
}
