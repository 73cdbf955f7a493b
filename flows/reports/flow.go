package reports

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The report flow: the days worked (the agreed appointments' days, or
// typed), hours of preparation, on site or online and follow-up, travel
// (km at the configured rate, tickets, or none), other costs, the result
// note; summary; submit.

// flowReport is stored in sessions: keep it.
const flowReport = "rp_report"

// Step names, also the keys of their answers.
const (
	stepDays     = "dw"
	stepPrep     = "hp"
	stepSession  = "hs"
	stepFollowUp = "hf"
	stepTravel   = "tr"
	stepKm       = "km"
	stepTickets  = "tk"
	stepOther    = "oc"
	stepNote     = "nt"
)

// Keys of the flow's data in the session.
const (
	dataRequest  = "rq"  // the request's id
	dataRef      = "ref" // its reference, for the texts
	dataAccepted = "acc" // the day the advisor took the seat (ISO)
	dataOffered  = "ad"  // the agreed appointments' days up to today (ISO, ",")
	dataTyped    = "dw+" // days typed (ISO, ",")
	dataRate     = "rt"  // the km rate in cents
)

// Values of the travel choice, and the "none" of amounts.
const (
	travelKm      = "km"
	travelTickets = "tk"
	travelNone    = "-"
	valueZero     = "0"
)

// ruleNote is the rule of the result note.
var ruleNote = engine.TextRule{Min: 3, Max: domain.MaxReportNoteLen, Multiline: true}

// reportFlow declares the flow.
func (d Deps) reportFlow() *engine.Flow {
	days := engine.MultiSelectStep(engine.MultiSelectSpec{Name: stepDays, Label: keyFieldDays, PromptKey: keyDaysPrompt,
		Options: dayOptions, Min: 1, Max: domain.MaxReportDays, PerRow: 1, Typed: typedDays})
	// The summary shows travel on one line ("120 km × 0,30 € = 36,00 €");
	// changing it asks the kind again, then its amount.
	travel := engine.ChoiceStep(stepTravel, keyFieldTravel, func(t *engine.Turn) string { return t.T(keyTravelPrompt, nil) },
		func(t *engine.Turn) [][]engine.Choice {
			return [][]engine.Choice{
				{{Label: t.Plain(keyBtnTravelKm, map[string]any{"Rate": eurosText(t.Texts(), t.Lang(), rate(t))}), Value: travelKm}},
				{{Label: t.Plain(keyBtnTravelTickets, nil), Value: travelTickets}},
				{{Label: t.Plain(keyBtnTravelNone, nil), Value: travelNone}}}
		}, func(t *engine.Turn, v string) {
			t.Set(stepTravel, v)
			t.Del(stepKm)
			t.Del(stepTickets)
		})
	travel.Show = func(t *engine.Turn, _ string) any {
		return engine.HTML(travelText(t.Texts(), t.Lang(), draft(t, 0)))
	}
	km := amountStep(stepKm, keyFieldKm, keyKmPrompt, nil, func(t *engine.Turn, s string) (string, string) {
		n, p := readKm(s)
		return strconv.Itoa(n), p
	}, nil)
	km.Skip, km.InSummary = func(t *engine.Turn) bool { return t.Get(stepTravel) != travelKm }, false
	tickets := amountStep(stepTickets, keyFieldTickets, keyTicketsPrompt, nil, readEuros, nil)
	tickets.Skip, tickets.InSummary = func(t *engine.Turn) bool { return t.Get(stepTravel) != travelTickets }, false
	return &engine.Flow{Name: flowReport, Title: keyFlowTitle, Intro: keyIntro, Steps: []engine.Step{
		days,
		hoursStep(stepPrep, keyFieldPrep, keyPrepPrompt, []int{0, 1, 2, 3}),
		hoursStep(stepSession, keyFieldSession, keySessionPrompt, []int{1, 2, 3, 4}),
		hoursStep(stepFollowUp, keyFieldFollowUp, keyFollowUpPrompt, []int{0, 1, 2}),
		travel, km, tickets,
		amountStep(stepOther, keyFieldOther, keyOtherPrompt, []engine.Choice{{Value: valueZero}}, readEuros, showEuros),
		engine.RuleStep(stepNote, keyFieldNote, keyNotePrompt, ruleNote),
	},
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keySummary, map[string]any{"Ref": t.Get(dataRef), "Lines": engine.HTML(lines)})
		},
		Finish: d.finishReport}
}

// rate is the km rate of the running flow in cents.
func rate(t *engine.Turn) int64 {
	n, _ := strconv.ParseInt(t.Get(dataRate), 10, 64)
	return n
}

// dayOptions are the days offered: the agreed appointments' days, and
// those typed or chosen before, soonest first.
func dayOptions(t *engine.Turn) []engine.Choice {
	var days []string
	for _, key := range []string{dataOffered, dataTyped, stepDays} {
		for _, v := range engine.Values(t.Get(key)) {
			if !slices.Contains(days, v) {
				days = append(days, v)
			}
		}
	}
	slices.Sort(days)
	out := make([]engine.Choice, 0, len(days))
	for _, v := range days {
		if d, ok := engine.ParseISO(v); ok {
			out = append(out, engine.Choice{Label: t.Texts().Weekday(t.Lang(), d) + ", " + t.FormatDate(d), Value: v})
		}
	}
	return out
}

// typedDays reads typed days ("24.11.2026", several separated by commas
// or spaces): each from the day the seat was taken to today.
func typedDays(t *engine.Turn, text string) ([]string, string) {
	from, _ := engine.ParseISO(t.Get(dataAccepted))
	var out []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' }) {
		d, ok := t.ReadPastDate(f, from, keyDayBeforeAcceptance, keyDayFuture)
		if !ok {
			return nil, engine.ProblemNoted
		}
		out = append(out, d.Format(engine.ISODate))
	}
	if len(out) == 0 {
		return nil, keyDaysFormat
	}
	typed := engine.Values(t.Get(dataTyped))
	for _, v := range out {
		if !slices.Contains(typed, v) {
			typed = append(typed, v)
		}
	}
	t.Set(dataTyped, strings.Join(typed, ","))
	return out, ""
}

// workDays is the number of days chosen (at least 1 for the checks).
func workDays(t *engine.Turn) int { return max(1, len(engine.Values(t.Get(stepDays)))) }

// hoursStep asks for hours of one kind: quick buttons, or typed. The
// hours of all kinds so far may not exceed 24 a day worked.
func hoursStep(name, label, promptKey string, quick []int) engine.Step {
	var choices []engine.Choice
	for _, h := range quick {
		choices = append(choices, engine.Choice{Label: strconv.Itoa(h), Value: strconv.Itoa(h * 60)})
	}
	read := func(t *engine.Turn, s string) (string, string) {
		n, p := readMinutes(s)
		if p != "" {
			return "", p
		}
		return strconv.Itoa(n), ""
	}
	st := amountStep(name, label, promptKey, choices, read, func(t *engine.Turn, v string) any {
		n, _ := strconv.Atoi(v)
		return hoursText(t.Texts(), t.Lang(), n)
	})
	handle := st.Handle
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		old := t.Get(name)
		if p := handle(t, in); p != "" {
			return p
		}
		if total := minutesSoFar(t); total > domain.MaxMinutesPerDay*workDays(t) {
			t.Set(name, old)
			if old == "" {
				t.Del(name)
			}
			t.Note(keyTooManyHours, map[string]any{"Days": workDays(t), "Max": 24 * workDays(t),
				"Total": hoursText(t.Texts(), t.Lang(), total)})
			return engine.ProblemNoted
		}
		return ""
	}
	return st
}

// minutesSoFar is the hours of all kinds answered, in minutes.
func minutesSoFar(t *engine.Turn) int {
	total := 0
	for _, s := range []string{stepPrep, stepSession, stepFollowUp} {
		n, _ := strconv.Atoi(t.Get(s))
		total += n
	}
	return total
}

// readEuros reads typed euros as the cents of an answer.
func readEuros(_ *engine.Turn, s string) (string, string) {
	n, p := readCents(s)
	return strconv.FormatInt(n, 10), p
}

// showEuros shows an answer in cents as euros.
func showEuros(t *engine.Turn, v string) any {
	n, _ := strconv.ParseInt(v, 10, 64)
	if n == 0 {
		return t.Plain(keyCardNoOther, nil)
	}
	return eurosText(t.Texts(), t.Lang(), n)
}

// amountStep asks for an amount: typed (read cleans it or names its
// problem) or one of choices (a choice without a label is "none").
func amountStep(name, label, promptKey string, choices []engine.Choice, read func(*engine.Turn, string) (string, string),
	show func(*engine.Turn, string) any) engine.Step {
	return engine.Step{Name: name, Label: label, InSummary: true,
		Prompt: func(t *engine.Turn) engine.Prompt {
			p := engine.Prompt{Text: t.T(promptKey, map[string]any{"Rate": eurosText(t.Texts(), t.Lang(), rate(t))})}
			var row []engine.Choice
			for _, c := range choices {
				if c.Label == "" {
					c.Label = t.Plain(keyBtnNone, nil)
				}
				row = append(row, c)
			}
			if row != nil {
				p.Choices = [][]engine.Choice{row}
			}
			return p
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			if in.Pressed {
				t.Set(name, in.Choice)
				return ""
			}
			v, p := read(t, in.Text)
			if p == "" {
				t.Set(name, v)
			}
			return p
		},
		Show: show,
	}
}

// draft is the report the flow's answers give.
func draft(t *engine.Turn, advisorID int64) domain.ReportDraft {
	num := func(k string) int { n, _ := strconv.Atoi(t.Get(k)); return n }
	cents := func(k string) int64 { n, _ := strconv.ParseInt(t.Get(k), 10, 64); return n }
	id, _ := strconv.ParseInt(t.Get(dataRequest), 10, 64)
	d := domain.ReportDraft{RequestID: id, AdvisorID: advisorID, PrepMinutes: num(stepPrep),
		SessionMinutes: num(stepSession), FollowUpMinutes: num(stepFollowUp), OtherCents: cents(stepOther), Note: t.Get(stepNote)}
	for _, v := range engine.Values(t.Get(stepDays)) {
		if day, ok := engine.ParseISO(v); ok {
			d.Dates = append(d.Dates, day)
		}
	}
	switch t.Get(stepTravel) {
	case travelKm:
		d.Km, d.KmRateCents = num(stepKm), int(rate(t))
	case travelTickets:
		d.TicketCents = cents(stepTickets)
	}
	return d
}

// answersOf are the flow's answers for a correction of rep.
func answersOf(rep domain.Report) map[string]string {
	days := make([]string, len(rep.Dates))
	for i, d := range rep.Dates {
		days[i] = d.UTC().Format(engine.ISODate)
	}
	m := map[string]string{stepDays: strings.Join(days, ","), dataTyped: strings.Join(days, ","),
		stepPrep: strconv.Itoa(rep.PrepMinutes), stepSession: strconv.Itoa(rep.SessionMinutes),
		stepFollowUp: strconv.Itoa(rep.FollowUpMinutes), stepOther: strconv.FormatInt(rep.OtherCents, 10),
		stepNote: rep.Note, stepTravel: travelNone}
	switch {
	case rep.Km > 0:
		m[stepTravel], m[stepKm] = travelKm, strconv.Itoa(rep.Km)
	case rep.TicketCents > 0:
		m[stepTravel], m[stepTickets] = travelTickets, strconv.FormatInt(rep.TicketCents, 10)
	}
	return m
}

// isoDay is the calendar day of t in loc, as ISO.
func isoDay(at time.Time, loc *time.Location) string {
	return engine.CalendarDay(at, loc).Format(engine.ISODate)
}
