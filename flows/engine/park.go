package engine

import "slices"

// A flow parked behind the menu: /menu in the middle of a flow keeps the
// answers so far and shows the menu, whose first button goes back to the
// question where the user left. While parked, the flow does not take typed
// text or presses; starting the same flow again goes back to it, starting
// another one drops it (and says so), /cancel drops it, and it expires
// with the idle timeout like a running flow.

// flagParked marks a session whose flow waits behind the menu.
const flagParked = "~parked"

// screenResume goes back to the parked flow's question.
const screenResume = "resume"

// flowRuns reports whether a flow runs and takes the user's input (not
// parked).
func (t *Turn) flowRuns() bool { return t.sess.Flow != "" && !t.parked() }

// parked reports whether a flow waits behind the menu.
func (t *Turn) parked() bool { return t.sess.Flow != "" && t.Flag(flagParked) }

// parkFlow parks the running flow and says how to go back to it.
func (t *Turn) parkFlow() {
	t.SetFlag(flagParked)
	t.Note(keyFlowParked, map[string]any{"Flow": t.flowTitle()})
}

// unpark lets the flow (if any) take input again.
func (t *Turn) unpark() {
	t.sess.Flags = slices.DeleteFunc(t.sess.Flags, func(f string) bool { return f == flagParked })
}

// resumeFlow goes back to the parked flow's question, in the pressed
// message when inPlace; without a parked flow it shows what is current.
func (t *Turn) resumeFlow(inPlace bool) {
	switch {
	case t.parked():
		t.unpark()
		t.Present(t.current(), inPlace)
	case t.flowRuns():
		t.Reprompt()
	default:
		t.ShowMenu(inPlace)
	}
}

// flowTitle is the plain-text name of what the user is doing in the flow.
func (t *Turn) flowTitle() string {
	if f := t.flow(); f != nil && f.Title != "" {
		return t.Plain(f.Title, nil)
	}
	return t.Plain(keyFlowDraft, nil)
}
