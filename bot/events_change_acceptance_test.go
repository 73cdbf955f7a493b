package bot

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Issue 14, acceptance, through the fake Bot API: the organiser moves the
// event in the chat; the association holding the seats, the one waiting
// and the one that said maybe (in English) learn the old and the new time
// with a calendar file of the same UID and a higher SEQUENCE, the one that
// said no and the one that did not answer learn nothing. Then the
// organiser cancels it: everyone invited gets a cancelling calendar file
// (METHOD:CANCEL, STATUS:CANCELLED) and their cards lose the buttons. Both
// files are read with go-ical.
func TestEventTimeChangeAndCancellation(t *testing.T) {
	sc := newSeatsScene(t, 5, 2, func(k int) string {
		if k == 2 {
			return "en"
		}
		return "de"
	})
	holder, waiter, maybe, no, silent := sc.members[0], sc.members[1], sc.members[2], sc.members[3], sc.members[4]
	sc.yes(0, "2")
	sc.yes(1, "1")
	maybe.tap(maybe.plain("btn.iv_maybe", nil))
	no.tap(no.plain("btn.iv_no", nil))
	await(t, "four answers", func() bool { return len(sc.answers()) == 4 })
	if a := sc.answer(sc.orgs[1]); a.Waiting() != 1 {
		t.Fatalf("the second yes is %+v, want it waiting", a)
	}

	// The organiser moves the event to Sunday 17:00 for 3 hours.
	o := sc.organiser
	o.say("/veranstaltungen")
	o.tap(o.plain("ev.list_entry", map[string]any{"Title": sc.event.Title, "Date": "12.12.2026"}))
	o.tap(o.plain("ev.btn_change", nil))
	o.tap(o.plain("ev.btn_ch_time", nil))
	o.sees(o.plain("ev.start_prompt", nil))
	o.say("13.12.2026 17:00")
	o.tap(o.plain("btn.ev_hours", map[string]any{"N": 3}))
	o.sees("Sa, 12.12.2026, 18:00–20:00 Uhr", "So, 13.12.2026, 17:00–20:00 Uhr")
	o.tap(o.plain("ev.btn_change_tell", map[string]any{"N": 3}))
	o.sees(sc.texts.T("de", "ev.changed", map[string]any{"N": 3}))
	newStart := sc.start.Add(23 * time.Hour)
	for _, p := range []person{holder, waiter, maybe} {
		old, now := "Sa, 12.12.2026, 18:00–20:00 Uhr", "So, 13.12.2026, 17:00–20:00 Uhr"
		if p.lang == "en" {
			old, now = "Sat 12 Dec 2026, 18:00–20:00", "Sun 13 Dec 2026, 17:00–20:00"
		}
		p.sees(old, now)
		await(t, p.user.FirstName+"'s new calendar file", func() bool { return len(p.documents(".ics")) == 2 })
		ev := eventOfCalendar(t, p.documents(".ics")[1], "PUBLISH", "1", sc.event.UID)
		if start, err := ev.DateTimeStart(nil); err != nil || !start.Equal(newStart) {
			t.Errorf("%s's new file starts %v (%v), want %v", p.user.FirstName, start, err, newStart)
		}
	}

	// The organiser cancels it: everyone invited is told.
	o.say("/veranstaltungen")
	o.tap(o.plain("ev.list_entry", map[string]any{"Title": sc.event.Title, "Date": "13.12.2026"}))
	o.tap(o.plain("ev.btn_cancel", nil))
	o.tap(o.plain("ev.btn_cancel_do", map[string]any{"N": 5}))
	o.sees(sc.texts.T("de", "ev.cancelled_done", map[string]any{"N": 5}))
	sc.delivered()
	for _, p := range sc.members {
		files := 3
		if p == no || p == silent {
			files = 2 // the invitation's and the cancellation's
		}
		if got := len(p.documents(".ics")); got != files {
			t.Fatalf("%s has %d calendar files, want %d", p.user.FirstName, got, files)
		}
		ev := eventOfCalendar(t, p.documents(".ics")[files-1], "CANCEL", "2", sc.event.UID)
		if st := ev.Props.Get(goical.PropStatus); st == nil || st.Value != "CANCELLED" {
			t.Errorf("%s's cancelling file has STATUS %v", p.user.FirstName, st)
		}
		for _, m := range p.fake.Messages(p.user.ID) {
			if strings.Contains(m.Text, "📨") && len(m.Buttons) > 0 {
				t.Errorf("%s's card still has buttons after the cancellation: %v", p.user.FirstName, m.Buttons)
			}
		}
	}
	if n := no.count("→"); n != 0 {
		t.Errorf("the association that said no was told of the change %d times", n)
	}
	if e, err := sc.store.EventByID(t.Context(), sc.event.ID); err != nil || e.Status != domain.EventCancelled || e.Sequence != 2 {
		t.Errorf("the event after the cancellation: %+v, %v", e, err)
	}
}

// eventOfCalendar parses the calendar file with go-ical and checks its
// METHOD, its one event's SEQUENCE and UID; it returns the event.
func eventOfCalendar(t *testing.T, doc *telegramfake.Document, method, sequence, uid string) goical.Event {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(doc.Data)).Decode()
	if err != nil {
		t.Fatalf("the calendar file does not parse: %v", err)
	}
	if m := cal.Props.Get(goical.PropMethod); m == nil || m.Value != method {
		t.Errorf("METHOD %v, want %s", m, method)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events in the calendar file", len(events))
	}
	ev := events[0]
	if s := ev.Props.Get(goical.PropSequence); s == nil || s.Value != sequence {
		t.Errorf("SEQUENCE %v, want %s", s, sequence)
	}
	if u := ev.Props.Get(goical.PropUID); u == nil || u.Value != uid {
		t.Errorf("UID %v, want %s", u, uid)
	}
	return ev
}
