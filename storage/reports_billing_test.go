package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// ConfirmedInPeriod returns exactly the versions confirmed in the month;
// a correction confirmed in the same month replaces the version it
// corrects, one confirmed later names the version it corrects.
func TestConfirmedInPeriod(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newReportEnv(t, true)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no Europe/Berlin on this machine")
	}
	month := func(m time.Month) (time.Time, time.Time) {
		from := time.Date(2026, m, 1, 0, 0, 0, 0, berlin)
		return from, from.AddDate(0, 1, 0)
	}
	lines := func(m time.Month) []string {
		t.Helper()
		from, to := month(m)
		got, err := e.st.ConfirmedInPeriod(ctx, from, to)
		if err != nil {
			t.Fatalf("confirmed in %s: %v", m, err)
		}
		var out []string
		for _, l := range got {
			out = append(out, fmt.Sprintf("%s v%d c%d %s %s %s %d/%d/%d %dkm %d %s %s", l.Advisor, l.Version, l.Corrects,
				l.RequestRef, l.Municipality, l.Dates[0].Format("2006-01-02"), l.PrepMinutes, l.SessionMinutes,
				l.FollowUpMinutes, l.Km, l.OtherCents, l.ConfirmedByName, l.ConfirmedAt.In(berlin).Format("02.01. 15:04")))
		}
		return out
	}

	a1 := e.submit(t, e.draft(0))
	b1 := e.submit(t, e.draft(1))
	e.confirm(t, a1.ID) // 27 November, 18:00 in Berlin
	if _, err := e.st.AskAboutReport(ctx, b1.ID, e.actor(t, 1), "Welche Tage?", nil); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(5 * 24 * time.Hour) // 2 December
	d := e.draft(1)
	d.Dates = []time.Time{day(26)}
	e.confirm(t, e.submit(t, d).ID)
	d = e.draft(0)
	d.Km = 100
	e.confirm(t, e.submit(t, d).ID) // a2, corrects a1 (billed in November)
	e.clock.Add(24 * time.Hour)
	d.Km = 90
	e.confirm(t, e.submit(t, d).ID) // a3, corrects a2 in the same month
	d.Km = 80
	e.submit(t, d) // a4 waits

	ref := e.req.Ref
	want := map[time.Month][]string{
		time.October:  nil,
		time.November: {"Berater 0 v1 c0 " + ref + " Hattingen 2026-11-25 180/240/0 120km 1250 Sabine Krüger 27.11. 18:00"},
		time.December: {
			"Berater 1 v2 c0 " + ref + " Hattingen 2026-11-26 180/240/0 120km 1250 Sabine Krüger 02.12. 18:00",
			"Berater 0 v3 c2 " + ref + " Hattingen 2026-11-25 180/240/0 90km 1250 Sabine Krüger 03.12. 18:00",
		},
	}
	for m, w := range want {
		got := lines(m)
		if fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%s:\n got %q\nwant %q", m, got, w)
		}
	}
	if n := e.count(t, `SELECT count(*) FROM reports`); n != 6 {
		t.Errorf("%d versions, want all 6 kept", n)
	}
}
