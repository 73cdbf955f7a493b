package flows

// current renders the current question or summary of the running flow. It
// reads only the session, so it renders the same again on the next update
// (to show the choice in place of the buttons).
func (t *turn) current() screen {
	if st := t.step(); st != nil {
		return t.stepScreen(st)
	}
	return t.summaryScreen()
}

// stepScreen is st's question, its current answer when it has one, what
// comes next, and its buttons.
func (t *turn) stepScreen(st *step) screen { return t.stepScreenOf(st, st.prompt(t)) }

// stepScreenOf is stepScreen with the prompt p (st's prompt in another view,
// such as another month of a calendar).
func (t *turn) stepScreenOf(st *step, p prompt) screen {
	var current, next string
	if v := t.get(st.name); v != "" {
		current = t.tr(keyFlowCurrent, map[string]any{"Value": t.value(st, v)})
	}
	if n := t.nextStep(st.name); n != nil {
		next = t.tr(keyFlowNext, map[string]any{"Step": t.tr(n.label, nil)})
	} else if f := t.flow(); f.summary != nil {
		key := f.nextSummary
		if key == "" {
			key = keyFlowNextSummary
		}
		next = t.tr(key, nil)
	}
	s := screen{text: p.text}
	if tail := joinLines(current, next); tail != "" {
		s.text += "\n\n" + tail
	}
	for _, row := range p.choices {
		var r []button
		for _, c := range row {
			r = append(r, button{label: c.label, action: actChoose, arg: c.value})
		}
		s.rows = append(s.rows, r)
	}
	s.rows = append(s.rows, p.rows...)
	if t.canGoBack() {
		s.rows = append(s.rows, []button{{label: t.tr(keyBtnBack, nil), action: actBack}})
	}
	return s
}

// summaryScreen lists every answer of the active summary steps with an edit
// button each (two in a row), then confirm and cancel.
func (t *turn) summaryScreen() screen {
	f := t.flow()
	var lines []string
	var s screen
	var row []button
	for i := range f.steps {
		st := &f.steps[i]
		if !st.inSummary || !t.active(st) {
			continue
		}
		label := t.tr(st.label, nil)
		lines = append(lines, t.tr(keyFlowLine, map[string]any{"Label": label, "Value": t.value(st, t.get(st.name))}))
		row = append(row, button{label: t.tr(keyBtnEdit, map[string]any{"Field": HTML(label)}), action: actEdit, arg: st.name})
		if len(row) == 2 {
			s.rows, row = append(s.rows, row), nil
		}
	}
	if row != nil {
		s.rows = append(s.rows, row)
	}
	s.rows = append(s.rows,
		[]button{{label: t.tr(keyBtnConfirm, nil), action: actConfirm}},
		[]button{{label: t.tr(keyBtnCancel, nil), action: actCancel}})
	s.text = f.summary(t, joinLines(lines...))
	return s
}
