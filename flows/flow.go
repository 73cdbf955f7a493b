package flows

// A flow is a conversation declared as steps. The engine asks the steps in
// order, skipping those whose skip says so and those already answered; each
// step's answer lives in Session.Data under the step's name. After the last
// step comes the summary (when the flow has one) with an edit button per
// field and a confirm button, and then finish.
//
// Because "next" is always the first unanswered step, editing a field from
// the summary returns to the summary, and changing an answer that brings new
// steps into play (another role) asks exactly those.
type flow struct {
	name  string
	steps []step
	// summary returns the summary's text around lines (one line per field);
	// nil: the flow has no summary and finishes after its last step.
	summary func(t *turn, lines string) string
	// finish completes the flow; it ends it (endFlow), goes back to a step,
	// or records a Store error with t.fail.
	finish func(t *turn)
	// nextSummary is the key of what the last question says comes next;
	// "" for keyFlowNextSummary (checking every answer once more).
	nextSummary string
}

// step is one question of a flow.
type step struct {
	name      string                          // also the key of its answer in Session.Data
	label     string                          // key of what it asks for, e.g. "field.name"
	inSummary bool                            // listed in the summary, with an edit button
	prompt    func(t *turn) prompt            // the question; pure: it is rendered again to edit it
	handle    func(t *turn, in input) string  // checks and stores the answer; returns a problem key or ""
	skip      func(t *turn) bool              // nil: never skipped
	show      func(t *turn, value string) any // the answer in the summary (a string is escaped); nil: the value
	// button handles a press on the step's own buttons that a rendering of
	// the prompt cannot check (a calendar shows any month); it reports false
	// for a press it leaves to the engine. nil: the engine handles all.
	button func(t *turn, action, arg string) bool
}

// prompt is a question: its text (Telegram HTML) and its choices.
type prompt struct {
	text    string
	choices [][]choice
	rows    [][]button // more buttons under the choices, with actions of their own (a calendar)
}

// problemNoted is what a step's handle returns when it has added the text
// of the problem itself (a text filled with data) with t.notes.
const problemNoted = "-"

// choice is an answer button of a step.
type choice struct {
	label, value string
}

// input is the user's answer to a step: typed text or a pressed choice.
type input struct {
	text    string
	choice  string
	pressed bool
}

// textStep declares a step answered by typing. promptKey is the question,
// data (may be nil) fills it in, and check cleans the answer or returns the
// key of its problem.
func textStep(name, label, promptKey string, data func(t *turn) map[string]any, check func(string) (string, string)) step {
	return step{
		name: name, label: label, inSummary: true,
		prompt: func(t *turn) prompt {
			var d map[string]any
			if data != nil {
				d = data(t)
			}
			return prompt{text: t.tr(promptKey, d)}
		},
		handle: func(t *turn, in input) string {
			v, problem := check(in.text)
			if problem == "" {
				t.set(name, v)
			}
			return problem
		},
	}
}

// choiceStep declares a step answered with a button. choices must be pure;
// a pressed value is one of them (the engine checks). apply stores it (nil:
// under the step's name).
func choiceStep(name, label string, text func(t *turn) string, choices func(t *turn) [][]choice, apply func(t *turn, value string)) step {
	if apply == nil {
		apply = func(t *turn, v string) { t.set(name, v) }
	}
	return step{
		name: name, label: label, inSummary: true,
		prompt: func(t *turn) prompt { return prompt{text: text(t), choices: choices(t)} },
		handle: func(t *turn, in input) string {
			if !in.pressed {
				return keyFlowUseButtons
			}
			apply(t, in.choice)
			return ""
		},
		show: func(t *turn, v string) any {
			for _, row := range choices(t) {
				for _, c := range row {
					if c.value == v {
						return c.label
					}
				}
			}
			return v
		},
	}
}

// get returns the answer stored under key, "" when there is none.
func (t *turn) get(key string) string { return t.sess.Data[key] }

// set stores an answer under key.
func (t *turn) set(key, value string) {
	if t.sess.Data == nil {
		t.sess.Data = map[string]string{}
	}
	t.sess.Data[key] = value
}
