package engine

// A Flow is a conversation declared as steps. The engine asks the steps in
// order, skipping those whose Skip says so and those already answered; each
// step's answer lives in the session under the step's name. After the last
// step comes the summary (when the flow has one, see summary.go), from
// which the user changes any field, confirms or cancels, and then Finish.
//
// Because "next" is always the first unanswered step, editing a field from
// the summary returns to the summary, and changing an answer that brings new
// steps into play (another role) asks exactly those.
type Flow struct {
	Name  string
	Title string // key of what the user is doing, e.g. "btn.request", shown when the flow waits behind the menu; "": a general title
	Intro string // key of a text above the first question (what the flow is for, how to stop); "": none
	Steps []Step
	// Summary returns the summary's text around lines (one line per field);
	// nil: the flow has no summary and finishes after its last step.
	Summary func(t *Turn, lines string) string
	// Finish completes the flow; it ends it (EndFlow), goes back to a step,
	// or records a store error with Fail.
	Finish func(t *Turn)
	// NextSummary is the key of what the last question says comes next;
	// "" for the engine's "you check every answer once more".
	NextSummary string
	// Cancel, when set, runs instead of the engine's own when the user
	// cancels the flow (/cancel, the summary's discard), with its answers
	// still there: it ends the flow (EndFlow) and shows where the user goes
	// back to (a search started from a screen returns to it). nil: the
	// engine says the flow was cancelled and shows the menu.
	Cancel func(t *Turn)
	// Ungated lets the running flow take input while the Gate holds the
	// user back (the flow of an Ungated command).
	Ungated bool
}

// Step is one question of a flow.
type Step struct {
	Name      string                          // also the key of its answer in the session
	Label     string                          // key of what it asks for, e.g. "field.name"
	InSummary bool                            // listed in the summary, and in its list of fields to change
	Group     string                          // key of the heading the summary lists it under; "": none
	Prompt    func(t *Turn) Prompt            // the question; pure: it is rendered again to check a press
	Handle    func(t *Turn, in Input) string  // checks and stores the answer; returns a problem key or ""
	Skip      func(t *Turn) bool              // nil: never skipped
	Show      func(t *Turn, value string) any // the answer in the summary (a string is escaped; nil: no line, as for an optional answer not given); nil: the value
	// Button handles a press on the step's own buttons (StepButton) that a
	// rendering of the prompt cannot check (a calendar shows any month); it
	// reports false for a press it leaves to the engine. nil: the engine
	// handles all.
	Button func(t *Turn, action, arg string) bool
	// Leave drops what the step keeps in the session beside its answer
	// while it is asked (a multi-select's selection not yet taken, a
	// date-time step's picked day), when the user goes back from it: asked
	// again, it shows its answer, not what was abandoned. nil: nothing.
	Leave func(t *Turn)
}

// Prompt is a question: its text (Telegram HTML) and its choices.
type Prompt struct {
	Text    string
	Choices [][]Choice
	Rows    [][]Button // more buttons under the choices, with actions of their own (a calendar)
}

// ProblemNoted is what a step's Handle returns when it has added the text
// of the problem itself (a text filled with data) with Turn.NoteText.
const ProblemNoted = "-"

// Choice is an answer button of a step.
type Choice struct {
	Label, Value string
}

// Input is the user's answer to a step: typed text or a pressed choice.
type Input struct {
	Text    string
	Choice  string
	Pressed bool
}

// TextStep declares a step answered by typing. promptKey is the question,
// data (may be nil) fills it in, and check cleans the answer or returns the
// key of its problem.
func TextStep(name, label, promptKey string, data func(t *Turn) map[string]any, check func(string) (string, string)) Step {
	return Step{
		Name: name, Label: label, InSummary: true,
		Prompt: func(t *Turn) Prompt {
			var d map[string]any
			if data != nil {
				d = data(t)
			}
			return Prompt{Text: t.T(promptKey, d)}
		},
		Handle: func(t *Turn, in Input) string {
			v, problem := check(in.Text)
			if problem == "" {
				t.Set(name, v)
			}
			return problem
		},
	}
}

// ChoiceStep declares a step answered with a button. choices must be pure;
// a pressed value is one of them (the engine checks). apply stores it (nil:
// under the step's name).
func ChoiceStep(name, label string, text func(t *Turn) string, choices func(t *Turn) [][]Choice, apply func(t *Turn, value string)) Step {
	if apply == nil {
		apply = func(t *Turn, v string) { t.Set(name, v) }
	}
	return Step{
		Name: name, Label: label, InSummary: true,
		Prompt: func(t *Turn) Prompt { return Prompt{Text: text(t), Choices: choices(t)} },
		Handle: func(t *Turn, in Input) string {
			if !in.Pressed {
				return keyFlowUseButtons
			}
			apply(t, in.Choice)
			return ""
		},
		Show: func(t *Turn, v string) any {
			for _, row := range choices(t) {
				for _, c := range row {
					if c.Value == v {
						return c.Label
					}
				}
			}
			return v
		},
	}
}

// KeyedChoice declares a step with one button per value (one in a row),
// labelled by the value's key in keys.
func KeyedChoice[V ~string](name, label, promptKey string, values []V, keys map[V]string) Step {
	return ChoiceStep(name, label,
		func(t *Turn) string { return t.T(promptKey, nil) },
		func(t *Turn) [][]Choice {
			rows := make([][]Choice, 0, len(values))
			for _, v := range values {
				rows = append(rows, []Choice{{t.Plain(keys[v], nil), string(v)}})
			}
			return rows
		}, nil)
}
