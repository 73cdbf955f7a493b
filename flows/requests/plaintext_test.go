package requests_test

import (
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Button labels are plain text, as Telegram shows them: the function
// "Integration & Teilhabe" from the profile, edited from the summary, is
// offered as "Beibehalten: Integration & Teilhabe", not "&amp;", while the
// texts (HTML) escape it.
func TestButtonLabelsArePlainText(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5801, LangHint: "de"}
	a := flowstest.Municipal
	a.Lang, a.Fn = "de", "Integration & Teilhabe"
	h.Register(p, a)

	requestUntilSummary(h, p, "de", nil)
	h.Expect(p, "<b>Funktion:</b> Integration &amp; Teilhabe")
	editField(h, p, "de", "field.function")
	h.Expect(p, h.Tr("de", "request.function_prompt", nil), "Bisher: Integration &amp; Teilhabe")
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
	h.Expect(p, "<b>Funktion:</b> Integration &amp; Teilhabe")
}
