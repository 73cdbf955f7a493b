package engine

import (
	"strconv"
	"time"
)

// The calendar keyboard keeps its whole state in its callback data: the
// month it shows is in its navigation buttons ("<nonce>:cal:202612"), a day
// is a normal choice ("<nonce>:c:2026-12-24"), and the labels (month,
// weekdays, fillers) carry "<nonce>:n", which does nothing.

// Calendar actions.
const (
	actCalendar = "cal" // show another month; arg is the month as "200601"
	actNoop     = "n"   // a label or filler of the calendar: nothing happens
)

// calendarMonth is the layout of actCalendar's argument.
const calendarMonth = "200601"

// parseCalendarMonth reads actCalendar's argument; it reports false for
// anything but a canonical "200601".
func parseCalendarMonth(arg string) (time.Time, bool) {
	m, err := time.Parse(calendarMonth, arg)
	if err != nil || m.Format(calendarMonth) != arg {
		return time.Time{}, false
	}
	return m, true
}

// calendarRows renders the month of month as buttons: a row with the
// previous month, the month's name and the next month (as far as lim
// allows), the weekdays from Monday, and the weeks (Monday to Sunday) that
// have a day to pick. The days from lim.min to lim.max are choices with
// their ISO date; in their weeks, other days and the places before the
// first and after the last day of the month are fillers. A week without a
// day to pick is left out.
func (t *Turn) calendarRows(month time.Time, lim dateLimits) [][]Button {
	month = monthOf(month)
	blank := Button{Label: t.Plain(keyCalendarBlank, nil), action: actNoop}
	prev, next := blank, blank
	if month.After(monthOf(lim.min)) {
		prev = Button{Label: t.Plain(keyCalendarPrev, nil), action: actCalendar, arg: addMonths(month, -1).Format(calendarMonth)}
	}
	if month.Before(monthOf(lim.max)) {
		next = Button{Label: t.Plain(keyCalendarNext, nil), action: actCalendar, arg: addMonths(month, 1).Format(calendarMonth)}
	}
	header := t.Plain(keyCalendarHeader, map[string]any{"Month": t.monthName(int(month.Month())), "Year": month.Year()})
	rows := [][]Button{{prev, {Label: header, action: actNoop}, next}}
	var weekdays []Button
	for _, k := range weekdayKeys {
		weekdays = append(weekdays, Button{Label: t.Plain(k, nil), action: actNoop})
	}
	rows = append(rows, weekdays)
	// The Monday on or before the first day of the month begins the first week.
	monday := month.AddDate(0, 0, -((int(month.Weekday()) + 6) % 7))
	for ; monday.Month() == month.Month() || monday.Before(month); monday = monday.AddDate(0, 0, 7) {
		week, picks := make([]Button, 0, 7), 0
		for d := monday; d.Before(monday.AddDate(0, 0, 7)); d = d.AddDate(0, 0, 1) {
			if d.Month() != month.Month() || d.Before(lim.min) || d.After(lim.max) {
				week = append(week, blank)
				continue
			}
			week = append(week, Button{Label: strconv.Itoa(d.Day()), action: actChoose, arg: d.Format(ISODate)})
			picks++
		}
		if picks > 0 {
			rows = append(rows, week)
		}
	}
	return rows
}
