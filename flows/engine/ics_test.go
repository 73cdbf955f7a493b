package engine_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// parseICS parses a calendar file with an independent parser (emersion's,
// not the one that wrote it) and returns it with its only event.
func parseICS(t *testing.T, content []byte) (*goical.Calendar, *goical.Event) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(content)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, content)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	return cal, &events[0]
}

// vtimezoneInstant reads prop (a DTSTART or DTEND with a TZID) by the
// calendar's own VTIMEZONE of that TZID, not by Go's time zone database:
// the STANDARD or DAYLIGHT rule with the latest onset at or before the
// wall time gives the offset.
func vtimezoneInstant(t *testing.T, cal *goical.Calendar, prop *goical.Prop) time.Time {
	t.Helper()
	tzid := prop.Params.Get(goical.PropTimezoneID)
	var tz *goical.Component
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone && c.Props.Get(goical.PropTimezoneID).Value == tzid {
			tz = c
		}
	}
	if tzid == "" || tz == nil {
		t.Fatalf("%s has TZID %q and no VTIMEZONE of it", prop.Name, tzid)
	}
	wall, err := time.ParseInLocation("20060102T150405", prop.Value, time.UTC)
	if err != nil {
		t.Fatalf("%s %q: %v", prop.Name, prop.Value, err)
	}
	var onset time.Time
	offset := ""
	for _, rule := range tz.Children {
		set, err := rule.RecurrenceSet(time.UTC)
		if err != nil || set == nil {
			t.Fatalf("%s of %s: no RRULE (%v)", rule.Name, tzid, err)
		}
		if at := set.Before(wall, true); !at.IsZero() && at.After(onset) {
			onset, offset = at, rule.Props.Get(goical.PropTimezoneOffsetTo).Value
		}
	}
	off, err := time.Parse("-0700", offset)
	if err != nil {
		t.Fatalf("TZOFFSETTO %q: %v", offset, err)
	}
	_, secs := off.Zone()
	return wall.Add(-time.Duration(secs) * time.Second)
}

func TestCalendarFile(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	stamp := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	summary := "Beratung: Müller, Özil; Straße\nzweite Zeile"
	cases := []struct {
		name       string
		start, end time.Time // UTC instants
		wallStart  string    // DTSTART as written, Berlin time
		cancel     bool
	}{
		{"summer", time.Date(2027, 7, 15, 16, 0, 0, 0, time.UTC), time.Date(2027, 7, 15, 18, 0, 0, 0, time.UTC), "20270715T180000", false},
		{"winter", time.Date(2026, 12, 12, 17, 0, 0, 0, time.UTC), time.Date(2026, 12, 12, 19, 0, 0, 0, time.UTC), "20261212T180000", false},
		{"across the end of daylight saving", time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 9, 0, 0, 0, time.UTC), "20261024T220000", false},
		{"cancelled", time.Date(2027, 3, 29, 8, 0, 0, 0, time.UTC), time.Date(2027, 3, 29, 9, 0, 0, 0, time.UTC), "20270329T100000", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := engine.CalendarEvent{UID: "ap-42@miglobe", Sequence: 3, Stamp: stamp, Start: tc.start, End: tc.end,
				Summary: summary, Description: "Kontakt: a@b.de, Tel. 0231;1\r\nRaum 2", Location: "Rathaus, Friedensplatz 1; Dortmund"}
			if tc.cancel {
				ev.Status, ev.Method = engine.CalendarCancelled, engine.CalendarCancel
			}
			doc, err := engine.CalendarFile(ev, "termin.ics")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Name != "termin.ics" || !strings.HasPrefix(doc.Type, "text/calendar") || doc.Caption != "" {
				t.Errorf("document %q type %q caption %q", doc.Name, doc.Type, doc.Caption)
			}
			raw := string(doc.Content)
			if strings.Count(raw, "\n") != strings.Count(raw, "\r\n") || strings.Count(raw, "\r") != strings.Count(raw, "\r\n") || !strings.HasSuffix(raw, "END:VCALENDAR\r\n") {
				t.Errorf("a line end that is not CRLF:\n%q", raw)
			}
			for _, want := range []string{`SUMMARY:Beratung: Müller\, Özil\; Straße\nzweite Zeile`, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "DTSTART;TZID=Europe/Berlin:" + tc.wallStart} {
				if !strings.Contains(strings.ReplaceAll(raw, "\r\n ", ""), want) {
					t.Errorf("no %q in\n%s", want, raw)
				}
			}
			cal, e := parseICS(t, doc.Content)
			method, wantStatus := "PUBLISH", goical.EventConfirmed
			if tc.cancel {
				method, wantStatus = "CANCEL", goical.EventCancelled
			}
			if got := cal.Props.Get(goical.PropMethod).Value; got != method {
				t.Errorf("METHOD %q, want %q", got, method)
			}
			if p := cal.Props.Get(goical.PropProductID); p == nil || p.Value == "" {
				t.Error("no PRODID")
			}
			if got, _ := e.Status(); got != wantStatus {
				t.Errorf("STATUS %q, want %q", got, wantStatus)
			}
			if got := e.Props.Get(goical.PropUID).Value; got != "ap-42@miglobe" {
				t.Errorf("UID %q", got)
			}
			if seq, err := e.Props.Get(goical.PropSequence).Int(); err != nil || seq != 3 {
				t.Errorf("SEQUENCE %d (%v), want 3", seq, err)
			}
			if got, err := e.Props.DateTime(goical.PropDateTimeStamp, nil); err != nil || !got.Equal(stamp) {
				t.Errorf("DTSTAMP %v (%v), want %v", got, err, stamp)
			}
			start, err := e.DateTimeStart(nil)
			if err != nil || !start.Equal(tc.start) || start.Location().String() != "Europe/Berlin" {
				t.Errorf("DTSTART %v (%v), want %v in Berlin", start, err, tc.start.In(berlin))
			}
			for _, p := range []*goical.Prop{e.Props.Get(goical.PropDateTimeStart), e.Props.Get(goical.PropDateTimeEnd)} {
				want := tc.start
				if p.Name == goical.PropDateTimeEnd {
					want = tc.end
				}
				if got := vtimezoneInstant(t, cal, p); !got.Equal(want) {
					t.Errorf("%s by the VTIMEZONE is %v, want %v", p.Name, got, want)
				}
			}
			if got, _ := e.Props.Text(goical.PropSummary); got != summary {
				t.Errorf("SUMMARY reads back %q, want %q", got, summary)
			}
			if got, _ := e.Props.Text(goical.PropDescription); got != "Kontakt: a@b.de, Tel. 0231;1\nRaum 2" {
				t.Errorf("DESCRIPTION reads back %q", got)
			}
			if got, _ := e.Props.Text(goical.PropLocation); got != "Rathaus, Friedensplatz 1; Dortmund" {
				t.Errorf("LOCATION reads back %q", got)
			}
		})
	}
}

func TestCalendarFileRefusesBadEvents(t *testing.T) {
	at := time.Date(2026, 12, 12, 17, 0, 0, 0, time.UTC)
	good := engine.CalendarEvent{UID: "ev-1", Stamp: at, Start: at, End: at.Add(time.Hour), Summary: "Fest"}
	if _, err := engine.CalendarFile(good, "fest.ics"); err != nil {
		t.Fatalf("good event refused: %v", err)
	}
	for name, change := range map[string]func(*engine.CalendarEvent){
		"no UID":                func(e *engine.CalendarEvent) { e.UID = " " },
		"no stamp":              func(e *engine.CalendarEvent) { e.Stamp = time.Time{} },
		"no summary":            func(e *engine.CalendarEvent) { e.Summary = "" },
		"end before start":      func(e *engine.CalendarEvent) { e.End = at.Add(-time.Minute) },
		"negative sequence":     func(e *engine.CalendarEvent) { e.Sequence = -1 },
		"cancel, not cancelled": func(e *engine.CalendarEvent) { e.Method = engine.CalendarCancel },
		"unknown method":        func(e *engine.CalendarEvent) { e.Method = "REQUEST" },
		"unknown status":        func(e *engine.CalendarEvent) { e.Status = "TENTATIVE" },
	} {
		ev := good
		change(&ev)
		if _, err := engine.CalendarFile(ev, "fest.ics"); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%s: err %v, want ErrInvalid", name, err)
		}
	}
}
