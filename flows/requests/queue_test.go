package requests_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/engine"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The queue lists the requests waiting for the office, oldest first, with
// their age; a decided one leaves it; only coordinators see it.
func TestQueueOldestFirstWithAge(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			tr := func(key string, data map[string]any) string { return h.Tr(lang, key, data) }
			label := func(key string) string { return h.Plain(lang, key, nil) }
			coord, _, _ := coordinatorOf(lang)
			h.Send(coord, "/offen")
			h.Expect(coord, tr("queue.empty", nil))

			p := person{ID: 5901, LangHint: lang}
			h.RegisterMunicipal(p, lang)
			first := submitRequest(t, h, p, lang)
			h.Clock.Advance(3*24*time.Hour + time.Hour)
			requestUntilSummary(h, p, lang, nil)
			h.Press(p, label("btn.confirm"))
			h.Clock.Advance(90 * time.Minute)
			h.Deliver()

			h.Send(coord, "/offen")
			m := h.Expect(coord, tr("queue.title", map[string]any{"Count": 2}),
				tr("age.days", map[string]any{"N": 3}), tr("age.hours", map[string]any{"N": 1}), "Hattingen")
			if i, j := strings.Index(m.Text, "MG-2026-0001"), strings.Index(m.Text, "MG-2026-0002"); i < 0 || j < i {
				t.Fatalf("not oldest first:\n%s", m.Text)
			}
			h.ExpectButtons(coord, "MG-2026-0001 – Hattingen", "MG-2026-0002 – Hattingen", label("btn.menu"))

			// The detail opens in place, with the decisions.
			h.Press(coord, "MG-2026-0001 – Hattingen")
			h.Expect(coord, tr("myrequests.detail_title", map[string]any{"Ref": first.Ref}))
			h.ExpectButtons(coord, label("btn.approve"), label("btn.ask"), label("btn.decline"), label("btn.queue"))
			h.Press(coord, label("btn.approve"))
			// The approval leads on to the shortlist (the offers' business),
			// which the coordinator leaves for later.
			h.Press(coord, label("btn.approve_yes"))
			h.Expect(coord, tr("review.approved", map[string]any{"Ref": first.Ref}))
			h.Press(coord, label("btn.offer_later"))
			h.Send(coord, "/offen")
			m = h.Expect(coord, tr("queue.title", map[string]any{"Count": 1}), "MG-2026-0002")
			if strings.Contains(m.Text, "MG-2026-0001") {
				t.Errorf("an approved request is still queued:\n%s", m.Text)
			}

			// The menu offers the queue to coordinators only, with what waits.
			h.Send(coord, "/menu")
			h.Expect(coord, tr("queue.waiting", map[string]any{"N": 1}))
			h.ExpectButtons(coord, h.Plain(lang, "menu.counted", map[string]any{"Label": label("btn.queue"), "N": 1}))
			h.Send(p, "/menu")
			if slices.Contains(h.Buttons(p), label("btn.queue")) {
				t.Error("a municipal contact's menu offers the queue")
			}
			h.Send(p, "/offen")
			h.Expect(p, tr("queue.refused", nil))
		})
	}
}

// A coordinator who registers is told what already waits: the menu after
// the registration counts the open requests and the contacts waiting, and
// its entries lead there; without anything waiting it says nothing.
func TestNewCoordinatorIsToldWhatWaits(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := flowstest.New(t)
			for i, p := range []person{{ID: 6201, LangHint: "de"}, {ID: 6202, LangHint: "de"}} {
				h.RegisterMunicipal(p, "de")
				requestUntilSummary(h, p, "de", nil)
				h.Press(p, h.Plain("de", "btn.confirm", nil))
				h.Expect(p, "MG-2026-000"+string(rune('1'+i)))
			}
			coord := person{ID: flowstest.CoordinatorID, LangHint: lang}
			h.Register(coord, flowstest.Answers{Lang: lang, Name: "Jana Koordination"})
			h.Expect(coord, h.Tr(lang, "queue.waiting", map[string]any{"N": 2}),
				h.Tr(lang, "contacts.list_waiting", map[string]any{"N": 2}))
			queue := h.Plain(lang, "menu.counted", map[string]any{"Label": h.Plain(lang, "btn.queue", nil), "N": 2})
			h.Press(coord, queue)
			h.Expect(coord, h.Tr(lang, "queue.title", map[string]any{"Count": 2}))
		})
		t.Run(lang+"/nothing waits", func(t *testing.T) {
			empty := flowstest.New(t)
			other := person{ID: flowstest.Coordinator2ID, LangHint: lang}
			empty.Register(other, flowstest.Answers{Lang: lang, Name: "Jana Koordination"})
			header := strings.TrimSpace(empty.Plain(lang, "menu.waiting", nil))
			if m := empty.Last(other); strings.Contains(engine.PlainText(m.Text), header) {
				t.Errorf("nothing waits, yet the menu says so:\n%s", m.Text)
			}
		})
	}
}
