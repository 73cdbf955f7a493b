package offers_test

import (
	"testing"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The contact channel the municipality agrees to share: asked when the
// request goes out, typed, and shown to the advisor who takes it on, and
// only to them; one given after the acceptance reaches the seat holder.
func TestContactSharedWithTheWinnerOnly(t *testing.T) {
	advisors := pool("de")[:2]
	h, r := setup(t, advisors, true)
	a, b := advisors[0], advisors[1]
	approve(h, coordDE, "de", r)
	h.Press(coordDE, "☐ 1. "+a.name)
	h.Press(coordDE, "☐ 2. "+b.name)
	h.Press(coordDE, h.Plain("de", "btn.offer_picked", map[string]any{"N": 2}))
	h.Press(coordDE, h.Plain("de", "offer.mode_parallel", nil))
	h.Press(coordDE, h.Plain("de", "btn.confirm", nil))
	h.Deliver()

	// Someone else cannot give the contact of this request.
	if toast := h.PressData(a.p, h.Last(a.p).ID, flowstest.Durable(t, "of", "rc", r.ID)); toast != h.Plain("de", "error.forbidden", nil) {
		t.Errorf("an advisor giving the contact: toast %q", toast)
	}

	h.Expect(muni, h.Tr("de", "offer.to_requester_matching", map[string]any{"Ref": r.Ref, "Asked": true}))
	h.Press(muni, h.Plain("de", "btn.offer_contact", nil))
	h.Expect(muni, h.Tr("de", "offer.contact_prompt", nil))
	h.SendRefused(muni, "ab", h.Tr("de", "invalid.length", map[string]any{"Min": 5, "Max": domain.MaxReachLen, "Count": 2}))
	h.Send(muni, "Telefon 02324 204-0")
	h.Expect(muni, h.Tr("de", "offer.contact_saved", map[string]any{"Ref": r.Ref, "Reach": "Telefon 02324 204-0"}))
	if got := h.Deliver(); len(got) != 0 {
		t.Fatalf("told before anyone holds a seat: %v", got)
	}
	wantNotIn(t, h.Last(b.p), "02324")

	h.Press(a.p, h.Plain("de", "btn.offer_accept", nil))
	wantIn(t, h.Last(a.p), "Erreichbar: Telefon 02324 204-0")
	h.Deliver()

	// A new contact reaches the seat holder at once, not the other advisor.
	h.PressData(muni, h.Last(muni).ID, flowstest.Durable(t, "of", "rc", r.ID))
	h.Send(muni, "E-Mail integration@hattingen.de")
	if got := h.Deliver(); len(got) != 1 || got[a.p.ID] != 1 {
		t.Fatalf("told %v", got)
	}
	h.Expect(a.p, h.Tr("de", "offer.contact_to_advisor", map[string]any{"Ref": r.Ref, "Municipality": "Hattingen",
		"Reach": "E-Mail integration@hattingen.de"}))
}
