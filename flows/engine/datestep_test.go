package engine_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The date step is tested through the test feature's timeframe flow
// (/datetest, feature_test.go): earliest and latest date, and a summary.
// The clock reads 24.11.2026, 18:00 in Berlin.

// calendarHeader returns the calendar's month on the newest message ("" if none).
func calendarHeader(h *flowstest.H, p flowstest.Person) string {
	h.T.Helper()
	b := h.Last(p).Buttons
	if len(b) == 0 || len(b[0]) != 3 {
		return ""
	}
	return b[0][1].Label
}

// TestDateStepTypedForms types dates that are taken at once (a day and
// month that have passed this year are asked about: nextyear_test.go).
func TestDateStepTypedForms(t *testing.T) {
	cases := []struct{ name, typed, want, shown string }{
		{"full year", "24.11.2026", "2026-11-24", "24.11.2026"},
		{"short year", "24.11.26", "2026-11-24", "24.11.2026"},
		{"no year", "24.11.", "2026-11-24", "24.11.2026"},
		{"one digit, spaces", " 4.1.27 ", "2027-01-04", "04.01.2027"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: int64(4100 + i)}
			h.Send(p, "/datetest")
			h.Expect(p, h.Tr("de", "etest.earliest_prompt", nil))
			h.Send(p, c.typed)
			h.Expect(p, h.Tr("de", "etest.latest_prompt", map[string]any{"Earliest": c.shown}))
			h.ExpectStep(p, "latest", map[string]string{"earliest": c.want})
			h.Send(p, c.typed)
			h.Expect(p, "<b>Frühester Termin:</b> "+c.shown, "<b>Spätester Termin:</b> "+c.shown)
			h.Press(p, "✅ Bestätigen")
			h.Expect(p, "dates "+c.want+" "+c.want)
		})
	}
}

func TestDateStepBadInput(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 4201}
	h.Send(p, "/datetest")
	prompt := h.Expect(p, h.Tr("de", "etest.earliest_prompt", nil))
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
			// The problem alone; the question with its calendar stays above.
			h.SendRefused(p, c.typed, h.Tr("de", c.key, c.data))
			h.ExpectStep(p, "earliest", nil)
		})
	}
	if got := h.Tr("de", "date.no_day", bad[1].data); !strings.Contains(got, "Februar 2027 hat keinen Tag 31") {
		t.Errorf("no_day text: %q", got)
	}
	// The calendar above still answers: the next month opens in place.
	h.Press(p, "›")
	if m := h.Message(p, prompt.ID); len(m.Buttons) == 0 || m.Buttons[0][1].Label != "Dezember 2026" {
		t.Errorf("the question above after the problems: %q", m.Buttons)
	}

	h.Send(p, "10.12.")
	h.ExpectStep(p, "latest", map[string]string{"earliest": "2026-12-10"})
	t.Run("latest before earliest", func(t *testing.T) {
		h.Expect(p, h.Tr("de", "etest.latest_prompt", map[string]any{"Earliest": "10.12.2026"}))
		h.SendRefused(p, "9.12.2026", h.Tr("de", "etest.latest_before_earliest", map[string]any{"Date": "09.12.2026", "Limit": "10.12.2026"}))
		h.Expect(p, "Der 09.12.2026 liegt vor Ihrem frühesten Termin, dem 10.12.2026.")
		h.ExpectStep(p, "latest", map[string]string{"earliest": "2026-12-10"})
	})
	h.Send(p, "10.12.")
	h.Expect(p, "<b>Spätester Termin:</b> 10.12.2026")
}

func TestDateStepInEnglish(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 4301, LangHint: "en"}
	h.Send(p, "/datetest")
	h.Expect(p, h.Tr("en", "etest.earliest_prompt", nil))
	if calendarHeader(h, p) != "November 2026" {
		t.Errorf("header %q", calendarHeader(h, p))
	}
	h.ExpectButtons(p, "Mo", "Tu", "Su", "24", "›")
	h.Send(p, "31.02.")
	h.Expect(p, "February 2027 has no day 31, only the days 1 to 28.")
	h.Send(p, "1.1.2026")
	h.Expect(p, "1 Jan 2026 is in the past. Please choose today (24 Nov 2026) or a later day.")
	h.Send(p, "2.1.")
	h.Expect(p, "2 January has passed this year. Do you mean 2 Jan 2027?")
	h.Press(p, "Yes, 2 Jan 2027")
	h.Send(p, "1.1.27")
	h.Expect(p, "1 Jan 2027 is before your earliest date, 2 Jan 2027. Please choose 2 Jan 2027 or a later day.")
	h.Send(p, "3.1.27")
	h.Expect(p, "<b>Your test answers</b>", "<b>Earliest date:</b> 2 Jan 2027", "<b>Latest date:</b> 3 Jan 2027")
	h.Press(p, "✅ Confirm")
	h.Expect(p, "dates 2027-01-02 2027-01-03")
}

func TestCalendarNavigationAndPick(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 4401}
	h.Send(p, "/datetest")
	prompt := h.Last(p)
	if calendarHeader(h, p) != "November 2026" || h.Buttons(p)[0] != "·" {
		t.Fatalf("first month: %q, buttons %q", calendarHeader(h, p), h.Buttons(p))
	}
	h.ExpectButtons(p, "Mo", "So", "24", "30", "›")

	h.Press(p, "›")
	m := h.Last(p)
	if m.ID != prompt.ID || m.Edits != 1 || m.Text != prompt.Text || calendarHeader(h, p) != "Dezember 2026" {
		t.Fatalf("next month not in place: id %d (prompt %d), %d edits, header %q", m.ID, prompt.ID, m.Edits, calendarHeader(h, p))
	}
	h.ExpectButtons(p, "‹", "1", "31")
	h.ExpectStep(p, "earliest", nil)
	h.Press(p, "‹")
	if calendarHeader(h, p) != "November 2026" || len(h.Msgr.Messages(p.ID)) != 1 {
		t.Fatalf("back to November: %q, %d messages", calendarHeader(h, p), len(h.Msgr.Messages(p.ID)))
	}

	for range 24 {
		h.Press(p, "›")
	}
	if calendarHeader(h, p) != "November 2028" || h.Buttons(p)[2] != "·" {
		t.Fatalf("last month: %q, buttons %q", calendarHeader(h, p), h.Buttons(p)[:3])
	}
	h.Press(p, "15")
	msgs := h.Msgr.Messages(p.ID)
	if len(msgs) != 2 || msgs[0].Buttons != nil || !strings.Contains(msgs[0].Text, "➜ <i>15.11.2028</i>") {
		t.Fatalf("pick not shown in the prompt: %+v", msgs[0])
	}
	h.ExpectStep(p, "latest", map[string]string{"earliest": "2028-11-15"})
	// The latest date's calendar opens at the earliest and offers nothing before it.
	h.Expect(p, h.Tr("de", "etest.latest_prompt", map[string]any{"Earliest": "15.11.2028"}))
	if calendarHeader(h, p) != "November 2028" || h.Buttons(p)[0] != "·" {
		t.Fatalf("latest opens at %q with %q", calendarHeader(h, p), h.Buttons(p)[:3])
	}
	for _, l := range h.Buttons(p) {
		if l == "14" || l == "1" {
			t.Errorf("day %s before the earliest is offered", l)
		}
	}
	h.Press(p, "15")
	h.Expect(p, "<b>Frühester Termin:</b> 15.11.2028", "<b>Spätester Termin:</b> 15.11.2028")
	checkCallbackData(t, h, p)
}

// checkCallbackData checks every button p's chat shows now: 1-64 bytes of
// "<nonce>:<action>[:<arg>]". (TestCalendarCallbackDataFits checks every
// month of the range with the longest nonce.)
func checkCallbackData(t *testing.T, h *flowstest.H, p flowstest.Person) {
	t.Helper()
	n := 0
	for _, m := range h.Msgr.Messages(p.ID) {
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

// buttonData returns the callback data of m's button labelled label.
func buttonData(t *testing.T, m flowstest.Sent, label string) string {
	t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Label == label {
				return b.Data
			}
		}
	}
	t.Fatalf("message %d has no button %q", m.ID, label)
	return ""
}

func TestCalendarLabelsDoNothing(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 4501}
	h.Send(p, "/datetest")
	before, calls := h.Session(p), h.Msgr.CallCount()
	for _, label := range []string{"November 2026", "Mo", "·"} {
		if toast := h.Press(p, label); toast != "" {
			t.Errorf("%q: toast %q", label, toast)
		}
	}
	after := h.Session(p)
	after.Version = before.Version
	if !reflect.DeepEqual(before, after) || h.Msgr.CallCount() != calls {
		t.Errorf("a label changed something:\nbefore %+v\nafter  %+v\n%d calls", before, after, h.Msgr.CallCount()-calls)
	}
}

func TestStaleAndForgedCalendarData(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 4601}
	h.Send(p, "/datetest")
	first := h.Last(p)
	h.Press(p, "›")
	prompt := h.Last(p)
	nonce := h.Nonce(p)
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
			h.PressStale(p, prompt.ID, f.data)
		})
	}
	t.Run("the first month's buttons after navigation", func(t *testing.T) {
		// The message is the same, but its buttons now carry a new nonce.
		h.PressStale(p, first.ID, first.Buttons[0][2].Data)
		h.PressStale(p, first.ID, buttonData(t, first, "24"))
	})
	t.Run("a day that passed while the calendar was open", func(t *testing.T) {
		h.Press(p, "‹")
		h.Clock.Advance(6 * time.Hour) // 25.11.2026, 00:00 in Berlin, still 24.11. in UTC
		h.PressStale(p, h.Last(p).ID, buttonData(t, h.Last(p), "24"))
		h.Send(p, "24.11.2026")
		h.Expect(p, h.Tr("de", "date.past", map[string]any{"Date": "24.11.2026", "Limit": "25.11.2026"}))
	})
	h.Press(p, "25")
	h.ExpectStep(p, "latest", map[string]string{"earliest": "2026-11-25"})
}

func TestEditedEarliestPastLatestAsksLatestAgain(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 4701}
	h.Send(p, "/datetest")
	h.Send(p, "1.12.")
	h.Press(p, "« Zurück")
	h.Expect(p, h.Tr("de", "etest.earliest_prompt", nil), "Bisher: 01.12.2026")
	if calendarHeader(h, p) != "Dezember 2026" {
		t.Errorf("edit opens at %q, want the answer's month", calendarHeader(h, p))
	}
	h.Send(p, "2.12.")
	h.Send(p, "5.12.")
	h.Expect(p, "<b>Frühester Termin:</b> 02.12.2026", "<b>Spätester Termin:</b> 05.12.2026")

	h.Change(p, "de", "Frühester Termin")
	h.Send(p, "3.12.")
	h.Expect(p, "<b>Frühester Termin:</b> 03.12.2026", "<b>Spätester Termin:</b> 05.12.2026")

	h.Change(p, "de", "Frühester Termin")
	h.Send(p, "10.12.")
	h.Expect(p, h.Tr("de", "etest.latest_cleared", nil),
		h.Tr("de", "etest.latest_prompt", map[string]any{"Earliest": "10.12.2026"}))
	h.ExpectStep(p, "latest", map[string]string{"earliest": "2026-12-10"})
	h.Send(p, "12.12.")
	checkCallbackData(t, h, p)
	h.Press(p, "✅ Bestätigen")
	h.Expect(p, "dates 2026-12-10 2026-12-12")
}
