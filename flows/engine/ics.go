package engine

import (
	"fmt"
	"strings"
	"sync"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// CalendarStatus is the STATUS of a calendar event.
type CalendarStatus string

// The statuses a calendar file gives its event.
const (
	CalendarConfirmed CalendarStatus = "CONFIRMED"
	CalendarCancelled CalendarStatus = "CANCELLED"
)

// CalendarMethod is the METHOD of a calendar file: PUBLISH for an event
// announced or changed, CANCEL for one called off. (REQUEST needs an e-mail
// organiser and attendees, which a file sent in Telegram has not.)
type CalendarMethod string

// The methods a calendar file may have.
const (
	CalendarPublish CalendarMethod = "PUBLISH"
	CalendarCancel  CalendarMethod = "CANCEL"
)

// CalendarEvent is one event of a calendar file (.ics), as appointments and
// events send it. UID is stable per event and given by the caller (the same
// for every version of the event); Sequence is raised on every change;
// Stamp is when the file is made (DTSTAMP, from the injected clock); Start
// and End are instants, written in Europe/Berlin time. Summary,
// Description and Location are plain text (no HTML). The zero Status and
// Method mean CONFIRMED and PUBLISH; a cancellation has
// CalendarCancelled and CalendarCancel.
type CalendarEvent struct {
	UID         string
	Sequence    int
	Stamp       time.Time
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	Status      CalendarStatus
	Method      CalendarMethod
}

// CalendarType is the content type of a calendar file.
const CalendarType = "text/calendar; charset=utf-8"

// calendarTZ is the time zone of every DTSTART and DTEND.
const calendarTZ = "Europe/Berlin"

// calendarProduct is the PRODID of the calendar files.
const calendarProduct = "-//MiGlobe//MiGlobe Bot//DE"

// berlin loads Europe/Berlin once.
var berlin = sync.OnceValues(func() (*time.Location, error) { return time.LoadLocation(calendarTZ) })

// CalendarFile returns ev as a calendar file named name (which should end
// in ".ics"), ready to be sent as a document (Caption left empty for the
// caller): CRLF line ends, a VTIMEZONE for Europe/Berlin in RRULE form whose
// TZID every DTSTART and DTEND names, DTSTAMP, SEQUENCE, METHOD, STATUS. It
// returns an error wrapping domain.ErrInvalid for an event without a UID,
// stamp or summary, one that ends before it starts, a negative sequence,
// a status or method it does not know or a cancel that is not cancelled,
// and an error when Europe/Berlin cannot be loaded.
func CalendarFile(ev CalendarEvent, name string) (domain.Document, error) {
	if err := ev.check(name); err != nil {
		return domain.Document{}, fmt.Errorf("engine: calendar file: %w", err)
	}
	loc, err := berlin()
	if err != nil {
		return domain.Document{}, fmt.Errorf("engine: calendar file: %w", err)
	}
	cal := ics.NewCalendar()
	cal.SetProductId(calendarProduct)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.Method(ev.method()))
	addBerlin(cal)
	e := cal.AddEvent(ev.UID)
	e.SetDtStampTime(ev.Stamp)
	e.SetSequence(ev.Sequence)
	e.SetProperty(ics.ComponentPropertyDtStart, ev.Start.In(loc).Format(icsLocal), ics.WithTZID(calendarTZ))
	e.SetProperty(ics.ComponentPropertyDtEnd, ev.End.In(loc).Format(icsLocal), ics.WithTZID(calendarTZ))
	e.SetSummary(icsText(ev.Summary))
	if ev.Description != "" {
		e.SetDescription(icsText(ev.Description))
	}
	if ev.Location != "" {
		e.SetLocation(icsText(ev.Location))
	}
	e.SetStatus(ics.ObjectStatus(ev.status()))
	var b strings.Builder
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil {
		return domain.Document{}, fmt.Errorf("engine: calendar file: %w", err)
	}
	return domain.Document{Name: name, Content: []byte(b.String()), Type: CalendarType}, nil
}

// icsLocal is the layout of a local date-time with a TZID.
const icsLocal = "20060102T150405"

// icsText makes every line break of s a plain "\n", which the library
// escapes (a "\r" would otherwise stay raw in the file).
func icsText(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// addBerlin adds the VTIMEZONE of Europe/Berlin: CET from the last Sunday
// of October, CEST from the last Sunday of March, as the EU's rule since
// 1996 has it.
func addBerlin(cal *ics.Calendar) {
	tz := cal.AddTimezone(calendarTZ)
	std := tz.AddStandard()
	std.AddProperty(ics.ComponentPropertyDtStart, "19961027T030000")
	std.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0200")
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0100")
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "CET")
	day := &ics.Daylight{}
	day.AddProperty(ics.ComponentPropertyDtStart, "19810329T020000")
	day.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	day.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0100")
	day.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0200")
	day.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "CEST")
	tz.Components = append(tz.Components, day)
}

// status returns ev's STATUS, CONFIRMED when not set.
func (ev CalendarEvent) status() CalendarStatus {
	if ev.Status == "" {
		return CalendarConfirmed
	}
	return ev.Status
}

// method returns ev's METHOD, PUBLISH when not set.
func (ev CalendarEvent) method() CalendarMethod {
	if ev.Method == "" {
		return CalendarPublish
	}
	return ev.Method
}

// check returns what makes ev (named name) no event to write, wrapping
// domain.ErrInvalid, or nil.
func (ev CalendarEvent) check(name string) error {
	var why string
	switch {
	case strings.TrimSpace(ev.UID) == "":
		why = "no UID"
	case ev.Stamp.IsZero():
		why = "no stamp"
	case strings.TrimSpace(ev.Summary) == "":
		why = "no summary"
	case ev.Start.IsZero() || ev.End.Before(ev.Start):
		why = "no start, or an end before it"
	case ev.Sequence < 0:
		why = "a negative sequence"
	case ev.status() != CalendarConfirmed && ev.status() != CalendarCancelled:
		why = "an unknown status"
	case ev.method() != CalendarPublish && ev.method() != CalendarCancel:
		why = "an unknown method"
	case ev.method() == CalendarCancel && ev.status() != CalendarCancelled:
		why = "a cancel that is not cancelled"
	case strings.TrimSpace(name) == "":
		why = "no file name"
	}
	if why != "" {
		return fmt.Errorf("%w: %s", domain.ErrInvalid, why)
	}
	return nil
}
