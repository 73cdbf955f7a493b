package flowstest

import (
	"reflect"
	"strings"
)

// SendRefused sends text at p's current question and fails unless it is
// refused the way a phone needs it: one new message, without buttons, that
// holds every text of problems (and no more than they say, with the line
// breaks between them), while the question above stays as it was, the
// current prompt with its buttons.
func (h *H) SendRefused(p Person, text string, problems ...string) {
	h.T.Helper()
	before, calls := h.Session(p), h.Msgr.CallCount()
	var prompt Sent
	if before.Prompt != 0 {
		prompt = h.Message(p, before.Prompt)
	}
	h.Send(p, text)
	if n := h.Msgr.CallCount() - calls; n != 1 {
		h.T.Fatalf("%q was answered with %d messages or edits, want 1 (the problem alone); newest:\n%s", text, n, h.Last(p).Text)
	}
	m := h.Last(p)
	if len(m.Buttons) != 0 {
		h.T.Errorf("the problem with %q came with buttons %q", text, m.Buttons)
	}
	if want := strings.Join(problems, "\n\n"); m.Text != want {
		h.T.Fatalf("%q was answered with\n%s\nwant only\n%s", text, m.Text, want)
	}
	after := h.Session(p)
	if after.Prompt != before.Prompt || after.Nonce != before.Nonce || after.Step != before.Step {
		h.T.Errorf("%q moved the conversation: prompt %d, nonce %d, step %q; before %d, %d, %q", text,
			after.Prompt, after.Nonce, after.Step, before.Prompt, before.Nonce, before.Step)
	}
	if before.Prompt != 0 {
		if now := h.Message(p, before.Prompt); !reflect.DeepEqual(now, prompt) {
			h.T.Errorf("%q changed the question above:\n%+v\nwas\n%+v", text, now, prompt)
		}
	}
}
