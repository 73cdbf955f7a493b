package requests_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

func TestMyRequestsListAndDetail(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			label := func(key string) string { return h.Plain(lang, key, nil) }
			p := person{ID: 5101, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			r := submitRequest(t, h, p, lang)

			// A question of the office shows in the history, by the office.
			if _, err := h.DB.Transition(context.Background(), r.ID, h.UserID(coordDE), []domain.Status{domain.StatusSubmitted},
				domain.StatusQuestion, domain.EventQuestion, "Wie viele <Personen>?", nil); err != nil {
				t.Fatal(err)
			}

			h.Press(p, label("btn.my_requests"))
			status := tr("status.question", nil)
			list := h.Expect(p, tr("myrequests.title", nil), "MG-2026-0001", status,
				tr("topic.other_topic", nil)+": Mehrsprachige Bürgerberatung",
				flowstest.Start.In(berlin(t)).Format(tr("format.date", nil)))
			if list.Edits == 0 {
				t.Error("the list did not replace the menu in place")
			}
			if strings.Contains(list.Text, tr("myrequests.more", nil)[:10]) {
				t.Errorf("list of one says there are more:\n%s", list.Text)
			}
			item := "MG-2026-0001 – " + h.Plain(lang, "status.question", nil)
			h.ExpectButtons(p, item, label("btn.menu"))

			h.Press(p, item)
			h.Expect(p, tr("myrequests.detail_title", map[string]any{"Ref": "MG-2026-0001"}),
				"Hattingen", "Integration &amp; Soziales", "&lt;5 Personen &amp; möchten", tr("mode.on_site", nil),
				tr("history.submitted", map[string]any{"Date": h.Texts.DateTime(lang, flowstest.Start, berlin(t)),
					"Who": h.Plain(lang, "history.by_you", nil)}),
				tr("history.by_office", nil)+": ", "Wie viele &lt;Personen&gt;?", status)
			h.ExpectButtons(p, label("btn.withdraw"), label("btn.my_requests"), label("btn.menu"))
			h.Press(p, label("btn.menu"))
			h.Expect(p, tr("menu.title", map[string]any{"Roles": h.Plain(lang, "role.municipal_contact", nil)}))

			// The command shows the list as a new message.
			before := len(h.Msgr.Messages(p.ID))
			h.Send(p, "/anfragen")
			if len(h.Msgr.Messages(p.ID)) != before+1 {
				t.Error("/anfragen sent no new message")
			}
			h.Expect(p, tr("myrequests.title", nil), "MG-2026-0001")
		})
	}
}

func TestMyRequestsEmptyAndLong(t *testing.T) {
	h := newHarness(t)
	p := person{ID: 5102, LangHint: "de"}
	h.RegisterMunicipal(p, "de")
	h.Send(p, "/anfragen")
	h.Expect(p, h.Tr("de", "myrequests.empty", nil))
	h.ExpectButtons(p, h.Plain("de", "btn.request", nil), h.Plain("de", "btn.menu", nil))

	r := submitRequest(t, h, p, "de")
	for i := range 11 {
		if _, _, err := h.DB.SubmitRequest(context.Background(), r.RequestDraft, fmt.Sprintf("more-%d", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	h.Send(p, "/anfragen")
	h.Expect(p, h.Tr("de", "myrequests.more", map[string]any{"Shown": 10, "Count": 12}), "MG-2026-0012", "MG-2026-0003")
	if strings.Contains(h.Last(p).Text, "MG-2026-0002") {
		t.Error("the list shows more than the newest 10")
	}
	if n := len(h.Buttons(p)); n != 11 {
		t.Errorf("%d buttons, want 10 requests and the menu: %q", n, h.Buttons(p))
	}

	// Others are told who has requests.
	a := person{ID: 5103}
	registerAdvisor(h, a)
	h.Send(a, "/anfragen")
	h.Expect(a, h.Tr("de", "myrequests.refused", nil))
}
