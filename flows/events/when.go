package events

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The steps of when: the start (a future date and time), the end (after
// the start, the same or the next day) and the answer deadline (none, or
// a day before the start's).

// typedClock is a typed end: "20:00", "20.30", "20 Uhr", "20h".
var typedClock = regexp.MustCompile(`(?i)^(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr|h)?$`)

// endQuick are the quick durations of the end step, in minutes.
var endQuick = []int{60, 120, 180}

// startStep asks for the start; a changed start drops the end and a
// deadline that is not before it any more, so that they are asked again.
func startStep() engine.Step {
	st := engine.DateTimeStep(engine.DateTimeSpec{Name: stepStart, Label: keyFieldStart, PromptKey: keyStartPrompt})
	handle := st.Handle
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		old := t.Get(stepStart)
		p := handle(t, in)
		if p == "" && t.Get(stepStart) != old {
			t.Del(stepEnd)
			if !deadlineFits(t, t.Get(stepDeadline)) {
				t.Del(stepDeadline)
			}
		}
		return p
	}
	return st
}

// startOf is the start answered.
func startOf(t *engine.Turn) (time.Time, bool) {
	return engine.ParseDateTime(t.Get(stepStart), t.Location())
}

// endStep asks for the end: +1h, +2h, +3h, or a typed time of day (the
// next day when it is earlier than the start's).
func endStep() engine.Step {
	return engine.Step{Name: stepEnd, Label: keyFieldEnd, InSummary: true,
		Prompt: func(t *engine.Turn) engine.Prompt {
			start, _ := startOf(t)
			row := make([]engine.Choice, 0, len(endQuick))
			for _, m := range endQuick {
				row = append(row, engine.Choice{Label: t.Plain(keyBtnHours, map[string]any{"N": m / 60}), Value: strconv.Itoa(m)})
			}
			return engine.Prompt{Text: t.T(keyEndPrompt, map[string]any{"Start": t.DateTime(start)}),
				Choices: [][]engine.Choice{row}}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			start, ok := startOf(t)
			if !ok { // cannot happen: the start is asked first
				return engine.KeyFlowUseButtons
			}
			var end time.Time
			if in.Pressed {
				m, _ := strconv.Atoi(in.Choice)
				end = start.Add(time.Duration(m) * time.Minute)
			} else {
				g := typedClock.FindStringSubmatch(strings.TrimSpace(in.Text))
				h, m := 0, 0
				if g != nil {
					h, _ = strconv.Atoi(g[1])
					if g[2] != "" {
						m, _ = strconv.Atoi(g[2])
					}
				}
				if g == nil || h > 23 || m > 59 {
					return keyEndInvalid
				}
				local := start.In(t.Location())
				end = time.Date(local.Year(), local.Month(), local.Day(), h, m, 0, 0, t.Location())
				if end.Equal(start) {
					return keyEndSame
				}
				if end.Before(start) {
					end = time.Date(local.Year(), local.Month(), local.Day()+1, h, m, 0, 0, t.Location())
				}
			}
			t.Set(stepEnd, end.In(t.Location()).Format(engine.ISODateTime))
			return ""
		},
		Show: func(t *engine.Turn, v string) any {
			start, _ := startOf(t)
			end, _ := engine.ParseDateTime(v, t.Location())
			return t.Texts().Span(t.Lang(), start, end, t.Location())
		},
	}
}

// deadlineStep asks for the last day of answers: none, or a day (typed or
// picked) before the start's day.
func deadlineStep() engine.Step {
	st := engine.DateStep(engine.DateSpec{Name: stepDeadline, Label: keyFieldDeadline, PromptKey: keyDeadlinePrompt})
	prompt, handle, button, show := st.Prompt, st.Handle, st.Button, st.Show
	st.Prompt = func(t *engine.Turn) engine.Prompt {
		p := prompt(t)
		p.Choices = append(p.Choices, []engine.Choice{{Label: t.Plain(keyBtnNoDeadline, nil), Value: valueNone}})
		return p
	}
	st.Button = func(t *engine.Turn, action, arg string) bool {
		return arg != valueNone && button(t, action, arg)
	}
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		if in.Pressed && in.Choice == valueNone {
			t.Set(stepDeadline, valueNone)
			return ""
		}
		old, had := t.Get(stepDeadline), t.Get(stepDeadline) != ""
		if p := handle(t, in); p != "" {
			return p
		}
		if !deadlineFits(t, t.Get(stepDeadline)) {
			if had {
				t.Set(stepDeadline, old)
			} else {
				t.Del(stepDeadline)
			}
			start, _ := startOf(t)
			t.Note(keyDeadlineLate, map[string]any{"Start": t.FormatDate(engine.CalendarDay(start, t.Location()))})
			return engine.ProblemNoted
		}
		return ""
	}
	st.Show = func(t *engine.Turn, v string) any {
		if v == valueNone {
			return t.Plain(keyBtnNoDeadline, nil)
		}
		return show(t, v)
	}
	return st
}

// deadlineFits reports whether deadline answer v (a day, none or "") lies
// before the start's day.
func deadlineFits(t *engine.Turn, v string) bool {
	day, ok := engine.ParseISO(v)
	if !ok {
		return true
	}
	start, ok := startOf(t)
	return !ok || day.Before(engine.CalendarDay(start, t.Location()))
}

// deadlineOf is the instant of deadline day v: its last minute, in loc;
// zero for none.
func deadlineOf(v string, loc *time.Location) time.Time {
	day, ok := engine.ParseISO(v)
	if !ok {
		return time.Time{}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 0, 0, loc)
}

// readLink reads an online link: an http or https URL with a host, without
// spaces, of at most the length of a place.
func readLink(s string) (string, bool) {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	ok := err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		!strings.ContainsAny(s, " \t\n<>\"") && utf8.RuneCountInString(s) <= domain.MaxEventPlace
	return s, ok
}
