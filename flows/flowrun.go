package flows

import "strings"

// summaryStep is Session.Step while a flow shows its summary.
const summaryStep = "summary"

// flow returns the running flow, nil when none runs.
func (t *turn) flow() *flow { return t.e.flows[t.sess.Flow] }

// step returns the current step, nil at the summary.
func (t *turn) step() *step {
	if f := t.flow(); f != nil {
		for i := range f.steps {
			if f.steps[i].name == t.sess.Step {
				return &f.steps[i]
			}
		}
	}
	return nil
}

// flowValid reports whether the session's flow and step exist (a session
// written by an older version may name ones that are gone).
func (t *turn) flowValid() bool {
	return t.flow() != nil && (t.sess.Step == summaryStep && t.flow().summary != nil || t.step() != nil)
}

// startFlow starts f with the answers in data (may be nil) and asks its
// first question, in the pressed message when inPlace.
func (t *turn) startFlow(f *flow, data map[string]string, inPlace bool) {
	t.sess.Flow, t.sess.Step, t.sess.Data = f.name, "", data
	t.advance(inPlace)
}

// endFlow ends the running flow and drops its answers; every button shown so
// far becomes stale.
func (t *turn) endFlow() {
	t.sess.Flow, t.sess.Step, t.sess.Data = "", "", nil
	t.sess.Nonce, t.sess.Prompt = 0, 0
}

// cancelFlow ends the running flow at the user's wish and says so.
func (t *turn) cancelFlow() {
	t.endFlow()
	t.note(keyFlowCancelled)
	if t.registered() {
		t.note(keyHintGoMenu)
	} else {
		t.note(keyHintGoStart)
	}
}

// active reports whether st is asked (not skipped).
func (t *turn) active(st *step) bool { return st.skip == nil || !st.skip(t) }

// nextStep returns the first active step without an answer, other than
// except; nil when there is none.
func (t *turn) nextStep(except string) *step {
	f := t.flow()
	for i := range f.steps {
		st := &f.steps[i]
		if st.name != except && t.active(st) && t.get(st.name) == "" {
			return st
		}
	}
	return nil
}

// advance asks the next unanswered question, or shows the summary, or
// finishes the flow.
func (t *turn) advance(inPlace bool) {
	f := t.flow()
	switch st := t.nextStep(""); {
	case st != nil:
		t.sess.Step = st.name
	case f.summary != nil:
		t.sess.Step = summaryStep
	default:
		f.finish(t)
		return
	}
	t.present(t.current(), inPlace)
}

// reprompt asks the current question again, when a flow runs.
func (t *turn) reprompt() {
	if t.sess.Flow != "" {
		t.show(t.current())
	}
}

// answer handles typed text or a pressed choice for the current step.
func (t *turn) answer(in input) {
	st := t.step()
	if st == nil { // the summary takes buttons only
		t.note(keyFlowUseButtons)
		t.reprompt()
		return
	}
	if problem := st.handle(t, in); problem != "" {
		if problem != problemNoted {
			t.note(problem)
		}
		t.reprompt()
		return
	}
	if t.sess.Flow != "" { // handle may have ended the flow
		t.advance(false)
	}
}

// flowButton handles a press on the current prompt of the running flow. The
// prompt is rendered again to check that it shows this button, and then
// shows the choice instead of its buttons.
func (t *turn) flowButton(action, arg string) {
	if st := t.step(); st != nil && st.button != nil && st.button(t, action, arg) {
		return
	}
	cur := t.current()
	label, ok := cur.find(action, arg)
	if !ok {
		t.staleButton()
		return
	}
	t.replace(screen{text: cur.text + "\n\n" + t.tr(keyFlowChosen, map[string]any{"Choice": label})})
	switch action {
	case actChoose:
		t.answer(input{choice: arg, pressed: true})
	case actBack:
		t.back()
	case actEdit:
		t.sess.Step = arg
		t.show(t.current())
	case actConfirm:
		t.flow().finish(t)
	case actCancel:
		t.cancelFlow()
	}
}

// back goes to the previous active step; from a field edited out of the
// summary (every answer given), back to the summary.
func (t *turn) back() {
	if t.flow().summary != nil && t.nextStep("") == nil {
		t.sess.Step = summaryStep
	} else if prev := t.previous(); prev != nil {
		t.sess.Step = prev.name
	}
	t.show(t.current())
}

// previous returns the active step before the current one, nil when none.
func (t *turn) previous() *step {
	f := t.flow()
	var prev *step
	for i := range f.steps {
		st := &f.steps[i]
		if st.name == t.sess.Step {
			return prev
		}
		if t.active(st) {
			prev = st
		}
	}
	return nil
}

// canGoBack reports whether the current step has a back button.
func (t *turn) canGoBack() bool {
	return t.previous() != nil || t.flow().summary != nil && t.nextStep("") == nil
}

// value returns how an answer shows in texts: a string (escaped by T) or HTML.
func (t *turn) value(st *step, v string) any {
	if st.show != nil {
		return st.show(t, v)
	}
	return v
}

// joinLines joins non-empty texts with line breaks.
func joinLines(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p)
	}
	return b.String()
}
