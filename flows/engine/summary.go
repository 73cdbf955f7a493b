package engine

// The summary of a flow: every answer on one phone screen, grouped under
// short headings when the steps name a Group, with three buttons, each in
// a row of its own: confirm, "✏️ Ändern" and cancel. "Ändern" shows the
// list of the fields in the same message (a flow with one field goes
// straight to its question), a field asks its question there, and the
// answer comes back to the summary. Cancel asks first whether to discard
// the answers. The views are steps of their own in the session, so that a
// press is checked against the view it was made on.

// Session.Step while a flow shows its summary, the list of its fields, or
// the question whether to discard the answers. A step's name never holds
// ":" (it travels in callback data).
const (
	summaryStep = "summary"
	editStep    = "summary:edit"
	discardStep = "summary:discard"
)

// Actions of the summary's buttons besides actConfirm, actCancel (which
// asks whether to discard) and actEdit (a field of the list).
const (
	actEditList = "el" // show the list of the fields
	actDiscard  = "xx" // discard the answers and end the flow
)

// atSummary reports whether the session is at one of the summary's views.
func (t *Turn) atSummary() bool {
	switch t.sess.Step {
	case summaryStep, editStep, discardStep:
		return true
	}
	return false
}

// summaryView renders the summary's current view.
func (t *Turn) summaryView() Screen {
	switch t.sess.Step {
	case editStep:
		return t.editScreen()
	case discardStep:
		return Screen{Text: t.T(keyFlowDiscardPrompt, nil), Rows: [][]Button{{
			{Label: t.Plain(keyBtnDiscardYes, nil), action: actDiscard},
			{Label: t.Plain(keyBtnDiscardNo, nil), action: actBack}}}}
	}
	return t.summaryScreen()
}

// fields returns the steps the summary lists: the active ones InSummary.
func (t *Turn) fields() []*Step {
	var out []*Step
	for i := range t.flow().Steps {
		if st := &t.flow().Steps[i]; st.InSummary && t.active(st) {
			out = append(out, st)
		}
	}
	return out
}

// summaryScreen is the flow's summary text around a line per field (but
// those whose Show gives nil), a group's heading above its first line, and
// confirm, edit and cancel.
func (t *Turn) summaryScreen() Screen {
	var lines []string
	group := ""
	for _, st := range t.fields() {
		v := t.value(st, t.Get(st.Name))
		if v == nil {
			continue
		}
		if st.Group != "" && st.Group != group {
			lines = append(lines, t.T(keyFlowGroup, map[string]any{"Group": t.Plain(st.Group, nil)}))
		}
		group = st.Group
		lines = append(lines, t.T(keyFlowLine, map[string]any{"Label": t.Plain(st.Label, nil), "Value": v}))
	}
	return Screen{Text: t.flow().Summary(t, JoinLines(lines...)), Rows: [][]Button{
		{{Label: t.Plain(keyBtnConfirm, nil), action: actConfirm}},
		{{Label: t.Plain(keyBtnEdit, nil), action: actEditList}},
		{{Label: t.Plain(keyBtnCancel, nil), action: actCancel}},
	}}
}

// editScreen asks which field to change: a button per field, two in a row,
// and the way back to the summary.
func (t *Turn) editScreen() Screen {
	s := Screen{Text: t.T(keyFlowEditPrompt, nil)}
	var row []Button
	for _, st := range t.fields() {
		row = append(row, Button{Label: t.Plain(st.Label, nil), action: actEdit, arg: st.Name})
		if len(row) == 2 {
			s.Rows, row = append(s.Rows, row), nil
		}
	}
	if row != nil {
		s.Rows = append(s.Rows, row)
	}
	s.Rows = append(s.Rows, []Button{{Label: t.Plain(keyBtnBack, nil), action: actBack}})
	return s
}

// summaryMove handles a press that moves between the summary's views, in
// the pressed message: to the list of the fields (or the only field's
// question), to a field's question, to the question whether to discard,
// and back to the summary. It reports false for other presses.
func (t *Turn) summaryMove(action, arg string) bool {
	switch {
	case action == actEditList:
		t.sess.Step = editStep
		if f := t.fields(); len(f) == 1 {
			t.sess.Step = f[0].Name
		}
	case action == actEdit:
		t.sess.Step = arg
	case action == actCancel:
		t.sess.Step = discardStep
	case action == actBack && t.step() == nil:
		t.sess.Step = summaryStep
	default:
		return false
	}
	t.Replace(t.current())
	return true
}
