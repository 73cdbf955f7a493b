package requests_test

import (
	"testing"
)

// A municipal contact walks through the request flow and confirms: the
// request is stored with the standard answers, the flow ends with the menu,
// and every coordinator is told in their language.
func TestRequestFlowToSubmittedRequest(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 5001, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			requestUntilSummary(h, p, lang, nil)
			h.Press(p, h.Plain(lang, "btn.confirm", nil))
			h.Expect(p, h.Tr(lang, "request.submitted", map[string]any{"Ref": "MG-2026-0001"}))
			h.ExpectButtons(p, h.Plain(lang, "btn.request", nil))
			if s := h.Session(p); s.Flow != "" || len(s.Data) != 0 {
				t.Errorf("session after submit: %+v", s)
			}
			checkStoredRequest(t, h, p)
			checkCoordinatorNotes(t, h)
		})
	}
}
