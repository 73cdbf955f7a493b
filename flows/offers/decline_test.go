package offers_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// offerDirect approves r and offers it directly to the advisor named,
// with the window given, and delivers the card.
func offerDirect(t *testing.T, h *flowstest.H, r domain.Request, name, window string) {
	t.Helper()
	approve(h, coordDE, "de", r)
	h.Press(coordDE, "☐ 1. "+name)
	h.Press(coordDE, h.Plain("de", "btn.offer_picked", map[string]any{"N": 1}))
	h.Expect(coordDE, window)
	h.Press(coordDE, h.Plain("de", "btn.confirm", nil))
	h.NoError()
	h.Deliver()
}

// Declining for a reason of one's own: the reason is asked in the card's
// place, typed, stored, and the card closes; details show the request's
// own words but no contact. The configured window is the default.
func TestDeclineWithOwnReason(t *testing.T) {
	advisors := pool("de")[:1]
	h := flowstest.NewConfigured(t, func(c *flowsConfig) { c.OfferWindow = 36 * time.Hour })
	r := setupWith(t, h, advisors, false)
	a := advisors[0]
	offerDirect(t, h, r, a.name, "36 Stunden")

	h.Press(a.p, h.Plain("de", "btn.offer_details", nil))
	details := h.Expect(a.p, h.Tr("de", "offer.details_title", map[string]any{"Ref": r.Ref}), "Ein Leitbild")
	wantNotIn(t, details, "Erika Mustermann")

	card := offerOf(h, r.ID, a.p)
	h.PressData(a.p, h.Last(a.p).ID, flowstest.Durable(t, "of", "dn", card.ID))
	h.Expect(a.p, h.Tr("de", "offer.reason_prompt", nil))
	h.Press(a.p, h.Plain("de", "btn.offer_other", nil))
	h.Expect(a.p, h.Tr("de", "offer.reason_other_prompt", nil))
	h.Send(a.p, "Ich bin im Januar in Elternzeit.")
	h.Expect(a.p, h.Tr("de", "offer.closed_declined", nil))
	if o := offerOf(h, r.ID, a.p); o.Status != domain.OfferDeclined || o.Reason != domain.DeclineOther ||
		o.Note != "Ich bin im Januar in Elternzeit." {
		t.Fatalf("declined offer %+v", o)
	}
	// A direct offer declined leaves nobody: the office hears of it.
	if got := h.Deliver(); got[coordDE.ID] != 1 || got[coordEN.ID] != 1 {
		t.Fatalf("escalation %v", got)
	}
}

// A tandem is offered until two different advisors hold its seats: the
// first acceptance leaves it matching and the requester hears of the
// first advisor; the coordinator fills the second seat later from the
// request's detail; only then it is assigned.
func TestTandemSecondSeatLater(t *testing.T) {
	advisors := pool("de")[:2]
	h, r := setup(t, advisors, true)
	a, b := advisors[0], advisors[1]
	offerDirect(t, h, r, a.name, "48 Stunden")
	h.Press(a.p, h.Plain("de", "btn.offer_accept", nil))
	h.Deliver()
	h.Expect(muni, "Aylin Demir", "Telefon 0151 2345678", lastLine(h.Tr("de", "offer.to_requester_first_seat",
		map[string]any{"Ref": r.Ref, "Advisor": "X", "Reach": "X"})))
	if st, _ := h.DB.RequestByID(context.Background(), r.ID); st.Status != domain.StatusMatching {
		t.Fatalf("after the first seat: %s", st.Status)
	}

	// The second seat, later, from the request's detail.
	h.PressData(coordDE, h.Last(coordDE).ID, flowstest.Durable(t, "rq", "vw", r.ID))
	h.Press(coordDE, h.Plain("de", "btn.offer_offer", nil))
	list := h.Expect(coordDE, "1. Bora Yilmaz", h.Tr("de", "offer.shortlist_tandem", map[string]any{"Free": 1}))
	wantNotIn(t, list, "Aylin Demir")
	h.Press(coordDE, "☐ 1. Bora Yilmaz")
	h.Press(coordDE, h.Plain("de", "btn.offer_picked", map[string]any{"N": 1}))
	h.Press(coordDE, h.Plain("de", "btn.confirm", nil))
	h.Deliver()
	h.Press(b.p, h.Plain("de", "btn.offer_accept", nil))
	h.Deliver()
	h.Expect(muni, "Bora Yilmaz")
	st, _ := h.DB.RequestByID(context.Background(), r.ID)
	_, seats, _ := h.DB.OffersOf(context.Background(), r.ID)
	if st.Status != domain.StatusAssigned || len(seats) != 2 || seats[0].Advisor == seats[1].Advisor {
		t.Fatalf("status %s, seats %+v", st.Status, seats)
	}
}

// An advisor cannot answer another advisor's offer, nor a municipal
// contact decline one: refused, nothing changes.
func TestForeignPressesRefused(t *testing.T) {
	advisors := pool("de")[:2]
	h, r := setup(t, advisors, false)
	a, b := advisors[0], advisors[1]
	offerDirect(t, h, r, a.name, "48 Stunden")
	o := offerOf(h, r.ID, a.p)
	for _, p := range []person{b.p, muni} {
		for _, act := range []string{"ac", "dn", "r1", "dt"} {
			h.Send(p, "/menu")
			if toast := h.PressData(p, h.Last(p).ID, flowstest.Durable(t, "of", act, o.ID)); toast != h.Plain("de", "error.forbidden", nil) {
				t.Errorf("%d pressing %s: toast %q", p.ID, act, toast)
			}
		}
	}
	if got := offerOf(h, r.ID, a.p); got.Status != domain.OfferOpen {
		t.Fatalf("offer now %s", got.Status)
	}
	if got := h.Deliver(); len(got) != 0 {
		t.Fatalf("told %v", got)
	}
}
