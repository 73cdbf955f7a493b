package offers_test

import (
	"context"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// Issue 11, acceptance: the coordinator approves, the shortlist ranks the
// pool with reasons (the one in the same town first) and names why the
// one who does not travel is missing; the top 3 get the offer at once;
// one accepts and sees the contact; the two other cards say the request
// is taken, without description and place; the requester and the office
// are told; a late or forged press changes nothing. The third advisor
// reads everything in English when they chose it.
func TestTopThreeOneAccepts(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			advisors := pool(lang)
			h, r := setup(t, advisors, false)
			a, b, c, d := advisors[0], advisors[1], advisors[2], advisors[3]
			de := func(key string, data map[string]any) string { return h.Plain("de", key, data) }
			// The office works in the advisor's language too: the German
			// coordinator, or the English one.
			coord := coordDE
			if lang == "en" {
				coord = coordEN
			}
			cl := func(key string, data map[string]any) string { return h.Plain(lang, key, data) }
			ref := map[string]any{"Ref": r.Ref}

			list := approve(h, coord, lang, r)
			wantIn(t, list, "1. Aylin Demir", "2. Bora Yilmaz", "3. Chidi Okafor",
				h.Tr(lang, "offer.region_city", map[string]any{"City": "Hattingen"}), "Türkisch ✓",
				h.Tr(lang, "offer.reason_never", nil))
			wantNotIn(t, list, "Dana Weiss")

			// Why is Dana missing? She does not work on site in NW.
			h.Press(coord, cl("btn.offer_why", map[string]any{"N": 1}))
			h.Press(coord, "Dana Weiss")
			h.Expect(coord, h.Tr(lang, "offer.why_region", map[string]any{"Name": "Dana Weiss", "State": h.Plain(lang, "state.NW", nil)}))
			h.Press(coord, cl("btn.offer_back_to_list", nil))

			for i, x := range []advisor{a, b, c} {
				h.Press(coord, "☐ "+string(rune('1'+i))+". "+x.name)
			}
			h.Press(coord, cl("btn.offer_picked", map[string]any{"N": 3}))
			h.Press(coord, cl("offer.mode_parallel", nil))
			h.Expect(coord, h.Tr(lang, "offer.summary", map[string]any{"Lines": ""})[:20], "Aylin Demir, Bora Yilmaz, Chidi Okafor")
			h.Press(coord, cl("btn.confirm", nil))
			h.Expect(coord, h.Tr(lang, "offer.sent_parallel", map[string]any{"Ref": r.Ref, "N": 3,
				"Deadline": h.Texts.DateTime(lang, h.Clock.Now().Add(48*time.Hour), berlin(t))}))

			got := h.Deliver()
			for _, x := range []advisor{a, b, c} {
				if got[x.p.ID] != 1 {
					t.Fatalf("cards delivered %v", got)
				}
				card := h.Last(x.p)
				wantIn(t, card, h.Tr(x.lang, "offer.card_title", ref), "Rathaus Hattingen, Raum 12", "Wir möchten unsere Verwaltung")
				wantNotIn(t, card, "Erika Mustermann", "Integrationsbeauftragte")
			}
			if got[d.p.ID] != 0 || got[muni.ID] != 2 { // approved, then offered
				t.Fatalf("delivered %v", got)
			}
			h.Expect(muni, h.Tr("de", "offer.to_requester_matching", ref))

			// One accepts first (in English, the advisor who chose English)
			// and sees whom to contact; "Meine Einsätze" shows the assignment.
			win, lost := b, []advisor{a, c}
			if lang == "en" {
				win, lost = c, []advisor{a, b}
			}
			h.Press(win.p, h.Plain(win.lang, "btn.offer_accept", nil))
			wantIn(t, h.Last(win.p), firstLine(h.Tr(win.lang, "offer.accepted_card", map[string]any{})),
				"Erika Mustermann", "Integrationsbeauftragte", "Amt für Integration")
			h.Send(win.p, "/einsaetze")
			h.Expect(win.p, r.Ref+" · Hattingen", "Erika Mustermann")

			got = h.Deliver()
			if got[muni.ID] != 1 || got[coordDE.ID] != 1 || got[coordEN.ID] != 1 {
				t.Fatalf("told %v", got)
			}
			wantIn(t, h.Last(muni), win.name, "Telefon 0151 2345678")
			for _, x := range lost {
				card := h.Last(x.p)
				wantIn(t, card, h.Tr(x.lang, "offer.closed_taken", nil), h.Tr(x.lang, "offer.card_title", ref))
				wantNotIn(t, card, "Rathaus Hattingen, Raum 12", "Wir möchten unsere Verwaltung")
				if len(card.Buttons) != 0 {
					t.Errorf("%s's closed card keeps buttons: %v", x.name, card.Labels())
				}
			}
			// A press on the closed card (sent before the edit arrived) is
			// told what happened; a forged press of the municipal contact is
			// refused; neither changes the seat.
			oa := offerOf(h, r.ID, a.p)
			if toast := h.PressData(a.p, h.Last(a.p).ID, flowstest.Durable(t, "of", "ac", oa.ID)); toast != de("offer.toast_taken", nil) {
				t.Errorf("late accept: toast %q", toast)
			}
			if toast := h.PressData(muni, h.Last(muni).ID, flowstest.Durable(t, "of", "ac", oa.ID)); toast != de("error.forbidden", nil) {
				t.Errorf("forged accept: toast %q", toast)
			}
			_, seats, err := h.DB.OffersOf(context.Background(), r.ID)
			if err != nil || len(seats) != 1 || seats[0].Advisor != win.name {
				t.Fatalf("seats %+v %v", seats, err)
			}
			if st, _ := h.DB.RequestByID(context.Background(), r.ID); st.Status != domain.StatusAssigned {
				t.Errorf("status %s", st.Status)
			}
		})
	}
}
