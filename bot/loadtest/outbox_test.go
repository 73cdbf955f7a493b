package main

import (
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
)

func TestTallyOutbox(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	ok := func(chat int64, ms int) telegramfake.Call {
		return telegramfake.Call{Method: "sendMessage", ChatID: chat, At: at(ms), OK: true, Code: 200}
	}
	calls := []telegramfake.Call{
		ok(99, 0), // before the range
		{Method: "sendMessage", ChatID: 100, At: at(5), Code: 429},
		ok(101, 100),
		ok(100, 50), // out of order: the span starts here
		{Method: "editMessageText", ChatID: 102, At: at(60), OK: true, Code: 200},
		ok(101, 400), // a repeat
		{Method: "answerCallbackQuery", At: at(70), Code: 429},
		ok(102, 300),
		ok(103, 900), // after the range
	}
	got := tallyOutbox(calls, 100, 3)
	want := outboxStats{Messages: 3, Delivered: 3, Repeats: 1, Span: 250 * time.Millisecond, TooMany: 2}
	if got != want {
		t.Fatalf("tallyOutbox = %+v, want %+v", got, want)
	}
	if r := got.rate(); r != 8 {
		t.Errorf("rate = %v, want 8 (2 gaps in 0.25 s)", r)
	}
	if r := tallyOutbox(calls[:3], 100, 3).rate(); r != 0 {
		t.Errorf("rate of one delivery = %v, want 0", r)
	}
	if st := tallyOutbox(nil, 100, 3); st != (outboxStats{Messages: 3}) {
		t.Errorf("tallyOutbox(nil) = %+v", st)
	}
}

func TestOutboxNotes(t *testing.T) {
	notes := outboxNotes(500, 3)
	for i, n := range notes {
		if n.ChatID != 500+int64(i) || n.Message.Text == "" {
			t.Errorf("note %d = %+v", i, n)
		}
	}
	if len(notes) != 3 || notes[0].Message.Text == notes[1].Message.Text {
		t.Errorf("notes = %+v, want 3 with distinct texts", notes)
	}
}

// outboxResult is 3,000 notifications sent in 3000/30 s (rate 29.99) or as given.
func outboxResult(span time.Duration) outboxStats {
	return outboxStats{Messages: 3000, Delivered: 3000, Span: span}
}

func TestWriteReportOutbox(t *testing.T) {
	tests := []struct {
		name string
		o    outboxStats
		pass bool
		want []string
	}{
		{"skipped", outboxStats{}, true, []string{"\noutbox: skipped (-outbox 0)\noffers:"}},
		{"at the limit", outboxResult(100 * time.Second), true, []string{
			"\noutbox: 3,000 notifications to as many chats, fake limits 30/s in all and 1/s per chat\n" +
				"  delivered            3,000, 0 repeated, first to last send in 100.0 s  PASS\n" +
				"  messages/s           29.99 (target >= 29.4)  PASS\n" +
				"  429s                 0    (target 0)  PASS\n" +
				"  late slots           0 let go by the sender (informational)\n" +
				"offers:",
		}},
		{"exactly 98 %", outboxStats{Messages: 295, Delivered: 295, Span: 10 * time.Second}, true,
			[]string{"messages/s           29.40 (target >= 29.4)  PASS"}},
		{"too slow", outboxResult(103 * time.Second), false,
			[]string{"messages/s           29.12 (target >= 29.4)  FAIL"}},
		{"a 429", func() outboxStats { o := outboxResult(100 * time.Second); o.TooMany = 1; return o }(), false,
			[]string{"429s                 1    (target 0)  FAIL"}},
		{"a repeat", func() outboxStats { o := outboxResult(100 * time.Second); o.Repeats = 2; return o }(), false,
			[]string{"delivered            3,000, 2 repeated, first to last send in 100.0 s  FAIL"}},
		{"not all delivered", outboxStats{Messages: 3000, Delivered: 2999, Span: 100 * time.Second}, false,
			[]string{"delivered            2,999, 0 repeated"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := goodResults()
			r.Outbox = tc.o
			checkReport(t, r, tc.pass, tc.want)
		})
	}
}

func TestExplain429s(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	var calls []telegramfake.Call
	for i := range 4 { // sends at 0, 300, 600, 900 ms
		calls = append(calls, telegramfake.Call{Method: "sendMessage", ChatID: int64(i), OK: true, Code: 200,
			At: t0.Add(time.Duration(i) * 300 * time.Millisecond)})
	}
	tooMany := func(ms int) telegramfake.Call {
		return telegramfake.Call{Method: "sendMessage", ChatID: 9, Code: 429, At: t0.Add(time.Duration(ms) * time.Millisecond)}
	}
	calls = append([]telegramfake.Call{tooMany(0)}, calls...)
	calls = append(calls, tooMany(950), tooMany(960), tooMany(970))
	got := explain429s(calls, 3, 2)
	want := []string{
		"429 for sendMessage at +0.000 s",
		"429 for sendMessage at +0.950 s: the last 3 sends began 650.0 ms before",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("explain429s =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := explain429s(nil, 3, 2); len(got) != 0 {
		t.Errorf("explain429s(nil) = %v", got)
	}
}
