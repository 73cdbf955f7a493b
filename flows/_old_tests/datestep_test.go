package flows_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows"
)

// The date step is tested through a flow only tests have (datehook_test.go):
// the timeframe steps (earliest, latest) and a summary. The harness clock
// reads 24.11.2026, 18:00 in Berlin.

// startDates starts the test-only timeframe flow for p, the way a command
// would, through Begin and Commit like every update.
func (h *harness) startDates(p person) {
	h.t.Helper()
	ctx := context.Background()
	h.upd++
	key := flows.ConvKey{ChatID: p.ID, UserID: p.ID}
	sess, err := h.redis.Begin(ctx, h.upd, key)
	if err != nil {
		h.t.Fatalf("Begin: %v", err)
	}
	if err := h.engine.StartDateTest(ctx, h.update(p, flows.KindCommand), &sess); err != nil {
		h.t.Fatalf("StartDateTest: %v", err)
	}
	if _, err := h.redis.Commit(ctx, h.upd, key, sess); err != nil {
		h.t.Fatalf("Commit: %v", err)
	}
}

// expectAtStep fails unless p's conversation is at step with the answers want
// (nil: none).
func (h *harness) expectAtStep(p person, step string, want map[string]string) {
	h.t.Helper()
	s := h.session(p)
	if s.Step != step || len(s.Data) != len(want) || len(want) > 0 && !reflect.DeepEqual(s.Data, want) {
		h.t.Fatalf("session at %q with %v, want %q with %v", s.Step, s.Data, step, want)
	}
}

// calendarHeader returns the calendar's month on the newest message ("" if none).
func (h *harness) calendarHeader(p person) string {
	h.t.Helper()
	b := h.last(p).Buttons
	if len(b) == 0 || len(b[0]) != 3 {
		return ""
	}
	return b[0][1].Label
}

func TestDateStepTypedForms(t *testing.T) {
	cases := []struct{ name, typed, want, shown string }{
		{"full year", "24.11.2026", "2026-11-24", "24.11.2026"},
		{"short year", "24.11.26", "2026-11-24", "24.11.2026"},
		{"no year", "24.11.", "2026-11-24", "24.11.2026"},
		{"no year, passed this year", "23.11.", "2027-11-23", "23.11.2027"},
		{"one digit, spaces", " 4.1.27 ", "2027-01-04", "04.01.2027"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: int64(4100 + i)}
			h.startDates(p)
			h.expect(p, h.tr("de", "timeframe.earliest_prompt", nil))
			h.send(p, c.typed)
			h.expect(p, h.tr("de", "timeframe.latest_prompt", map[string]any{"Earliest": c.shown}))
			h.expectAtStep(p, "latest", map[string]string{"earliest": c.want})
			h.send(p, c.typed)
			h.expect(p, "<b>Frühester Termin:</b> "+c.shown, "<b>Spätester Termin:</b> "+c.shown)
			h.press(p, "✅ Bestätigen")
			h.expect(p, "dates "+c.want+" "+c.want)
		})
	}
}

func TestDateStepBadInput(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4201}
	h.startDates(p)
	prompt := h.tr("de", "timeframe.earliest_prompt", nil)
	bad := []struct {
		name, typed, key string
		data             map[string]any
	}{
		{"yesterday", "23.11.2026", "date.past", map[string]any{"Date": "23.11.2026", "Limit": "24.11.2026"}},
		{"31 February", "31.02.", "date.no_day", map[string]any{"Day": 31, "Month": "Februar", "Year": 2027, "Days": 28}},
		{"29 February in a common year", "29.02.2027", "date.no_day", map[string]any{"Day": 29, "Month": "Februar", "Year": 2027, "Days": 28}},
		{"day zero", "00.01.2027", "date.no_day", map[string]any{"Day": 0, "Month": "Januar", "Year": 2027, "Days": 31}},
		{"month 13", "24.13.", "date.no_month", map[string]any{"Number": 13}},
		{"letters", "nächste Woche", "date.format", nil},
		{"markup", "<b>1.12.</b>", "date.format", nil},
		{"too far ahead", "1.12.2028", "date.too_far", map[string]any{"Date": "01.12.2028", "Limit": "30.11.2028"}},
		{"far in a short year", "24.11.99", "date.too_far", map[string]any{"Date": "24.11.2099", "Limit": "30.11.2028"}},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			h.send(p, c.typed)
			m := h.expect(p, h.tr("de", c.key, c.data), prompt)
			if h.calendarHeader(p) != "November 2026" {
				t.Errorf("question again without the calendar:\n%s", m.Text)
			}
			h.expectAtStep(p, "earliest", nil)
		})
	}
	if got := h.tr("de", "date.no_day", bad[1].data); !strings.Contains(got, "Februar 2027 hat keinen Tag 31") {
		t.Errorf("no_day text: %q", got)
	}

	h.send(p, "10.12.")
	h.expectAtStep(p, "latest", map[string]string{"earliest": "2026-12-10"})
	t.Run("latest before earliest", func(t *testing.T) {
		h.send(p, "9.12.2026")
		h.expect(p, h.tr("de", "timeframe.latest_before_earliest", map[string]any{"Date": "09.12.2026", "Limit": "10.12.2026"}),
			h.tr("de", "timeframe.latest_prompt", map[string]any{"Earliest": "10.12.2026"}))
		h.expect(p, "Der 09.12.2026 liegt vor Ihrem frühesten Termin, dem 10.12.2026.")
		h.expectAtStep(p, "latest", map[string]string{"earliest": "2026-12-10"})
	})
	h.send(p, "10.12.")
	h.expect(p, "<b>Spätester Termin:</b> 10.12.2026")
}

func TestDateStepInEnglish(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4301, LangHint: "en"}
	h.startDates(p)
	h.expect(p, h.tr("en", "timeframe.earliest_prompt", nil))
	if h.calendarHeader(p) != "November 2026" {
		t.Errorf("header %q", h.calendarHeader(p))
	}
	h.send(p, "31.02.")
	h.expect(p, "February 2027 has no day 31, only the days 1 to 28.")
	h.send(p, "1.1.2026")
	h.expect(p, "1 Jan 2026 is in the past. Please choose today (24 Nov 2026) or a later day.")
	h.send(p, "2.1.")
	h.send(p, "1.1.27")
	h.expect(p, "1 Jan 2027 is before your earliest date, 2 Jan 2027. Please choose 2 Jan 2027 or a later day.")
}

func TestCalendarNavigationAndPick(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4401}
	h.startDates(p)
	prompt := h.last(p)
	if h.calendarHeader(p) != "November 2026" || h.buttons(p)[0] != "·" {
		t.Fatalf("first month: %q, buttons %q", h.calendarHeader(p), h.buttons(p))
	}
	h.expectButtons(p, "Mo", "So", "24", "30", "›")

	h.press(p, "›")
	m := h.last(p)
	if m.ID != prompt.ID || m.Edits != 1 || m.Text != prompt.Text || h.calendarHeader(p) != "Dezember 2026" {
		t.Fatalf("next month not in place: id %d (prompt %d), %d edits, header %q", m.ID, prompt.ID, m.Edits, h.calendarHeader(p))
	}
	h.expectButtons(p, "‹", "1", "31")
	h.expectAtStep(p, "earliest", nil)
	h.press(p, "‹")
	if h.calendarHeader(p) != "November 2026" || len(h.msgr.messages(p.ID)) != 1 {
		t.Fatalf("back to November: %q, %d messages", h.calendarHeader(p), len(h.msgr.messages(p.ID)))
	}

	for i := 0; i < 24; i++ {
		h.press(p, "›")
	}
	if h.calendarHeader(p) != "November 2028" || h.buttons(p)[2] != "·" {
		t.Fatalf("last month: %q, buttons %q", h.calendarHeader(p), h.buttons(p)[:3])
	}
	h.press(p, "15")
	msgs := h.msgr.messages(p.ID)
	if len(msgs) != 2 || msgs[0].Buttons != nil || !strings.Contains(msgs[0].Text, "➜ <i>15.11.2028</i>") {
		t.Fatalf("pick not shown in the prompt: %+v", msgs[0])
	}
	h.expectAtStep(p, "latest", map[string]string{"earliest": "2028-11-15"})
	// The latest date's calendar opens at the earliest and offers nothing before it.
	h.expect(p, h.tr("de", "timeframe.latest_prompt", map[string]any{"Earliest": "15.11.2028"}))
	if h.calendarHeader(p) != "November 2028" || h.buttons(p)[0] != "·" {
		t.Fatalf("latest opens at %q with %q", h.calendarHeader(p), h.buttons(p)[:3])
	}
	for _, l := range h.buttons(p) {
		if l == "14" || l == "1" {
			t.Errorf("day %s before the earliest is offered", l)
		}
	}
	h.press(p, "15")
	h.expect(p, "<b>Frühester Termin:</b> 15.11.2028", "<b>Spätester Termin:</b> 15.11.2028")
	checkCallbackData(t, h, p)
}

// checkCallbackData checks every button p's chat shows now: 1-64 bytes of
// "<nonce>:<action>[:<arg>]". (TestCalendarCallbackDataFits checks every
// month of the range with the longest nonce.)
func checkCallbackData(t *testing.T, h *harness, p person) {
	t.Helper()
	n := 0
	for _, m := range h.msgr.messages(p.ID) {
		for _, row := range m.Buttons {
			for _, b := range row {
				n++
				parts := strings.Split(b.Data, ":")
				if len(b.Data) == 0 || len(b.Data) > 64 || len(parts) < 2 || len(parts) > 3 {
					t.Errorf("callback data %q of %q", b.Data, b.Label)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no buttons to check")
	}
}

func TestCalendarLabelsDoNothing(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4501}
	h.startDates(p)
	before, calls := h.session(p), h.msgr.callCount()
	for _, label := range []string{"November 2026", "Mo", "·"} {
		if toast := h.press(p, label); toast != "" {
			t.Errorf("%q: toast %q", label, toast)
		}
	}
	after := h.session(p)
	after.Version = before.Version
	if !reflect.DeepEqual(before, after) || h.msgr.callCount() != calls {
		t.Errorf("a label changed something:\nbefore %+v\nafter  %+v\n%d calls", before, after, h.msgr.callCount()-calls)
	}
}

func TestStaleAndForgedCalendarData(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4601}
	h.startDates(p)
	first := h.last(p)
	h.press(p, "›")
	prompt := h.last(p)
	nonce, _, _ := strings.Cut(prompt.Buttons[0][0].Data, ":")
	forged := []struct{ name, data string }{
		{"month before today's", nonce + ":cal:202610"},
		{"month past the range", nonce + ":cal:202812"},
		{"month far ahead", nonce + ":cal:999912"},
		{"month 13", nonce + ":cal:202613"},
		{"month in another form", nonce + ":cal:2026-12"},
		{"month missing", nonce + ":cal"},
		{"empty month", nonce + ":cal:"},
		{"day in the past", nonce + ":c:2026-11-23"},
		{"31 February", nonce + ":c:2027-02-31"},
		{"day past the range", nonce + ":c:2028-12-01"},
		{"day in another form", nonce + ":c:24.11.2026"},
		{"day not canonical", nonce + ":c:2026-12-1"},
		{"day missing", nonce + ":c"},
		{"summary action", nonce + ":ok"},
	}
	for _, f := range forged {
		t.Run(f.name, func(t *testing.T) {
			pressUnchanged(h, p, prompt.ID, f.data)
		})
	}
	t.Run("the first month's buttons after navigation", func(t *testing.T) {
		// The message is the same, but its buttons now carry a new nonce.
		pressUnchanged(h, p, first.ID, first.Buttons[0][2].Data)
		pressUnchanged(h, p, first.ID, first.Buttons[6][1].Data)
	})
	t.Run("a day that passed while the calendar was open", func(t *testing.T) {
		h.press(p, "‹")
		h.clock.Advance(6 * time.Hour) // 25.11.2026, 00:00 in Berlin, still 24.11. in UTC
		data := ""
		for _, b := range h.last(p).Buttons[6] {
			if b.Label == "24" {
				data = b.Data
			}
		}
		pressUnchanged(h, p, h.last(p).ID, data)
		h.send(p, "24.11.2026")
		h.expect(p, h.tr("de", "date.past", map[string]any{"Date": "24.11.2026", "Limit": "25.11.2026"}))
	})
	h.press(p, "25")
	h.expectAtStep(p, "latest", map[string]string{"earliest": "2026-11-25"})
}

func TestEditedEarliestPastLatestAsksLatestAgain(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 4701}
	h.startDates(p)
	h.send(p, "1.12.")
	h.press(p, "« Zurück")
	h.expect(p, h.tr("de", "timeframe.earliest_prompt", nil), "Bisher: 01.12.2026")
	if h.calendarHeader(p) != "Dezember 2026" {
		t.Errorf("edit opens at %q, want the answer's month", h.calendarHeader(p))
	}
	h.send(p, "2.12.")
	h.send(p, "5.12.")
	h.expect(p, "<b>Frühester Termin:</b> 02.12.2026", "<b>Spätester Termin:</b> 05.12.2026")

	h.press(p, "✏️ Frühester Termin")
	h.send(p, "3.12.")
	h.expect(p, "<b>Frühester Termin:</b> 03.12.2026", "<b>Spätester Termin:</b> 05.12.2026")

	h.press(p, "✏️ Frühester Termin")
	h.send(p, "10.12.")
	h.expect(p, h.tr("de", "timeframe.latest_cleared", nil),
		h.tr("de", "timeframe.latest_prompt", map[string]any{"Earliest": "10.12.2026"}))
	h.expectAtStep(p, "latest", map[string]string{"earliest": "2026-12-10"})
	h.send(p, "12.12.")
	checkCallbackData(t, h, p)
	h.press(p, "✅ Bestätigen")
	h.expect(p, "dates 2026-12-10 2026-12-12")
}
