package events

import (
	"slices"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The flow "Veranstaltung ändern": the creation flow's steps of what is
// changed (the time, the place or link, the description, the capacity;
// the same widgets and rules), or the waitlist's fairness, then a
// confirmation with old → new that names how many members are told.

// flowChange is stored in sessions: keep it.
const flowChange = "ev_change"

// What a change changes (dataWhat).
const (
	whatTime     = "t"
	whatPlace    = "p"
	whatDesc     = "d"
	whatCapacity = "c"
	whatSeating  = "s"
)

// Steps and data of the change besides the creation flow's steps.
const (
	dataWhat      = "wt" // what is changed
	dataTold      = "n"  // the members a calendar change tells
	dataTaken     = "tk" // the seats taken when the change began
	dataOld       = "o"  // prefix of the event's answers before the change (answersOf)
	stepFairMax   = "fm"
	stepNewFirst  = "nf"
	stepConfirmH  = "cf"
	stepConfirmed = "ok"
)

// whatSteps are the steps each change asks.
var whatSteps = map[string][]string{
	whatTime: {stepStart, stepEnd}, whatPlace: {stepWhere, stepPlace}, whatDesc: {stepDesc},
	whatCapacity: {stepCapacity}, whatSeating: {stepFairMax, stepNewFirst, stepConfirmH},
}

// asks makes st a step of the change of what only.
func asks(st engine.Step, what string) engine.Step {
	st.Skip = func(t *engine.Turn) bool { return t.Get(dataWhat) != what }
	return st
}

// changeFlow declares the flow.
func (d Deps) changeFlow() *engine.Flow {
	capacity := capacityStep()
	handle := capacity.Handle
	capacity.Handle = func(t *engine.Turn, in engine.Input) string {
		if p := handle(t, in); p != "" {
			return p
		}
		n, _ := strconv.Atoi(t.Get(stepCapacity))
		if taken, _ := strconv.Atoi(t.Get(dataTaken)); n > 0 && n < taken {
			t.Del(stepCapacity)
			t.Note(keyCapacityTaken, map[string]any{"N": taken})
			return engine.ProblemNoted
		}
		return ""
	}
	return &engine.Flow{Name: flowChange, Title: keyBtnChange, Steps: []engine.Step{
		asks(startStep(), whatTime),
		asks(endStep(), whatTime),
		asks(engine.KeyedChoice(stepWhere, keyFieldWhere, keyWherePrompt, []string{wherePlace, whereOnline},
			map[string]string{wherePlace: keyBtnPlace, whereOnline: keyBtnOnline}), whatPlace),
		asks(placeStep(), whatPlace),
		asks(engine.RuleStep(stepDesc, keyFieldDesc, keyDescPrompt, ruleDesc), whatDesc),
		asks(capacity, whatCapacity),
		asks(pressStep(stepFairMax, keyFairPrompt, []string{"0", "2", "3", "4", "5"}, fairLabel), whatSeating),
		asks(pressStep(stepNewFirst, keyNewFirstPrompt, []string{"1", "0"}, onOffLabel), whatSeating),
		asks(pressStep(stepConfirmH, keyConfirmHPrompt, []string{"12", "24", "48"}, hoursLabel), whatSeating),
		confirmStep(),
	}, Finish: d.finishChange, Cancel: func(t *engine.Turn) {
		id, _ := strconv.ParseInt(t.Get(dataEvent), 10, 64)
		t.EndFlow()
		t.Note(keyChangeDropped, nil)
		t.Show(engine.Screen{Rows: [][]engine.Button{{engine.ScreenButtonID(t.Plain(keyBtnToEvent, nil), screenEvent, id)}},
			Text: t.T(keyChangeDroppedHint, nil)})
	}}
}

// pressStep asks name with one button per value, labelled by label.
func pressStep(name, promptKey string, values []string, label func(t *engine.Turn, v string) string) engine.Step {
	return engine.Step{Name: name, Label: promptKey,
		Prompt: func(t *engine.Turn) engine.Prompt {
			row := make([]engine.Choice, 0, len(values))
			for _, v := range values {
				row = append(row, engine.Choice{Label: label(t, v), Value: v})
			}
			return engine.Prompt{Text: t.T(promptKey, nil), Choices: [][]engine.Choice{row}}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			if !in.Pressed {
				return engine.KeyFlowUseButtons
			}
			t.Set(name, in.Choice)
			return ""
		}}
}

// fairLabel, onOffLabel and hoursLabel name the values of the seating
// steps.
func fairLabel(t *engine.Turn, v string) string {
	if v == "0" {
		return t.Plain(keyBtnOff, nil)
	}
	return v
}

func onOffLabel(t *engine.Turn, v string) string {
	if v == "1" {
		return t.Plain(keyBtnOn, nil)
	}
	return t.Plain(keyBtnOff, nil)
}

func hoursLabel(t *engine.Turn, v string) string {
	return t.Plain(keyBtnHoursShort, map[string]any{"N": v})
}

// confirmStep shows old → new and asks to change (and tell N members).
func confirmStep() engine.Step {
	return engine.Step{Name: stepConfirmed, Label: keyChangeCheck,
		Prompt: func(t *engine.Turn) engine.Prompt {
			n, _ := strconv.Atoi(t.Get(dataTold))
			label := t.Plain(keyBtnChangeTell, map[string]any{"N": n})
			if n == 0 || !calendarWhat(t.Get(dataWhat)) {
				label = t.Plain(keyBtnChangeSave, nil)
			}
			return engine.Prompt{Text: t.T(keyChangeConfirm, map[string]any{"Lines": engine.HTML(strings.Join(changeLines(t), "\n"))}),
				Choices: [][]engine.Choice{{{Label: label, Value: "1"}}}}
		},
		Handle: func(t *engine.Turn, in engine.Input) string {
			if !in.Pressed {
				return engine.KeyFlowUseButtons
			}
			t.Set(stepConfirmed, in.Choice)
			return ""
		}}
}

// calendarWhat reports whether a change of what changes the calendar (and
// tells the members).
func calendarWhat(what string) bool { return what == whatTime || what == whatPlace || what == whatDesc }

// old is the answer of step before the change.
func old(t *engine.Turn, step string) string { return t.Get(dataOld + step) }

// changeLines are the lines old → new of the change (HTML).
func changeLines(t *engine.Turn) []string {
	loc := t.Location()
	line := func(label, before, after string) string {
		return t.T(keyChangeLine, map[string]any{"Label": t.Plain(label, nil), "Old": before, "New": after})
	}
	span := func(start, end string) string {
		s, _ := engine.ParseDateTime(start, loc)
		e, _ := engine.ParseDateTime(end, loc)
		return t.Texts().Span(t.Lang(), s, e, loc)
	}
	switch t.Get(dataWhat) {
	case whatTime:
		return []string{line(keyFieldEnd, span(old(t, stepStart), old(t, stepEnd)), span(t.Get(stepStart), t.Get(stepEnd)))}
	case whatPlace:
		return []string{line(keyFieldPlace, old(t, stepPlace), t.Get(stepPlace))}
	case whatDesc:
		return []string{t.T(keyDescChanged, nil)}
	case whatCapacity:
		return []string{line(keyFieldCapacity, capacityShown(t, old(t, stepCapacity)), capacityShown(t, t.Get(stepCapacity)))}
	}
	fair, _ := strconv.Atoi(t.Get(stepFairMax))
	hours, _ := strconv.Atoi(t.Get(stepConfirmH))
	return []string{t.T(keySeatingShown, seatingData(domain.EventSeating{FairMax: fair, NewFirst: t.Get(stepNewFirst) == "1",
		ConfirmHours: hours}))}
}

// capacityShown names capacity answer v.
func capacityShown(t *engine.Turn, v string) string {
	n, _ := strconv.Atoi(v)
	return capacityText(t, n)
}

// startChange starts the change of what of event e: a published event
// not started, or the seating of a draft.
func (d Deps) startChange(t *engine.Turn, e domain.Event, what string) {
	if !(what == whatSeating && e.Status == domain.EventStateDraft) && !changeable(t, e) {
		return
	}
	data := map[string]string{dataEvent: strconv.FormatInt(e.ID, 10), dataWhat: what,
		dataTaken: strconv.Itoa(e.SeatsTaken), dataTold: "0"}
	for k, v := range answersOf(e, t) {
		data[dataOld+k] = v
		if !slices.Contains(whatSteps[what], k) { // the steps of the change are asked
			data[k] = v
		}
	}
	if calendarWhat(what) {
		n, err := d.Events.CountTold(t.Ctx(), e.ID, false)
		if err != nil {
			t.Fail(err)
			return
		}
		data[dataTold] = strconv.Itoa(n)
	}
	t.StartFlow(flowChange, data, true)
}
