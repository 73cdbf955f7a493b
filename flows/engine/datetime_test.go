package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The date-time step is tested through the test feature's flow (/whentest,
// feature_test.go). The clock reads 24.11.2026, 18:00 in Berlin.

func TestDateTimeTyped(t *testing.T) {
	for _, c := range []struct{ lang, field, shown string }{
		{"de", "Termin", "24.11.2026, 14:00 Uhr"},
		{"en", "Appointment", "24 Nov 2026, 14:00"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := newH(t)
			h.Clock.Advance(-5 * time.Hour) // 13:00, so that 14:00 today lies ahead
			p := flowstest.Person{ID: 9201, LangHint: c.lang}
			h.Send(p, "/whentest")
			h.Expect(p, h.Tr(c.lang, "etest.when_prompt", nil))
			if calendarHeader(h, p) != "November 2026" {
				t.Errorf("no calendar under the question: %q", h.Buttons(p))
			}
			h.Send(p, "24.11.2026 14:00")
			h.Expect(p, h.Tr(c.lang, "etest.summary", nil), "<b>"+c.field+":</b> "+c.shown)
			h.ExpectStep(p, "summary", map[string]string{"when": "2026-11-24T14:00"})
			h.Press(p, h.Plain(c.lang, "btn.confirm", nil))
			h.Expect(p, "when 2026-11-24T14:00")
		})
	}
}

func TestDateTimeTypedForms(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9202}
	for _, c := range []struct{ typed, want string }{
		{"24.11.2026 18:01", "2026-11-24T18:01"},
		{"24.11. 21:30", "2026-11-24T21:30"},
		{"25.11.26, 9 Uhr", "2026-11-25T09:00"},
		{" 1.12.  14.30 ", "2026-12-01T14:30"},
		{"30.11. 8h", "2026-11-30T08:00"},
		{"24. 11. 2026 20 Uhr", "2026-11-24T20:00"},
	} {
		h.Send(p, "/whentest")
		h.Send(p, c.typed)
		h.ExpectStep(p, "summary", map[string]string{"when": c.want})
		h.Press(p, "✅ Bestätigen")
		h.Expect(p, "when "+c.want)
	}
	h.Send(p, "/whentest")
	for _, c := range []struct{ typed, key string }{{"24.13. 14:00", "date.no_month"}, {"morgen 14 Uhr", "date.format"}} {
		h.SendRefused(p, c.typed, h.Tr("de", c.key, map[string]any{"Number": 13}))
		h.ExpectStep(p, "when", nil)
	}
}

func TestDateTimePickDayThenTime(t *testing.T) {
	for _, c := range []struct{ lang, day, shown string }{
		{"de", "25.11.2026", "<b>Termin:</b> 25.11.2026, 14:00 Uhr"},
		{"en", "25 Nov 2026", "<b>Appointment:</b> 25 Nov 2026, 14:00"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: 9203, LangHint: c.lang}
			h.Send(p, "/whentest")
			prompt := h.Last(p)
			h.Press(p, "25")
			m := h.Expect(p, h.Tr(c.lang, "etest.when_prompt", nil), h.Tr(c.lang, "date.pick_time", map[string]any{"Date": c.day}))
			if m.ID != prompt.ID || m.Edits != 1 || calendarHeader(h, p) != "" {
				t.Fatalf("times not in place of the calendar: message %d (prompt %d), %d edits, %q", m.ID, prompt.ID, m.Edits, h.Buttons(p))
			}
			h.ExpectButtons(p, "08:00", "12:00", "19:00", h.Plain(c.lang, "btn.other_day", nil))
			h.ExpectStep(p, "when", map[string]string{"when@": "2026-11-25"})

			if _, data := h.Find(p, "14:00"); !strings.HasSuffix(data, ":c:2026-11-25T1400") {
				t.Errorf("time button data %q", data)
			}
			h.Press(p, "14:00")
			if first := h.Msgr.Messages(p.ID)[0]; first.Buttons != nil || !strings.Contains(first.Text, "➜ <i>14:00</i>") {
				t.Errorf("the time is not shown in place of the buttons: %+v", first)
			}
			h.Expect(p, c.shown)
			h.ExpectStep(p, "summary", map[string]string{"when": "2026-11-25T14:00"})
		})
	}
}

func TestDateTimeTypedTimeAfterPickedDay(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9204}
	for _, c := range []struct{ typed, want string }{
		{"14:30", "2026-11-26T14:30"},
		{"9 Uhr", "2026-11-26T09:00"},
		{"16h", "2026-11-26T16:00"},
		{"8.05", "2026-11-26T08:05"},
		{"0:00", "2026-11-26T00:00"},
	} {
		h.Send(p, "/whentest")
		h.Press(p, "26")
		h.Send(p, c.typed)
		h.ExpectStep(p, "summary", map[string]string{"when": c.want})
		h.Press(p, "✅ Bestätigen")
		h.Expect(p, "when "+c.want)
	}

	// A typed day asks for the time, then a typed time answers.
	h.Send(p, "/whentest")
	h.Send(p, "27.11.")
	h.Expect(p, h.Tr("de", "etest.when_prompt", nil), h.Tr("de", "date.pick_time", map[string]any{"Date": "27.11.2026"}))
	h.ExpectStep(p, "when", map[string]string{"when@": "2026-11-27"})
	h.SendRefused(p, "25:00", h.Tr("de", "date.format", nil)) // the times stay above
	h.Send(p, "10:00")
	h.Expect(p, "<b>Termin:</b> 27.11.2026, 10:00 Uhr")
}

func TestDateTimeOtherDay(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9205}
	h.Send(p, "/whentest")
	prompt := h.Last(p)
	h.Press(p, "25")
	h.Press(p, "« Anderer Tag")
	m := h.Last(p)
	if m.ID != prompt.ID || m.Text != prompt.Text || calendarHeader(h, p) != "November 2026" {
		t.Fatalf("the calendar is not back in place: message %d (prompt %d), %q", m.ID, prompt.ID, h.Buttons(p))
	}
	h.ExpectStep(p, "when", nil)
	h.Press(p, "›")
	h.Press(p, "3")
	h.Expect(p, h.Tr("de", "date.pick_time", map[string]any{"Date": "03.12.2026"}))
	h.Press(p, "09:00")
	h.Expect(p, "<b>Termin:</b> 03.12.2026, 09:00 Uhr")

	// Edited from the summary: the calendar again, the answer so far above.
	h.Press(p, "✏️ Ändern") // the only field: its question
	h.Expect(p, h.Tr("de", "etest.when_prompt", nil), "Bisher: 03.12.2026, 09:00 Uhr")
	h.ExpectButtons(p, "« Zurück")
	// Back from the times drops the picked day.
	h.Press(p, "28")
	h.Press(p, "« Zurück")
	h.Expect(p, "<b>Termin:</b> 03.12.2026, 09:00 Uhr")
	h.Press(p, "✏️ Ändern") // the only field: its question
	if calendarHeader(h, p) != "November 2026" {
		t.Errorf("the edit opens with %q, want the calendar", h.Buttons(p))
	}
	h.Send(p, "30.11.2026 12:00")
	h.Expect(p, "<b>Termin:</b> 30.11.2026, 12:00 Uhr")
	h.Press(p, "✅ Bestätigen")
	h.Expect(p, "when 2026-11-30T12:00")
}

func TestDateTimeInThePastIsRefused(t *testing.T) {
	for _, c := range []struct{ lang, at14, at18 string }{
		{"de", "24.11.2026, 14:00 Uhr ist schon vorbei. Bitte wählen Sie eine spätere Zeit.", "24.11.2026, 18:00 Uhr"},
		{"en", "24 Nov 2026, 14:00 has passed already. Please choose a later time.", "24 Nov 2026, 18:00"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: 9206, LangHint: c.lang}
			prompt := h.Tr(c.lang, "etest.when_prompt", nil)
			h.Send(p, "/whentest")
			h.Expect(p, prompt)
			h.SendRefused(p, "24.11.2026 14:00", c.at14)
			h.ExpectStep(p, "when", nil)
			h.SendRefused(p, "24.11.2026 18:00", h.Tr(c.lang, "date.time_past", map[string]any{"Date": c.at18})) // now is not ahead either
			h.SendRefused(p, "23.11.2026 20:00", h.Tr(c.lang, "date.past", map[string]any{"Date": h.Texts.Date(c.lang, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)),
				"Limit": h.Texts.Date(c.lang, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))}))
			h.ExpectStep(p, "when", nil)

			h.Press(p, "24")
			h.Press(p, "14:00")
			h.Expect(p, c.at14, h.Tr(c.lang, "date.pick_time", map[string]any{"Date": h.Texts.Date(c.lang, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))}))
			h.ExpectStep(p, "when", map[string]string{"when@": "2026-11-24"})
			h.Send(p, "18:30")
			h.ExpectStep(p, "summary", map[string]string{"when": "2026-11-24T18:30"})
		})
	}
}

func TestDateTimeStaleAndForgedPresses(t *testing.T) {
	h := newH(t)
	p := flowstest.Person{ID: 9207}
	h.Send(p, "/whentest")
	calendar := h.Last(p)
	nonce := h.Nonce(p)
	h.PressStale(p, calendar.ID, nonce+":c:2026-11-25T1400") // a time before a day is picked
	h.Press(p, "25")
	times := h.Last(p)
	nonce = h.Nonce(p)
	forged := []struct{ name, data string }{
		{"a time not offered", nonce + ":c:2026-11-25T1417"},
		{"a time of another day", nonce + ":c:2026-11-26T1400"},
		{"a time past midnight", nonce + ":c:2026-11-25T2500"},
		{"a time with a colon", nonce + ":c:2026-11-25T14:00"},
		{"another day while one is picked", nonce + ":c:2026-11-26"},
		{"another month while a day is picked", nonce + ":cal:202612"},
		{"a day in the past", nonce + ":c:2026-11-23"},
	}
	for _, f := range forged {
		t.Run(f.name, func(t *testing.T) { h.PressStale(p, times.ID, f.data) })
	}
	t.Run("the calendar before the pick", func(t *testing.T) {
		h.PressStale(p, calendar.ID, buttonData(t, calendar, "26"))
	})
	h.Press(p, "« Anderer Tag")
	t.Run("the times after another day", func(t *testing.T) {
		h.PressStale(p, times.ID, times.Buttons[0][0].Data)
	})
	h.ExpectStep(p, "when", nil)
}
