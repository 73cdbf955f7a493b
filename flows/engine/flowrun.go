package engine

import "slices"

// flow returns the running flow, nil when none runs.
func (t *Turn) flow() *Flow { return t.e.reg.flows[t.sess.Flow] }

// step returns the current step, nil at the summary.
func (t *Turn) step() *Step {
	if f := t.flow(); f != nil {
		for i := range f.Steps {
			if f.Steps[i].Name == t.sess.Step {
				return &f.Steps[i]
			}
		}
	}
	return nil
}

// flowValid reports whether the session's flow and step exist (a session
// written by an older version may name ones that are gone).
func (t *Turn) flowValid() bool {
	return t.flow() != nil && (t.atSummary() && t.flow().Summary != nil || t.step() != nil)
}

// InFlow returns the name of the running flow, "" when none runs (also
// while one is parked behind the menu).
func (t *Turn) InFlow() string {
	if !t.flowRuns() {
		return ""
	}
	return t.sess.Flow
}

// StartFlow starts the registered flow name with the answers in data (may
// be nil) and asks its first question, in the pressed message when
// inPlace. An unknown name is a programming error: the turn fails.
func (t *Turn) StartFlow(name string, data map[string]string, inPlace bool) {
	if t.e.reg.flows[name] == nil {
		t.Fail(errUnknownFlow(name))
		return
	}
	if t.parked() {
		if t.sess.Flow == name { // the draft of this very flow: go on with it
			t.resumeFlow(inPlace)
			return
		}
		t.Note(keyFlowDraftDropped, map[string]any{"Flow": t.flowTitle()})
		t.unpark()
	}
	t.sess.Flow, t.sess.Step, t.sess.Data = name, "", data
	t.noteGiven()
	t.Advance(inPlace)
}

// EndFlow ends the running flow and drops its answers; every button shown
// so far becomes stale.
func (t *Turn) EndFlow() {
	t.unpark()
	t.sess.Flow, t.sess.Step, t.sess.Data = "", "", nil
	t.sess.Nonce, t.sess.Prompt = 0, 0
}

// cancelFlow ends the running (or parked) flow at the user's wish and says
// so, with the menu for a registered user; a flow with its own Cancel
// does that itself.
func (t *Turn) cancelFlow() {
	if f := t.flow(); f != nil && f.Cancel != nil {
		f.Cancel(t)
		return
	}
	t.EndFlow()
	t.Note(keyFlowCancelled, nil)
	if t.Registered() {
		t.ShowMenu(false)
	} else {
		t.Note(keyHintGoStart, nil)
	}
}

// Busy reports whether a flow runs; then it says so and asks the current
// question again, for a command that cannot run inside a flow.
func (t *Turn) Busy() bool {
	if !t.flowRuns() {
		return false
	}
	t.Note(keyFlowBusy, nil)
	t.Reprompt()
	return true
}

// active reports whether st is asked (not skipped).
func (t *Turn) active(st *Step) bool { return st.Skip == nil || !st.Skip(t) }

// nextStep returns the first active step without an answer, other than
// except; nil when there is none.
func (t *Turn) nextStep(except string) *Step {
	f := t.flow()
	for i := range f.Steps {
		st := &f.Steps[i]
		if st.Name != except && t.active(st) && t.Get(st.Name) == "" {
			return st
		}
	}
	return nil
}

// Advance asks the next unanswered question of the running flow, or shows
// the summary, or finishes the flow; in the pressed message when inPlace.
func (t *Turn) Advance(inPlace bool) {
	f := t.flow()
	switch st := t.nextStep(""); {
	case st != nil:
		t.sess.Step = st.Name
	case f.Summary != nil:
		t.sess.Step = summaryStep
	default:
		f.Finish(t)
		return
	}
	t.Present(t.current(), inPlace)
}

// Reprompt asks the current question again, when a flow runs (without
// the flow's introduction, see intro).
func (t *Turn) Reprompt() {
	if t.flowRuns() {
		t.again = true
		t.Show(t.current())
	}
}

// Redraw draws the current question of the running flow anew in the
// pressed message, for a step's own button that changed what it shows.
func (t *Turn) Redraw() {
	if t.flowRuns() {
		t.Replace(t.current())
	}
}

// AnswerText answers the current step of the running flow with typed text,
// as if the user had typed it at the question.
func (t *Turn) AnswerText(text string) {
	if t.flowRuns() {
		t.answer(Input{Text: text})
	}
}

// answer handles typed text or a pressed choice for the current step. A
// refused answer is said in a message of its own: the question stays above
// as the current prompt, its buttons valid. The question comes again only
// when the answer changed it (a date that waits for the question about next
// year, a picked day that asks for the time, values added to a
// multi-select) or when it was pressed (the pressed question shows the
// choice in place of its buttons).
func (t *Turn) answer(in Input) {
	st := t.step()
	if st == nil { // the summary takes buttons only
		t.Note(keyFlowUseButtons, nil)
		return
	}
	asked := t.current()
	if problem := st.Handle(t, in); problem != "" {
		if problem != ProblemNoted {
			t.Note(problem, nil)
		}
		if in.Pressed || !sameScreen(asked, t.current()) {
			t.Reprompt()
		}
		return
	}
	if t.sess.Flow != "" && !t.Failed() { // Handle may have ended the flow
		t.Advance(false)
	}
}

// sameScreen reports whether a and b show the same text and buttons.
func sameScreen(a, b Screen) bool {
	return a.Text == b.Text && slices.EqualFunc(a.Rows, b.Rows, slices.Equal[[]Button])
}

// flowButton handles a press on the current prompt of the running flow. The
// prompt is rendered again to check that it shows this button. A move
// between the summary's views happens in place; anything else shows the
// choice instead of the buttons.
func (t *Turn) flowButton(action, arg string) {
	if action == actNoop {
		t.Quiet() // a label: nothing happens
		return
	}
	if st := t.step(); st != nil && st.Button != nil && st.Button(t, action, arg) {
		return
	}
	cur := t.current()
	label, ok := cur.find(action, arg)
	if !ok {
		t.StaleButton()
		return
	}
	if t.summaryMove(action, arg) {
		return
	}
	t.Replace(Screen{Text: cur.Text + "\n\n" + t.T(keyFlowChosen, map[string]any{"Choice": label})})
	switch action {
	case actChoose:
		t.answer(Input{Choice: arg, Pressed: true})
	case actBack:
		t.back()
	case actConfirm:
		t.flow().Finish(t)
	case actDiscard:
		t.cancelFlow()
	}
}

// back goes to the previous active step; from a field edited out of the
// summary (every answer given), back to the summary. What the step left
// had in progress is dropped (Step.Leave).
func (t *Turn) back() {
	if st := t.step(); st != nil && st.Leave != nil {
		st.Leave(t)
	}
	if t.flow().Summary != nil && t.nextStep("") == nil {
		t.sess.Step = summaryStep
	} else if prev := t.previous(); prev != nil {
		t.sess.Step = prev.Name
	}
	t.Show(t.current())
}

// previous returns the active step before the current one, nil when none.
func (t *Turn) previous() *Step {
	f := t.flow()
	var prev *Step
	for i := range f.Steps {
		st := &f.Steps[i]
		if st.Name == t.sess.Step {
			return prev
		}
		if t.active(st) {
			prev = st
		}
	}
	return nil
}

// canGoBack reports whether the current step has a back button.
func (t *Turn) canGoBack() bool {
	return t.previous() != nil || t.flow().Summary != nil && t.nextStep("") == nil
}

// value returns how an answer shows in texts: a string (escaped by T) or HTML.
func (t *Turn) value(st *Step, v string) any {
	if st.Show != nil {
		return st.Show(t, v)
	}
	return v
}
