package offers_test

import "testing"

// The coordinator rules someone out: they leave the shortlist, "Warum
// fehlt jemand?" names the exclusion, and a tap there takes them back.
func TestExcludeAndTakeBack(t *testing.T) {
	advisors := pool("de")[:3]
	h, r := setup(t, advisors, false)
	label := func(key string, data map[string]any) string { return h.Plain("de", key, data) }
	approve(h, coordDE, "de", r)
	h.Press(coordDE, label("btn.offer_exclude", nil))
	h.Expect(coordDE, h.Tr("de", "offer.exclude_hint", nil))
	h.Press(coordDE, "✕ 2. Bora Yilmaz")
	h.Press(coordDE, label("btn.offer_exclude_done", nil))
	list := h.Expect(coordDE, "1. Aylin Demir", "2. Chidi Okafor")
	wantNotIn(t, list, "Bora Yilmaz")

	h.Press(coordDE, label("btn.offer_why", map[string]any{"N": 1}))
	h.Press(coordDE, "Bora Yilmaz")
	h.Expect(coordDE, h.Tr("de", "offer.included_again", map[string]any{"Name": "Bora Yilmaz", "N": 2}))
	h.Press(coordDE, label("btn.offer_back_to_list", nil))
	h.Expect(coordDE, "2. Bora Yilmaz", "3. Chidi Okafor")

	// A typed name says where the person stands.
	h.Send(coordDE, "chidi")
	h.Expect(coordDE, h.Tr("de", "offer.on_list", map[string]any{"Name": "Chidi Okafor", "N": 3}))
}
