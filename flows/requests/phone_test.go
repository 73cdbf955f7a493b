package requests_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Issue 10, point 6: the request's summary fits one phone screen (grouped
// under short headings, long texts cut with "…" on one line); one "Ändern"
// opens the list of the fields in the same message; "Abbrechen" has a row
// of its own, apart from "Bestätigen", and asks before it discards; a
// refused answer is said in one message of its own while the question,
// calendar and all, stays above.
func TestRequestSummaryOnAPhone(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			tr := func(key string) string { return h.Tr(lang, key, nil) }
			label := func(key string) string { return h.Plain(lang, key, nil) }
			p := person{ID: 6101, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			requestUntilSummary(h, p, lang, badInputs{"goal": {{"Ziel", h.Tr(lang, "invalid.length",
				map[string]any{"Min": 5, "Max": 1000, "Count": 4})}}})
			summary := h.Last(p)

			// Grouped, in the order asked (the first group under the title),
			// and short: one phone screen.
			text := summary.Text
			at := strings.Index(text, summaryTitle(h, lang, "Hattingen")+"\n<b>"+tr("field.department")+":</b>")
			if at < 0 {
				t.Fatalf("the summary does not begin with its title and the department:\n%s", text)
			}
			for _, g := range []string{"request.group_concern", "request.group_frame"} {
				i := strings.Index(text, "<b>"+tr(g)+"</b>\n")
				if i <= at {
					t.Fatalf("heading %q missing or out of order:\n%s", tr(g), text)
				}
				at = i
			}
			if n := phoneLines(t, text); n > maxPhoneLines {
				t.Errorf("the summary takes %d lines on a phone, want at most %d:\n%s", n, maxPhoneLines, text)
			}
			if !strings.Contains(text, "<b>"+tr("field.details")+":</b> Wir planen Sprechstunden für &lt;5 Per…\n") {
				t.Errorf("the description is not cut to one line:\n%s", text)
			}
			want := [][]string{{label("btn.confirm")}, {label("btn.edit")}, {label("btn.cancel")}}
			if got := summary.Labels(); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("the summary's buttons are %q, want %q", got, want)
			}

			// "Ändern" lists the fields in the same message; back shows the
			// summary again; a field asks its question there.
			h.Press(p, label("btn.edit"))
			list := h.Message(p, summary.ID)
			if !strings.Contains(list.Text, tr("flow.edit_prompt")) || h.Last(p).ID != summary.ID {
				t.Fatalf("Ändern did not list the fields in place:\n%s", h.Last(p).Text)
			}
			fields := slices.Concat(list.Labels()...)
			for _, f := range []string{"field.department", "field.function", "field.details", "field.goal", "field.urgency", "btn.back"} {
				if !slices.Contains(fields, label(f)) {
					t.Errorf("the list lacks %q: %q", label(f), fields)
				}
			}
			if slices.Contains(fields, label("field.municipality")) {
				t.Errorf("the list offers the only municipality: %q", fields)
			}
			h.Press(p, label("btn.back"))
			if m := h.Message(p, summary.ID); m.Text != summary.Text || len(m.Buttons) != 3 {
				t.Fatalf("back from the list shows:\n%s", m.Text)
			}
			h.Press(p, label("btn.edit"))
			h.Press(p, label("field.goal"))
			if m := h.Message(p, summary.ID); !strings.Contains(m.Text, tr("request.goal_prompt")) {
				t.Fatalf("the goal's question is not in place:\n%s", m.Text)
			}
			h.Send(p, "Ein neues Konzept")
			h.Expect(p, "<b>"+tr("field.goal")+":</b> Ein neues Konzept")

			// A refused date: the problem alone, the calendar above still
			// answers.
			editField(h, p, lang, "field.earliest")
			question := h.Last(p)
			h.SendRefused(p, "31.02.", h.Tr(lang, "date.no_day", map[string]any{"Day": 31,
				"Month": label("month.february"), "Year": 2027, "Days": 28}))
			h.Press(p, "30") // in December, the month of the answer so far
			day := h.Texts.Date(lang, ymd(2026, 12, 30))
			if m := h.Message(p, question.ID); len(m.Buttons) != 0 || !strings.Contains(m.Text, h.Tr(lang, "flow.chosen", map[string]any{"Choice": day})) {
				t.Errorf("the day was not taken on the question above:\n%s", m.Text)
			}
			h.Expect(p, "<b>"+tr("field.earliest")+":</b> "+day)

			// Cancel asks first; no keeps the summary, yes discards.
			summary = h.Last(p)
			h.Press(p, label("btn.cancel"))
			if m := h.Message(p, summary.ID); !strings.Contains(m.Text, tr("flow.discard_prompt")) || h.Last(p).ID != summary.ID {
				t.Fatalf("cancel did not ask in place:\n%s", h.Last(p).Text)
			}
			h.Press(p, label("btn.discard_no"))
			if m := h.Message(p, summary.ID); m.Text != summary.Text {
				t.Fatalf("no, continue shows:\n%s", m.Text)
			}
			h.Press(p, label("btn.cancel"))
			h.Press(p, label("btn.discard_yes"))
			h.Expect(p, tr("flow.cancelled"), h.Tr(lang, "menu.title", map[string]any{"Roles": label("role.municipal_contact")}))
			if list, err := h.DB.ListByRequester(context.Background(), h.UserID(p)); err != nil || len(list) != 0 {
				t.Errorf("after discarding: %d requests, %v", len(list), err)
			}
		})
	}
}

// A phone upright (390 points wide) shows about phoneWidth characters in a
// line of a message, and about maxPhoneLines lines of a message above three
// rows of buttons.
const (
	phoneWidth    = 34
	maxPhoneLines = 22
)

// phoneLines returns how many lines the Telegram HTML text takes on a
// phone: each line of its visible text, wrapped at phoneWidth characters.
func phoneLines(t *testing.T, text string) int {
	t.Helper()
	visible, err := flowstest.CheckHTML(text)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(visible, "\n") {
		n += max(1, (utf8.RuneCountInString(line)+phoneWidth-1)/phoneWidth)
	}
	return n
}
