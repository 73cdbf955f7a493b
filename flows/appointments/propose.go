package appointments

import (
	"strconv"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The proposal flow: one to three options, each a start (the date-time
// widget, or typed "24.11.2026 14:00"), a duration and a place or an
// online link; "weitere Option?" after the first two; summary; confirm.

// flowPropose is stored in sessions: keep it.
const flowPropose = "ap_propose"

// maxOptions is how many options the flow asks for at most.
const maxOptions = 3

// Keys of the flow's data in the session.
const (
	dataRequest = "rq" // the request's id
	dataPlace   = "pl" // the request's place, offered as the place
)

// Values of the choices.
const (
	valueYes       = "y"
	valueNo        = "n"
	valueSamePlace = "="
)

// durations are the choices of an option's length, in minutes.
var durations = []struct {
	minutes int
	key     string
}{{60, keyDuration1h}, {120, keyDuration2h}, {180, keyDuration3h}, {240, keyDurationHalfDay}}

// rulePlace is the rule of a typed place or link.
var rulePlace = engine.TextRule{Min: 3, Max: domain.MaxAppointmentPlace}

// step names of option i (from 0).
func startName(i int) string  { return "s" + strconv.Itoa(i+1) }
func lengthName(i int) string { return "d" + strconv.Itoa(i+1) }
func placeName(i int) string  { return "p" + strconv.Itoa(i+1) }
func moreName(i int) string   { return "m" + strconv.Itoa(i+1) }

// asked reports whether option i is asked: the first always, the others
// when the user wanted one more.
func asked(t *engine.Turn, i int) bool { return i == 0 || t.Get(moreName(i-1)) == valueYes }

// proposeFlow declares the flow.
func (d Deps) proposeFlow() *engine.Flow {
	return &engine.Flow{Name: flowPropose, Title: keyFlowTitle, Steps: optionSteps(),
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keySummary, map[string]any{"Lines": engine.HTML(lines)})
		},
		Finish: d.finishPropose}
}

// optionSteps ask for one to maxOptions options.
func optionSteps() []engine.Step {
	var steps []engine.Step
	for i := range maxOptions {
		skip := func(t *engine.Turn) bool { return !asked(t, i) }
		num := func(*engine.Turn) map[string]any { return map[string]any{"N": i + 1} }
		start := startStep(startName(i), keyStartPrompt, num)
		start.Skip = skip
		length := lengthStep(lengthName(i))
		length.Skip = skip
		steps = append(steps, start, length, placeStep(placeName(i), skip))
		if i < maxOptions-1 {
			more := engine.ChoiceStep(moreName(i), keyFieldMore,
				func(t *engine.Turn) string { return t.T(keyMorePrompt, nil) },
				func(t *engine.Turn) [][]engine.Choice {
					return [][]engine.Choice{{{Label: t.Plain(keyBtnMore, nil), Value: valueYes},
						{Label: t.Plain(keyBtnNoMore, nil), Value: valueNo}}}
				}, nil)
			more.Skip, more.InSummary = skip, false
			steps = append(steps, more)
		}
	}
	return steps
}

// startStep asks for a start (the date-time widget) with the question
// promptKey filled by data.
func startStep(name, promptKey string, data func(*engine.Turn) map[string]any) engine.Step {
	return engine.DateTimeStep(engine.DateTimeSpec{Name: name, Label: keyFieldStart, PromptKey: promptKey, Data: data})
}

// lengthStep asks how long an appointment takes.
func lengthStep(name string) engine.Step {
	return engine.ChoiceStep(name, keyFieldLength,
		func(t *engine.Turn) string { return t.T(keyLengthPrompt, nil) },
		func(t *engine.Turn) [][]engine.Choice {
			var rows [][]engine.Choice
			for _, du := range durations {
				rows = append(rows, []engine.Choice{{Label: t.Plain(du.key, nil), Value: strconv.Itoa(du.minutes)}})
			}
			return rows
		}, nil)
}

// placeStep asks where an option takes place: typed, or the request's
// place (or the appointment's so far) with one tap.
func placeStep(name string, skip func(*engine.Turn) bool) engine.Step {
	st := engine.RuleStep(name, keyFieldPlace, keyPlacePrompt, rulePlace)
	typed := st.Handle
	st.Skip = skip
	st.Prompt = func(t *engine.Turn) engine.Prompt {
		p := engine.Prompt{Text: t.T(keyPlacePrompt, nil)}
		if pl := t.Get(dataPlace); pl != "" {
			p.Choices = [][]engine.Choice{{{Label: pl, Value: valueSamePlace}}}
		}
		return p
	}
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		if in.Pressed && in.Choice == valueSamePlace {
			t.Set(name, t.Get(dataPlace))
			return ""
		}
		return typed(t, in)
	}
	return st
}

// slots are the options the flow's answers give.
func slots(t *engine.Turn) []domain.Slot {
	var out []domain.Slot
	for i := range maxOptions {
		if !asked(t, i) {
			break
		}
		s, ok := slotOf(t, startName(i), lengthName(i), placeName(i))
		if !ok {
			break
		}
		out = append(out, s)
	}
	return out
}

// slotOf is the slot the answers of the named steps give; false while
// one is missing.
func slotOf(t *engine.Turn, startName, lengthName, placeName string) (domain.Slot, bool) {
	start, ok := engine.ParseDateTime(t.Get(startName), t.Location())
	minutes, err := strconv.Atoi(t.Get(lengthName))
	if !ok || err != nil {
		return domain.Slot{}, false
	}
	s := domain.Slot{Start: start, End: start.Add(time.Duration(minutes) * time.Minute)}
	if p := t.Get(placeName); strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "http://") {
		s.Link = p
	} else {
		s.Place = p
	}
	return s, true
}

// startPropose starts the proposal for request id, for an advisor who
// holds one of its seats.
func (d Deps) startPropose(t *engine.Turn, id int64) {
	a, r, seats, ok := d.load(t, id)
	if !ok {
		return
	}
	if !domain.CanPropose(a, r, seats) {
		t.Refuse(engine.KeyForbidden)
		return
	}
	t.StartFlow(flowPropose, map[string]string{dataRequest: strconv.FormatInt(id, 10),
		dataPlace: r.Place}, false)
}

// finishPropose writes the proposal; the requester side is told.
func (d Deps) finishPropose(t *engine.Turn) {
	id, _ := strconv.ParseInt(t.Get(dataRequest), 10, 64)
	a, r, seats, ok := d.load(t, id)
	if !ok {
		return
	}
	if !domain.CanPropose(a, r, seats) {
		t.EndFlow()
		t.Note(engine.KeyForbidden, nil)
		return
	}
	tl := d.teller(t, a.ID)
	ch, err := d.Appointments.ProposeAppointment(t.Ctx(), domain.AppointmentProposal{RequestID: id, AdvisorID: a.ID,
		Options: slots(t)}, tl.tell)
	if !settled(t, err, engine.KeyForbidden) {
		return
	}
	t.Show(engine.Screen{Text: t.T(keyProposed, map[string]any{"Ref": r.Ref,
		"Options": engine.HTML(optionLines(t.Texts(), t.Lang(), t.Location(), ch.Appointment))}),
		Rows: [][]engine.Button{t.BackToMenu()}})
}
