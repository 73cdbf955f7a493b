package requests_test

import (
	"testing"
)

// /menu in the middle of the request keeps the draft behind the menu: the
// menu's first button goes back to the question where the user left, with
// the answers kept; "Beratung beantragen" goes back to it too; another
// flow drops it and says so; /cancel ends with the menu.
func TestMenuParksTheRequest(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			label := func(key string) string { return h.Plain(lang, key, nil) }
			p := person{ID: 6001, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			h.Send(p, "/menu")
			h.Press(p, label("btn.request"))
			h.Send(p, "Integration & Soziales")
			h.Expect(p, tr("request.topic_prompt", nil))
			title := map[string]any{"Flow": label("btn.request")}

			h.Send(p, "/menu")
			h.Expect(p, tr("flow.parked", title), tr("menu.title", map[string]any{"Roles": label("role.municipal_contact")}))
			resume := h.Plain(lang, "btn.resume", title)
			if b := h.Buttons(p); len(b) == 0 || b[0] != resume {
				t.Fatalf("the menu's first button is %q, want %q", b, resume)
			}
			// Parked, the flow takes no typed text.
			h.Send(p, "Agenda 2030")
			h.Expect(p, tr("hint.no_question", nil))
			if s := h.Session(p); s.Data["dept"] != "Integration & Soziales" {
				t.Fatalf("the draft was lost: %v", s.Data)
			}

			h.Send(p, "/menu")
			h.Press(p, resume)
			h.Expect(p, tr("request.topic_prompt", nil))
			h.Send(p, "/menu")
			h.Press(p, label("btn.request")) // the same flow: back to the draft
			h.Expect(p, tr("request.topic_prompt", nil))
			if s := h.Session(p); s.Data["dept"] != "Integration & Soziales" {
				t.Fatalf("starting the request again lost the draft: %v", s.Data)
			}

			// Another flow drops the parked draft, and says so.
			h.Send(p, "/menu")
			h.Send(p, "/language")
			h.Expect(p, tr("flow.draft_dropped", title), tr("language.prompt", nil))
			h.Send(p, "/cancel")
			h.Expect(p, tr("flow.cancelled", nil), tr("menu.title", map[string]any{"Roles": label("role.municipal_contact")}))
			if b := h.Buttons(p); len(b) == 0 || b[0] == resume {
				t.Errorf("after /cancel the menu offers %q", b)
			}
			h.Send(p, "/cancel")
			h.Expect(p, tr("flow.nothing_to_cancel", nil), tr("menu.title", map[string]any{"Roles": label("role.municipal_contact")}))
		})
	}
}
