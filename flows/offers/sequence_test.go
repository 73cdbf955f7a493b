package offers_test

import (
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// offerInTurn approves r and offers it one after another to the first n
// advisors of the shortlist, with the default window.
func offerInTurn(t *testing.T, h *flowstest.H, r domain.Request, names ...string) {
	t.Helper()
	approve(h, coordDE, "de", r)
	for i, n := range names {
		h.Press(coordDE, "☐ "+string(rune('1'+i))+". "+n)
	}
	h.Press(coordDE, h.Plain("de", "btn.offer_picked", map[string]any{"N": len(names)}))
	if len(names) > 1 {
		h.Press(coordDE, h.Plain("de", "offer.mode_sequence", nil))
	}
	h.Press(coordDE, h.Plain("de", "btn.confirm", nil))
	h.NoError()
}

// One after another: the first advisor is reminded once halfway (the job
// run twice), the offer expires at its deadline and goes to the second,
// whose decline leaves nobody: the coordinators are told, with the way
// to widen the search, where both are named as offered before.
func TestOneAfterAnother(t *testing.T) {
	advisors := pool("de")[:2]
	h, r := setup(t, advisors, false)
	a, b := advisors[0], advisors[1]
	offerInTurn(t, h, r, a.name, b.name)
	deadline := h.Texts.DateTime("de", h.Clock.Now().Add(48*time.Hour), berlin(t))
	h.Expect(coordDE, h.Tr("de", "offer.sent_sequence", map[string]any{"Ref": r.Ref, "N": 2,
		"Window": "48 Stunden", "Deadline": deadline}))
	if got := h.Deliver(); got[a.p.ID] != 1 || got[b.p.ID] != 0 {
		t.Fatalf("first cards %v", got)
	}
	card := h.Last(a.p)

	h.Clock.Advance(24 * time.Hour)
	runJobs(h)
	runJobs(h)
	if got := h.Deliver(); len(got) != 1 || got[a.p.ID] != 1 {
		t.Fatalf("reminders %v", got)
	}
	h.Expect(a.p, h.Tr("de", "offer.reminder", map[string]any{"Ref": r.Ref, "Deadline": deadline}))

	h.Clock.Advance(24 * time.Hour)
	runJobs(h)
	runJobs(h)
	got := h.Deliver()
	if got[b.p.ID] != 1 || got[a.p.ID] != 0 || len(got) != 1 {
		t.Fatalf("after the deadline %v", got)
	}
	wantIn(t, h.Message(a.p, card.ID), h.Tr("de", "offer.closed_expired", nil))
	if toast := h.PressData(a.p, card.ID, flowstest.Durable(t, "of", "ac", offerOf(h, r.ID, a.p).ID)); toast != h.Plain("de", "offer.toast_expired", nil) {
		t.Errorf("accepting the expired offer: %q", toast)
	}

	// Bora declines: too far. Nobody is left.
	h.Press(b.p, h.Plain("de", "btn.offer_decline", nil))
	h.Expect(b.p, h.Tr("de", "offer.reason_prompt", nil))
	h.Press(b.p, h.Plain("de", "btn.offer_distance", nil))
	h.Expect(b.p, h.Tr("de", "offer.closed_declined", nil))
	if o := offerOf(h, r.ID, b.p); o.Status != domain.OfferDeclined || o.Reason != domain.DeclineDistance {
		t.Fatalf("declined offer %+v", o)
	}
	got = h.Deliver()
	if got[coordDE.ID] != 1 || got[coordEN.ID] != 1 {
		t.Fatalf("escalation %v", got)
	}
	h.Expect(coordEN, h.Tr("en", "offer.exhausted", map[string]any{"Ref": r.Ref, "Municipality": "Hattingen", "N": 1}))
	runJobs(h)
	if got := h.Deliver(); len(got) != 0 {
		t.Fatalf("the job told again: %v", got)
	}

	h.Press(coordDE, h.Plain("de", "btn.offer_widen", nil))
	h.Expect(coordDE, h.Tr("de", "offer.shortlist_empty", nil))
	h.Press(coordDE, h.Plain("de", "btn.offer_why", map[string]any{"N": 2}))
	h.Press(coordDE, b.name)
	h.Expect(coordDE, h.Tr("de", "offer.why_offered", map[string]any{"Name": b.name}))
}

// The request's detail says how its offers stand: to the office each
// offer with its state and a decline's reason, to the requester who holds
// a seat only.
func TestDetailShowsTheOffers(t *testing.T) {
	advisors := pool("de")[:3]
	h, r := setup(t, advisors, false)
	a, b, c := advisors[0], advisors[1], advisors[2]
	offerInTurn(t, h, r, a.name, b.name, c.name)
	h.Deliver()
	h.Press(a.p, h.Plain("de", "btn.offer_decline", nil))
	h.Press(a.p, h.Plain("de", "btn.offer_distance", nil))
	h.Deliver()
	h.Press(b.p, h.Plain("de", "btn.offer_accept", nil))
	h.Deliver()

	h.PressData(coordDE, h.Last(coordDE).ID, flowstest.Durable(t, "rq", "vw", r.ID))
	h.Expect(coordDE, h.Plain("de", "offer.field_advisors", nil)+":</b> Bora Yilmaz",
		h.Tr("de", "offer.state_declined", map[string]any{"Name": a.name, "Reason": h.Plain("de", "btn.offer_distance", nil)}),
		h.Tr("de", "offer.state_accepted", map[string]any{"Name": b.name}),
		h.Tr("de", "offer.state_taken", map[string]any{"Name": c.name}))
	h.PressData(muni, h.Last(muni).ID, flowstest.Durable(t, "rq", "vw", r.ID))
	m := h.Expect(muni, h.Plain("de", "offer.field_advisors", nil)+":</b> Bora Yilmaz")
	wantNotIn(t, m, h.Plain("de", "offer.field_offers", nil)+":", "Aylin Demir")
}
