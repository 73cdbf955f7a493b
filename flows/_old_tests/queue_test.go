package flows_test

import (
	"strings"
	"testing"
	"time"
)

// The queue lists the requests waiting for the office, oldest first, with
// their age; a decided one leaves it; only coordinators see it.
func TestQueueOldestFirstWithAge(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			h, _ := newRequestHarness(t)
			tr := func(key string, data map[string]any) string { return h.tr(lang, key, data) }
			coord := person{ID: coordinatorID}
			if lang == "en" {
				coord = person{ID: coordinator2ID}
			}
			h.send(coord, "/offen")
			h.expect(coord, tr("queue.empty", nil))

			p := person{ID: 5901, LangHint: lang}
			registerMunicipal(h, p, lang)
			first := submitRequest(t, h, p, lang)
			h.clock.Advance(3*24*time.Hour + time.Hour)
			requestUntilSummary(h, p, lang, nil)
			h.press(p, tr("btn.confirm", nil))
			h.clock.Advance(90 * time.Minute)
			deliver(t, h)

			h.send(coord, "/offen")
			m := h.expect(coord, tr("queue.title", map[string]any{"Count": 2}),
				tr("age.days", map[string]any{"N": 3}), tr("age.hours", map[string]any{"N": 1}), "Hattingen")
			if i, j := strings.Index(m.Text, "MG-2026-0001"), strings.Index(m.Text, "MG-2026-0002"); i < 0 || j < i {
				t.Fatalf("not oldest first:\n%s", m.Text)
			}
			h.expectButtons(coord, "MG-2026-0001 – Hattingen", "MG-2026-0002 – Hattingen", tr("btn.menu", nil))

			// The detail opens in place, with the decisions.
			h.press(coord, "MG-2026-0001 – Hattingen")
			h.expect(coord, tr("myrequests.detail_title", map[string]any{"Ref": first.Ref}))
			h.expectButtons(coord, tr("btn.approve", nil), tr("btn.ask", nil), tr("btn.decline", nil), tr("btn.queue", nil))
			h.press(coord, tr("btn.approve", nil))
			h.press(coord, tr("btn.queue", nil))
			m = h.expect(coord, tr("queue.title", map[string]any{"Count": 1}), "MG-2026-0002")
			if strings.Contains(m.Text, "MG-2026-0001") {
				t.Errorf("an approved request is still queued:\n%s", m.Text)
			}

			// The menu offers the queue to coordinators only.
			h.send(coord, "/menu")
			h.expectButtons(coord, tr("btn.queue", nil))
			h.send(p, "/menu")
			for _, b := range h.buttons(p) {
				if b == tr("btn.queue", nil) {
					t.Error("a municipal contact's menu offers the queue")
				}
			}
			h.send(p, "/offen")
			h.expect(p, tr("queue.refused", nil))
		})
	}
}
