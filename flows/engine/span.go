package engine

import "time"

// Span names the time from start to end in lang, in loc, the way a
// message shows an appointment or an event: "Sa, 12.12.2026, 18:00–20:00
// Uhr", or with both days when it ends on another day ("Sa, 12.12.2026,
// 18:00 Uhr – So, 13.12.2026, 02:00 Uhr"). Plain text.
func (t *Texts) Span(lang string, start, end time.Time, loc *time.Location) string {
	start, end = start.In(loc), end.In(loc)
	day := func(at time.Time) string { return t.Date(lang, CalendarDay(at, loc)) }
	data := map[string]any{"Day": t.Weekday(lang, start), "Date": day(start), "From": start.Format("15:04"),
		"To": end.Format("15:04")}
	if day(start) == day(end) {
		return t.Plain(lang, keySpan, data)
	}
	data["EndDay"], data["EndDate"] = t.Weekday(lang, end), day(end)
	return t.Plain(lang, keySpanDays, data)
}
