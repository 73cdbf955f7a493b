package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// A day and month typed without a year that have passed this year are not
// moved to next year silently: the step asks, with Yes and No. The clock is
// moved to Monday, 30.11.2026, 18:00 in Berlin, so that 29.11. has passed.

// nextYearTexts are the texts of the question about 29.11.2027 per language.
var nextYearTexts = map[string]struct{ question, yes, no, again string }{
	"de": {"Der 29.11. ist in diesem Jahr schon vorbei. Meinen Sie den 29.11.2027?", "Ja, 29.11.2027", "Nein",
		"Dann schreiben Sie das Datum bitte mit Jahr, z. B. 29.11.2027, oder tippen Sie im Kalender auf einen Tag."},
	"en": {"29 November has passed this year. Do you mean 29 Nov 2027?", "Yes, 29 Nov 2027", "No",
		"Then please type the date with its year, e.g. 29/11/2027, or tap a day in the calendar."},
}

// onMonday30 returns a harness whose clock reads 30.11.2026, 18:00 in Berlin.
func onMonday30(t *testing.T) *flowstest.H {
	h := newH(t)
	h.Clock.Advance(6 * 24 * time.Hour)
	return h
}

func TestPastDayAndMonthAsksForNextYear(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			want := nextYearTexts[lang]
			h := onMonday30(t)
			p := flowstest.Person{ID: 5001, LangHint: lang}
			h.Send(p, "/datetest")
			h.Send(p, "29.11.")
			question := h.Expect(p, want.question)
			if strings.Contains(question.Text, h.Tr(lang, "etest.earliest_prompt", nil)) || calendarHeader(h, p) != "" {
				t.Errorf("the question comes with the step's prompt or calendar:\n%s\n%q", question.Text, h.Buttons(p))
			}
			h.ExpectButtons(p, want.yes, want.no)
			h.ExpectStep(p, "earliest", map[string]string{"earliest?": "2027-11-29"})
			checkCallbackData(t, h, p)

			// No: the step's question again, and how to type a date with its year.
			h.Press(p, want.no)
			if m := h.Message(p, question.ID); m.Buttons != nil || !strings.Contains(m.Text, "➜ <i>"+want.no+"</i>") {
				t.Errorf("the question does not show the answer in place of its buttons: %+v", m)
			}
			h.Expect(p, want.again, h.Tr(lang, "etest.earliest_prompt", nil))
			if calendarHeader(h, p) != h.Plain(lang, "month.november", nil)+" 2026" {
				t.Errorf("no calendar after no: %q", h.Buttons(p))
			}
			h.ExpectStep(p, "earliest", nil)
			// The person's language comes from the app, not the session (which PressStale reads).
			if toast := h.PressUnchanged(p, question.ID, question.Buttons[0][0].Data); toast != h.Plain(lang, "flow.stale", nil) {
				t.Errorf("yes after no: toast %q", toast)
			}

			// Yes: the date of next year is the answer.
			h.Send(p, "29.11.")
			question = h.Expect(p, want.question)
			h.Press(p, want.yes)
			if m := h.Message(p, question.ID); m.Buttons != nil || !strings.Contains(m.Text, "➜ <i>"+want.yes+"</i>") {
				t.Errorf("the question does not show the answer in place of its buttons: %+v", m)
			}
			h.ExpectStep(p, "latest", map[string]string{"earliest": "2027-11-29"})

			// A passed day that is out of range anyway is refused at once.
			h.Send(p, "28.11.")
			h.Expect(p, h.Tr(lang, "etest.latest_before_earliest", map[string]any{
				"Date": h.Texts.Date(lang, ymdUTC(2027, 11, 28)), "Limit": h.Texts.Date(lang, ymdUTC(2027, 11, 29))}))
			h.ExpectStep(p, "latest", map[string]string{"earliest": "2027-11-29"})
			// Today's day and month are this year's, without a question.
			h.Send(p, "30.11.")
			h.Expect(p, h.Tr(lang, "etest.latest_before_earliest", map[string]any{
				"Date": h.Texts.Date(lang, ymdUTC(2026, 11, 30)), "Limit": h.Texts.Date(lang, ymdUTC(2027, 11, 29))}))
			h.Send(p, "29/11")
			h.Expect(p, want.question)
			h.Press(p, want.yes)
			h.Expect(p, h.Tr(lang, "etest.summary", nil))
			h.Press(p, h.Plain(lang, "btn.confirm", nil))
			h.Expect(p, "dates 2027-11-29 2027-11-29")
		})
	}
}

func TestNextYearQuestionWhileItWaits(t *testing.T) {
	h := onMonday30(t)
	p := flowstest.Person{ID: 5002}
	want := nextYearTexts["de"]
	h.Send(p, "/datetest")
	h.Send(p, "29.11.")
	question := h.Expect(p, want.question)
	waiting := map[string]string{"earliest?": "2027-11-29"}

	// Bad input is answered in one line; the question waits on.
	for _, c := range []struct {
		typed, key string
		data       map[string]any
	}{
		{"31.02.", "date.no_day", map[string]any{"Day": 31, "Month": "Februar", "Year": 2027, "Days": 28}},
		{"ja", "date.format", nil},
		{"29.11.2026", "date.past", map[string]any{"Date": "29.11.2026", "Limit": "30.11.2026"}},
	} {
		h.SendRefused(p, c.typed, h.Tr("de", c.key, c.data))
		h.ExpectStep(p, "earliest", waiting)
	}
	// The question above stays the current prompt; presses that it does
	// not show are stale.
	if s := h.Session(p); s.Prompt != question.ID {
		t.Fatalf("the current prompt is %d, want the question %d", s.Prompt, question.ID)
	}
	nonce := h.Nonce(p)
	for _, data := range []string{nonce + ":cal:202612", nonce + ":c:2026-12-01", nonce + ":ok"} {
		h.PressStale(p, question.ID, data)
	}
	// Another passed day asks about that one.
	h.Send(p, "4.1.")
	h.Expect(p, "Der 4.1. ist in diesem Jahr schon vorbei. Meinen Sie den 04.01.2027?")
	h.ExpectStep(p, "earliest", map[string]string{"earliest?": "2027-01-04"})
	// A full date answers the step.
	h.Send(p, "1.12.2026")
	h.ExpectStep(p, "latest", map[string]string{"earliest": "2026-12-01"})

	// Back from the question drops it.
	h.Send(p, "15.11.")
	h.Expect(p, "Der 15.11. ist in diesem Jahr schon vorbei. Meinen Sie den 15.11.2027?")
	h.Press(p, "« Zurück")
	h.Expect(p, h.Tr("de", "etest.earliest_prompt", nil), "Bisher: 01.12.2026")
	h.ExpectStep(p, "earliest", map[string]string{"earliest": "2026-12-01"})
	// A yes without a question waiting is stale.
	h.PressStale(p, h.Last(p).ID, h.Nonce(p)+":ny")
	h.PressStale(p, h.Last(p).ID, h.Nonce(p)+":nn")
}

func TestDateTimeAsksForNextYear(t *testing.T) {
	for _, c := range []struct{ lang, question, yes, times, shown string }{
		{"de", "Der 1.1. ist in diesem Jahr schon vorbei. Meinen Sie den 01.01.2027, 08:00 Uhr?", "Ja, 01.01.2027, 08:00 Uhr",
			"Der 23.11. ist in diesem Jahr schon vorbei. Meinen Sie den 23.11.2027?", "<b>Termin:</b> 23.11.2027, 09:00 Uhr"},
		{"en", "1 January has passed this year. Do you mean 1 Jan 2027, 08:00?", "Yes, 1 Jan 2027, 08:00",
			"23 November has passed this year. Do you mean 23 Nov 2027?", "<b>Appointment:</b> 23 Nov 2027, 09:00"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := newH(t)
			p := flowstest.Person{ID: 5003, LangHint: c.lang}
			h.Send(p, "/whentest")
			h.Send(p, "1.1. 8h")
			h.Expect(p, c.question)
			h.ExpectStep(p, "when", map[string]string{"when@?": "2027-01-01T08:00"})
			h.Press(p, c.yes)
			h.ExpectStep(p, "summary", map[string]string{"when": "2027-01-01T08:00"})

			// A day alone: yes, then the times of that day.
			h.Press(p, h.Plain(c.lang, "btn.edit", nil)) // the only field: its question
			h.Press(p, "28")                             // a day picked, then typed anew
			h.Send(p, "23.11.")
			h.Expect(p, c.times)
			h.ExpectStep(p, "when", map[string]string{"when": "2027-01-01T08:00", "when@?": "2027-11-23"})
			h.Press(p, nextYearYes(c.lang, "23.11.2027", "23 Nov 2027"))
			h.Expect(p, h.Tr(c.lang, "date.pick_time", map[string]any{"Date": h.Texts.Date(c.lang, ymdUTC(2027, 11, 23))}))
			h.ExpectStep(p, "when", map[string]string{"when": "2027-01-01T08:00", "when@": "2027-11-23"})
			h.Press(p, "09:00")
			h.Expect(p, c.shown)

			// No: the calendar again.
			h.Press(p, h.Plain(c.lang, "btn.edit", nil)) // the only field: its question
			h.Send(p, "23.11. 10:00")
			h.Press(p, h.Plain(c.lang, "btn.not_next_year", nil))
			if calendarHeader(h, p) != "November 2026" {
				t.Errorf("no calendar after no: %q", h.Buttons(p))
			}
			h.ExpectStep(p, "when", map[string]string{"when": "2027-11-23T09:00"})
		})
	}
}

// nextYearYes is the yes button's label for the date shown as de or en.
func nextYearYes(lang, de, en string) string {
	if lang == "de" {
		return "Ja, " + de
	}
	return "Yes, " + en
}
