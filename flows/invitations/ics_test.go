package invitations_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The calendar file with each card parses with an independent parser and
// gives the right instants in winter, in summer and across the end of
// daylight saving time, with a VTIMEZONE for every TZID, METHOD:PUBLISH,
// the UID and SEQUENCE of the event, the stamp of the clock, CRLF line
// ends, the contact and the organiser in DESCRIPTION and the place (or
// the link) in LOCATION.
func TestCalendarFileOfTheInvitation(t *testing.T) {
	w := newWorld(t)
	h := w.h
	threeOrgs(w)
	winter := fest()
	summer := fest()
	summer.Title, summer.Start, summer.End = "Sommerfest", berlin(2027, 7, 15, 18, 0), berlin(2027, 7, 15, 20, 0)
	summer.Deadline = time.Time{}
	night := fest()
	night.Title, night.Start, night.End = "Lange Nacht", berlin(2027, 10, 30, 22, 0), berlin(2027, 10, 31, 4, 0)
	night.Place, night.Link, night.Deadline = "", "https://meet.example.org/nacht", time.Time{}
	want := []struct {
		title      string
		start, end time.Time // UTC
		location   string
	}{
		{"Interkulturelles Fest", time.Date(2026, 12, 12, 17, 0, 0, 0, time.UTC), time.Date(2026, 12, 12, 19, 0, 0, 0, time.UTC), "Rathausplatz 1, Dortmund"},
		{"Sommerfest", time.Date(2027, 7, 15, 16, 0, 0, 0, time.UTC), time.Date(2027, 7, 15, 18, 0, 0, 0, time.UTC), "Rathausplatz 1, Dortmund"},
		{"Lange Nacht", time.Date(2027, 10, 30, 20, 0, 0, 0, time.UTC), time.Date(2027, 10, 31, 3, 0, 0, 0, time.UTC), "https://meet.example.org/nacht"},
	}
	var ids []int64
	for _, d := range []domain.EventDraft{winter, summer, night} {
		e, _ := w.publish(d, orgKB)
		ids = append(ids, e.ID)
	}
	h.Deliver()
	docs := h.Documents(kb2.p)
	if len(docs) != len(want) {
		t.Fatalf("%d calendar files, want %d", len(docs), len(want))
	}
	for i, c := range want {
		doc := docs[i]
		raw := string(doc.Content)
		if strings.Count(raw, "\n") != strings.Count(raw, "\r\n") || !strings.HasSuffix(raw, "END:VCALENDAR\r\n") {
			t.Errorf("%s: a line end that is not CRLF", c.title)
		}
		cal, ev := parseICS(t, doc)
		if m := cal.Props.Get(goical.PropMethod); m == nil || m.Value != "PUBLISH" {
			t.Errorf("%s: METHOD %v", c.title, m)
		}
		tzs := map[string]bool{}
		for _, comp := range cal.Children {
			if comp.Name == goical.CompTimezone {
				tzs[comp.Props.Get(goical.PropTimezoneID).Value] = true
			}
		}
		for _, name := range []string{goical.PropDateTimeStart, goical.PropDateTimeEnd} {
			p := ev.Props.Get(name)
			if tz := p.Params.Get(goical.PropTimezoneID); tz == "" || !tzs[tz] {
				t.Errorf("%s: %s has TZID %q without a VTIMEZONE (have %v)", c.title, name, tz, tzs)
			}
		}
		start, err := ev.DateTimeStart(nil)
		if err != nil || !start.Equal(c.start) {
			t.Errorf("%s: DTSTART %v (%v), want %v", c.title, start.UTC(), err, c.start)
		}
		end, err := ev.DateTimeEnd(nil)
		if err != nil || !end.Equal(c.end) {
			t.Errorf("%s: DTEND %v (%v), want %v", c.title, end.UTC(), err, c.end)
		}
		text := func(name string) string {
			v, err := ev.Props.Text(name)
			if err != nil {
				t.Errorf("%s: %s: %v", c.title, name, err)
			}
			return v
		}
		stamp, err := ev.Props.DateTime(goical.PropDateTimeStamp, nil)
		if err != nil || !stamp.Equal(h.Clock.Now()) {
			t.Errorf("%s: DTSTAMP %v (%v), want %v", c.title, stamp, err, h.Clock.Now())
		}
		if uid := text(goical.PropUID); uid != "ev-"+strconv.FormatInt(ids[i], 10)+"@miglobe" {
			t.Errorf("%s: UID %q", c.title, uid)
		}
		if seq := ev.Props.Get(goical.PropSequence); seq == nil || seq.Value != "0" {
			t.Errorf("%s: SEQUENCE %v", c.title, seq)
		}
		if s := text(goical.PropSummary); s != c.title {
			t.Errorf("SUMMARY %q, want %q", s, c.title)
		}
		if l := text(goical.PropLocation); l != c.location {
			t.Errorf("%s: LOCATION %q, want %q", c.title, l, c.location)
		}
		desc := text(goical.PropDescription)
		for _, s := range []string{"Musik, Essen & Begegnung.", "Veranstaltet von Elif Demir", "Fragen an: Frau Kaya, 0231 123456"} {
			if !strings.Contains(desc, s) {
				t.Errorf("%s: DESCRIPTION %q lacks %q", c.title, desc, s)
			}
		}
	}
}
