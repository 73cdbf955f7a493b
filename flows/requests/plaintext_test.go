package requests_test

import (
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Button labels are plain text, as Telegram shows them: the function
// "Integration & Teilhabe" from the profile is offered as "Beibehalten:
// Integration & Teilhabe", not "&amp;", while the prompt (HTML) escapes it.
func TestButtonLabelsArePlainText(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5801, LangHint: "de"}
	a := flowstest.Municipal
	a.Lang, a.Fn = "de", "Integration & Teilhabe"
	h.Register(p, a)

	h.Press(p, h.Plain("de", "btn.request", nil))
	h.Press(p, "Hattingen")
	h.Send(p, "Integration & Soziales")
	h.Expect(p, h.Tr("de", "request.function_prompt", nil))
	keep := h.Plain("de", "btn.keep", map[string]any{"Value": "Integration & Teilhabe"})
	if keep != "Beibehalten: Integration & Teilhabe" {
		t.Fatalf("the keep label reads %q", keep)
	}
	h.Find(p, keep) // fails the test when no button reads so
	for _, row := range h.Last(p).Buttons {
		for _, b := range row {
			if strings.Contains(b.Label, "&amp;") {
				t.Errorf("button label %q shows HTML", b.Label)
			}
		}
	}
	h.Press(p, keep)
	h.Expect(p, h.Tr("de", "request.topic_prompt", nil))
}
