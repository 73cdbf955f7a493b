package requests_test

import (
	"testing"
)

// /privacy lists the user's requests with what is stored about them, and
// the deletion question says what happens to the requests and names the
// open ones.
func TestPrivacyListsRequestsAndSaysWhatHappensToThem(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			p := person{ID: 6301, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			r := submitRequest(t, h, p, lang)
			h.Send(p, "/privacy")
			h.Expect(p, h.Tr(lang, "privacy.requests", map[string]any{"Count": 1, "Refs": r.Ref}))
			h.Press(p, h.Plain(lang, "btn.delete", nil))
			h.Expect(p, h.Tr(lang, "erase.requests", map[string]any{"Count": 1, "Refs": r.Ref}),
				h.Tr(lang, "erase.open", map[string]any{"Refs": r.Ref}))
			h.Press(p, h.Plain(lang, "erase.btn_no", nil))
			if _, err := h.User(p); err != nil {
				t.Fatalf("keeping the data lost the user: %v", err)
			}
		})
	}
}
