package requests_test

import (
	"context"
	"testing"
	"time"
)

// ymd is the calendar day y-m-d.
func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// The request's timeframe with the date steps' questions and forms: a
// passed day and month is asked about before it is taken as next year's
// (and then clears a latest date before it, as a typed date does), and a
// date typed day first with slashes is read and said. The clock reads
// 24.11.2026.
func TestTimeframeNextYearAndSlashes(t *testing.T) {
	for _, c := range []struct{ lang, question, yes, readAs string }{
		{"de", "Der 1.2. ist in diesem Jahr schon vorbei. Meinen Sie den 01.02.2027?", "Ja, 01.02.2027",
			"Gelesen als 2. März 2027 (Tag/Monat/Jahr)."},
		{"en", "1 February has passed this year. Do you mean 1 Feb 2027?", "Yes, 1 Feb 2027",
			"Read as 2 March 2027 (day/month/year)."},
	} {
		t.Run(c.lang, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 5101, LangHint: c.lang}
			h.RegisterMunicipal(p, c.lang)
			requestUntilSummary(h, p, c.lang, nil) // 01.12.2026 to 15.01.2027
			editField(h, p, c.lang, "field.earliest")
			h.Send(p, "1.2.")
			h.Expect(p, c.question)
			h.Press(p, c.yes)
			h.Expect(p, h.Tr(c.lang, "timeframe.latest_cleared", nil), h.Tr(c.lang, "timeframe.latest_prompt",
				map[string]any{"Earliest": h.Texts.Date(c.lang, ymd(2027, 2, 1))}))
			h.Send(p, "2/3/2027")
			h.Expect(p, c.readAs, "Hattingen")
			h.Press(p, h.Plain(c.lang, "btn.confirm", nil))
			h.Expect(p, h.Tr(c.lang, "request.submitted", map[string]any{"Ref": "MG-2026-0001"}))
			u, err := h.User(p)
			if err != nil {
				t.Fatal(err)
			}
			list, err := h.DB.ListByRequester(context.Background(), u.ID)
			if err != nil || len(list) != 1 {
				t.Fatalf("requests: %d, %v", len(list), err)
			}
			if e, l := list[0].Earliest.Format("2006-01-02"), list[0].Latest.Format("2006-01-02"); e != "2027-02-01" || l != "2027-03-02" {
				t.Errorf("timeframe %s – %s, want 2027-02-01 – 2027-03-02", e, l)
			}
		})
	}
}
