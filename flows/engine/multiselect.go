package engine

import (
	"slices"
	"strconv"
	"strings"
)

// A multi-select step offers options as buttons that toggle (✓) in place,
// and a done button with the count. The selection being made lives in the
// session beside the answer, so a press redraws the question from the
// session alone. The answer is the values joined by ",", or "-" for none;
// read it with Values. Typed text may add values (Typed), e.g. a language
// the options lack.

// Multi-select actions.
const (
	actToggle = "t" // toggle the option whose value is the argument
	actDone   = "d" // take the selection as the answer
)

// noneSelected is the answer of a multi-select with nothing chosen: not
// empty, so that the step counts as answered.
const noneSelected = "-"

// MultiSelectSpec declares a multi-select step. Option values must not
// hold "," or ":".
type MultiSelectSpec struct {
	Name, Label, PromptKey string
	Options                func(t *Turn) []Choice // pure: rendered again to check a press
	Min, Max               int                    // how many may be chosen; Max 0: any number
	PerRow                 int                    // options in a row; 0: 2
	// Typed turns typed text into values to add to the selection, or
	// returns the key of its problem; nil: typing is refused ("use the
	// buttons").
	Typed func(t *Turn, text string) ([]string, string)
}

// Values returns the values of a multi-select answer.
func Values(answer string) []string {
	if answer == "" || answer == noneSelected {
		return nil
	}
	return strings.Split(answer, ",")
}

// MultiSelectStep returns the step sp declares.
func MultiSelectStep(sp MultiSelectSpec) Step {
	return Step{
		Name: sp.Name, Label: sp.Label, InSummary: true,
		Prompt: sp.prompt,
		Handle: sp.handle,
		Show: func(t *Turn, v string) any {
			labels := make([]string, 0, 4)
			for _, val := range Values(v) {
				labels = append(labels, sp.label(t, val))
			}
			if len(labels) == 0 {
				return t.Plain(keyMultiNone, nil)
			}
			return strings.Join(labels, ", ")
		},
		Button: sp.button,
		Leave:  func(t *Turn) { t.Del(sp.draftKey()) },
	}
}

// draftKey is where the selection being made is kept.
func (sp MultiSelectSpec) draftKey() string { return sp.Name + "~" }

// selected returns the selection being made: the draft, else the answer.
func (sp MultiSelectSpec) selected(t *Turn) []string {
	if d, ok := t.sess.Data[sp.draftKey()]; ok {
		return Values(d)
	}
	return Values(t.Get(sp.Name))
}

func (sp MultiSelectSpec) setDraft(t *Turn, sel []string) {
	if len(sel) == 0 {
		t.Set(sp.draftKey(), noneSelected)
		return
	}
	t.Set(sp.draftKey(), strings.Join(sel, ","))
}

// label is the option's label, or the value itself for a typed one.
func (sp MultiSelectSpec) label(t *Turn, value string) string {
	for _, c := range sp.Options(t) {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}

func (sp MultiSelectSpec) prompt(t *Turn) Prompt {
	sel := sp.selected(t)
	per := sp.PerRow
	if per <= 0 {
		per = 2
	}
	var rows [][]Button
	var row []Button
	options := sp.Options(t)
	for _, c := range options {
		label := c.Label
		if slices.Contains(sel, c.Value) {
			label = t.Plain(keyMultiOn, map[string]any{"Label": c.Label})
		}
		row = append(row, StepButton(label, actToggle, c.Value))
		if len(row) == per {
			rows, row = append(rows, row), nil
		}
	}
	if row != nil {
		rows = append(rows, row)
	}
	text := t.T(sp.PromptKey, nil)
	var extra []string
	for _, v := range sel {
		if !slices.ContainsFunc(options, func(c Choice) bool { return c.Value == v }) {
			extra = append(extra, v)
		}
	}
	if len(extra) > 0 {
		text += "\n\n" + t.T(keyMultiTyped, map[string]any{"Values": strings.Join(extra, ", ")})
	}
	rows = append(rows, []Button{StepButton(t.Plain(keyBtnDone, map[string]any{"N": len(sel)}), actDone, strconv.Itoa(len(sel)))})
	return Prompt{Text: text, Rows: rows}
}

// handle takes typed values (when the spec allows) into the selection and
// asks again; the answer itself comes with the done button.
func (sp MultiSelectSpec) handle(t *Turn, in Input) string {
	if in.Pressed || sp.Typed == nil {
		return keyFlowUseButtons
	}
	add, problem := sp.Typed(t, in.Text)
	if problem != "" {
		return problem
	}
	sel := sp.selected(t)
	for _, v := range add {
		if !slices.Contains(sel, v) {
			sel = append(sel, v)
		}
	}
	if sp.Max > 0 && len(sel) > sp.Max {
		t.Note(keyMultiTooMany, map[string]any{"Max": sp.Max})
		return ProblemNoted
	}
	sp.setDraft(t, sel)
	t.Note(keyMultiAdded, nil)
	return ProblemNoted // not answered yet: the question comes again with the values
}

// button toggles an option in place, or takes the selection as the answer.
func (sp MultiSelectSpec) button(t *Turn, action, arg string) bool {
	switch action {
	case actToggle:
		if !slices.ContainsFunc(sp.Options(t), func(c Choice) bool { return c.Value == arg }) {
			t.StaleButton()
			return true
		}
		sel := sp.selected(t)
		if i := slices.Index(sel, arg); i >= 0 {
			sel = slices.Delete(sel, i, i+1)
		} else if sp.Max > 0 && len(sel) >= sp.Max {
			t.Refuse(keyMultiTooManyToast)
			return true
		} else {
			sel = append(sel, arg)
		}
		sp.setDraft(t, sel)
		t.Replace(t.stepScreenOf(sp.prompt(t)))
	case actDone:
		sel := sp.selected(t)
		if arg != strconv.Itoa(len(sel)) { // a done button of an older drawing
			t.StaleButton()
			return true
		}
		if len(sel) < sp.Min {
			t.Toast(t.Plain(keyMultiTooFew, map[string]any{"Min": sp.Min}))
			t.Quiet()
			return true
		}
		answer := noneSelected
		if len(sel) > 0 {
			answer = strings.Join(sel, ",")
		}
		asked := t.currentText()
		t.Del(sp.draftKey())
		t.Set(sp.Name, answer)
		t.Replace(Screen{Text: asked + "\n\n" + t.T(keyFlowChosen, map[string]any{"Choice": sp.summary(t, sel)})})
		t.Advance(false)
	default:
		return false
	}
	return true
}

// summary is the chosen labels, or "none".
func (sp MultiSelectSpec) summary(t *Turn, sel []string) string {
	if len(sel) == 0 {
		return t.Plain(keyMultiNone, nil)
	}
	labels := make([]string, 0, len(sel))
	for _, v := range sel {
		labels = append(labels, sp.label(t, v))
	}
	return strings.Join(labels, ", ")
}

// PresetSelection makes the multi-select step name of a flow about to
// start with data begin with values ticked (say, the ones stored, when
// editing them), without answering it.
func PresetSelection(data map[string]string, name string, values []string) {
	data[MultiSelectSpec{Name: name}.draftKey()] = strings.Join(values, ",")
}
