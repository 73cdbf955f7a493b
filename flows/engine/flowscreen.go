package engine

import "fmt"

// errUnknownFlow is the error of StartFlow with a name nobody registered.
func errUnknownFlow(name string) error { return fmt.Errorf("engine: no flow %q", name) }

// current renders the current question or summary of the running flow. It
// reads only the session, so it renders the same again on the next update
// (to show the choice in place of the buttons).
func (t *Turn) current() Screen {
	if st := t.step(); st != nil {
		return t.stepScreen(st, st.Prompt(t))
	}
	return t.summaryView()
}

// stepScreenOf is the current step's question with the prompt p (the step's
// prompt in another view, such as another month of a calendar): for a
// step's Button handler that redraws the question in place.
func (t *Turn) stepScreenOf(p Prompt) Screen {
	if st := t.step(); st != nil {
		return t.stepScreen(st, p)
	}
	return t.current()
}

// currentText is the text of the current question or summary, for a step's
// Button handler that shows the choice made in place of the buttons.
func (t *Turn) currentText() string { return t.current().Text }

// stepScreen is st's question p (below the flow's introduction for the
// first question), its current answer when it has one, where the user
// stands and what comes next, and its buttons.
func (t *Turn) stepScreen(st *Step, p Prompt) Screen {
	var current, next string
	if v := t.Get(st.Name); v != "" {
		if shown := t.value(st, v); shown != nil {
			current = t.T(keyFlowCurrent, map[string]any{"Value": shown})
		}
	}
	if n := t.nextStep(st.Name); n != nil {
		next = t.T(keyFlowNext, map[string]any{"Step": t.Plain(n.Label, nil)})
	} else if f := t.flow(); f.Summary != nil {
		key := f.NextSummary
		if key == "" {
			key = keyFlowNextSummary
		}
		next = t.T(key, nil)
	}
	s := Screen{Text: p.Text}
	if intro := t.intro(st); intro != "" {
		s.Text = intro + "\n\n" + s.Text
	}
	if tail := JoinLines(current, t.progressLine(st, next)); tail != "" {
		s.Text += "\n\n" + tail
	}
	for _, row := range p.Choices {
		var r []Button
		for _, c := range row {
			r = append(r, Button{Label: c.Label, action: actChoose, arg: c.Value})
		}
		s.Rows = append(s.Rows, r)
	}
	s.Rows = append(s.Rows, p.Rows...)
	if t.canGoBack() {
		s.Rows = append(s.Rows, []Button{{Label: t.Plain(keyBtnBack, nil), action: actBack}})
	}
	return s
}
