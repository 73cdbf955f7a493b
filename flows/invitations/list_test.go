package invitations_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// "Einladungen" (command and menu entry of association members) lists the
// upcoming events with the association's answer, each opening its card
// anew with its buttons and calendar file, and the past ones.
func TestListShowsUpcomingWithAnswerAndPast(t *testing.T) {
	w := newWorld(t)
	h := w.h
	threeOrgs(w)
	cafe := fest()
	cafe.Title, cafe.Start, cafe.End, cafe.Deadline = "Sprachcafé", berlin(2026, 12, 1, 18, 0), berlin(2026, 12, 1, 19, 0), time.Time{}
	w.publish(fest(), orgKB)
	w.publish(cafe, orgKB)
	h.Deliver()
	pl := func(key string, data map[string]any) string { return h.Plain("de", key, data) }
	h.Press(kb1.p, pl("btn.iv_maybe", nil)) // the newest card: the Sprachcafé's

	h.Send(kb2.p, "/menu")
	h.Press(kb2.p, pl("btn.iv_menu", nil))
	m := h.Expect(kb2.p, "Demnächst", "Sprachcafé", "🤔 Vielleicht — Kofi", "Interkulturelles Fest", "noch keine")
	if strings.Contains(m.Text, "Vergangen") {
		t.Errorf("a past event before any is past:\n%s", m.Text)
	}
	if strings.Index(m.Text, "Sprachcafé") > strings.Index(m.Text, "Interkulturelles Fest") {
		t.Errorf("not soonest first:\n%s", m.Text)
	}

	h.Clock.Advance(8 * 24 * time.Hour) // 2.12.2026: the Sprachcafé is over
	h.Send(kb2.p, "/einladungen")
	m = h.Expect(kb2.p, "Demnächst", "Vergangen", "🤔 Vielleicht — Kofi")
	if strings.Index(m.Text, "Vergangen") > strings.Index(m.Text, "Sprachcafé") ||
		strings.Index(m.Text, "Interkulturelles Fest") > strings.Index(m.Text, "Vergangen") {
		t.Errorf("the Sprachcafé is not among the past ones:\n%s", m.Text)
	}
	docs := len(h.Documents(kb2.p))
	h.Press(kb2.p, pl("btn.iv_open", map[string]any{"Date": "12.12.2026", "Title": "Interkulturelles Fest"}))
	if n := len(h.Documents(kb2.p)); n != docs+1 || h.Last(kb2.p).Document == nil {
		t.Fatalf("the card came with %d new calendar files, want 1, last", n-docs)
	}
	msgs := h.Msgr.Messages(kb2.p.ID)
	c := msgs[len(msgs)-2]
	if !strings.Contains(c.Text, "Interkulturelles Fest") || len(c.Buttons) != 1 || len(c.Buttons[0]) != 3 {
		t.Fatalf("the card anew: %v\n%s", c.Labels(), c.Text)
	}
	// It answers like the one that came with the invitation.
	h.Press(kb2.p, pl("btn.iv_no", nil))
	h.Deliver()
	n := 0
	for _, p := range []person{kb1.p, kb2.p} {
		for _, c := range h.Msgr.Messages(p.ID) {
			if strings.Contains(c.Text, "Einladung: Interkulturelles Fest") {
				n++
				if !strings.Contains(c.Text, "❌ Nein — Ama") || len(c.Buttons) != 1 {
					t.Errorf("chat %d: %v\n%s", p.ID, c.Labels(), c.Text)
				}
			}
		}
	}
	if n != 3 {
		t.Errorf("%d cards of the Fest, want 3 (one each, and the one shown anew)", n)
	}
}

// text is a text of the German locale: HTML (Tr) or plain (Plain).
type text = func(key string, data map[string]any) string

// stopsWorld is a world with the three associations, for the stops tests:
// the German texts as HTML and plain, and the name of the topic culture.
func stopsWorld(t *testing.T) (w *world, tr, pl text, culture string) {
	w = newWorld(t)
	threeOrgs(w)
	tr = func(key string, data map[string]any) string { return w.h.Tr("de", key, data) }
	pl = func(key string, data map[string]any) string { return w.h.Plain("de", key, data) }
	return w, tr, pl, pl("topic.culture", nil)
}

// An association stops invitations on a topic, or all of them, and takes
// that back: the next publish leaves it out while stopped and invites it
// again after.
func TestStopsLeaveTheAssociationOutUntilTakenBack(t *testing.T) {
	w, tr, pl, culture := stopsWorld(t)
	h := w.h
	published := func(want string) {
		t.Helper()
		if _, said := w.publish(fest(), orgKB, orgBR); said != want {
			t.Fatalf("publish said %q, want %q", said, want)
		}
		h.Deliver()
	}

	h.Send(kb1.p, "/einladungen")
	h.Expect(kb1.p, tr("iv.list_empty", nil))
	h.Press(kb1.p, pl("btn.iv_stops", nil))
	h.Expect(kb1.p, tr("iv.stops_none", nil))
	h.Press(kb1.p, pl("btn.iv_topic_on", map[string]any{"Topic": culture}))
	h.Expect(kb1.p, tr("iv.stops_topics", map[string]any{"Topics": culture}))
	h.ExpectButtons(kb1.p, pl("btn.iv_topic_off", map[string]any{"Topic": culture}))
	published("published 2") // Bridges only

	h.Press(kb1.p, pl("btn.iv_topic_off", map[string]any{"Topic": culture}))
	h.Expect(kb1.p, tr("iv.stops_none", nil))
	published("published 4")

	h.Send(kb2.p, "/einladungen") // the second member stops all

	h.Press(kb2.p, pl("btn.iv_stops", nil))
	h.Press(kb2.p, pl("btn.iv_stop_all", nil))
	h.Expect(kb2.p, tr("iv.stops_all", nil))
	published("published 2")
	h.Press(kb2.p, pl("btn.iv_resume_all", nil))
	h.Expect(kb2.p, tr("iv.stops_none", nil))
	published("published 4")

	// A forged topic changes nothing.
	id := h.Last(kb2.p).ID
	h.PressStale(kb2.p, id, h.Nonce(kb2.p)+":m:iv_stops.st.bogus")
	_, orgs, err := h.DB.Profiles(t.Context(), h.UserID(kb2.p))
	if err != nil || len(orgs) != 1 || orgs[0].StoppedAll || len(orgs[0].StoppedTopics) != 0 {
		t.Fatalf("profile %+v, %v", orgs, err)
	}
}

// A stop button asks for the state its label names: pressed on a screen
// another member's change made out of date, or twice, it does that and no
// more (a stopped topic stays stopped), and a topic's change keeps another
// member's stop of all.
func TestStopsDoWhatTheButtonSaysOnAnOutOfDateScreen(t *testing.T) {
	w, tr, pl, culture := stopsWorld(t)
	h := w.h
	stopCulture := pl("btn.iv_topic_on", map[string]any{"Topic": culture})
	profile := func() domain.OrganisationProfile {
		t.Helper()
		_, orgs, err := h.DB.Profiles(t.Context(), h.UserID(kb1.p))
		if err != nil || len(orgs) != 1 {
			t.Fatalf("profile %+v, %v", orgs, err)
		}
		return orgs[0]
	}
	for _, m := range []member{kb1, kb2} {
		h.Send(m.p, "/einladungen")
		h.Press(m.p, pl("btn.iv_stops", nil))
	}
	// Kofi's screen offers "stop culture"; Ama stops it first.
	id, data := h.Find(kb1.p, stopCulture)
	h.Press(kb2.p, stopCulture)
	h.PressData(kb1.p, id, data)
	h.NoError()
	if o := profile(); !slices.Equal(o.StoppedTopics, []domain.Topic{domain.TopicCulture}) {
		t.Fatalf("after two presses of stop culture: stopped %v, want culture", o.StoppedTopics)
	}
	h.Expect(kb1.p, tr("iv.stops_topics", map[string]any{"Topics": culture}))
	h.ExpectButtons(kb1.p, pl("btn.iv_topic_off", map[string]any{"Topic": culture}))

	// Ama stops all; Kofi, on his screen from before, takes culture back:
	// the stop of all stays.
	h.Press(kb2.p, pl("btn.iv_stop_all", nil))
	h.Press(kb1.p, pl("btn.iv_topic_off", map[string]any{"Topic": culture}))
	if o := profile(); !o.StoppedAll || len(o.StoppedTopics) != 0 {
		t.Fatalf("after culture taken back: %+v, want all stopped and no topic", o)
	}
	h.Expect(kb1.p, tr("iv.stops_all", nil))
	h.ExpectButtons(kb1.p, pl("btn.iv_resume_all", nil), stopCulture)
}
