package assignments_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/flowstest"
)

// The coordinator's list shows each advisor's counts, quota and pause; the
// card the profile and references. Deactivating asks first; forged presses
// by a municipal contact or an advisor change nothing; then the open offer
// is withdrawn, its card loses its buttons, the advisor is told, and in one
// after another the next advisor gets the request.
func TestDeactivateAdvisor(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			w := newWorld(t, lang)
			first, second := w.approved("first"), w.approved("second")
			w.accept(w.offer(first, domain.ModeDirect, w.amiraID)[0])
			w.offer(second, domain.ModeSequence, w.amiraID, w.benID)

			cmd := map[string]string{"de": "/berater", "en": "/advisors"}[lang]
			w.Send(w.coord, cmd)
			line := w.tr("pool.line", map[string]any{"Open": 1, "Held": 1, "Quarter": 1, "Max": 4}) +
				w.tr("pool.paused", map[string]any{"Date": w.Texts.Date(lang, time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC))})
			w.Expect(w.coord, w.tr("pool.title", map[string]any{"Count": 2}), "<b>Amira Haddad</b>: "+line,
				"<b>Ben Okafor</b>: "+w.tr("pool.line", map[string]any{"Open": 0, "Held": 0, "Quarter": 0, "Max": 4}))

			w.Press(w.coord, "Amira Haddad")
			w.Expect(w.coord, w.tr("pool.card_open", map[string]any{"Refs": second.Ref}),
				w.tr("pool.card_held", map[string]any{"Refs": first.Ref}), "Bochum", w.label("topic.migrant_organisations", nil))
			w.ExpectButtons(w.coord, w.label("btn.pool_deactivate", nil), w.label("btn.pool_withdraw", map[string]any{"Ref": first.Ref}))
			w.Press(w.coord, w.label("btn.pool_deactivate", nil))
			w.Expect(w.coord, w.tr("pool.ask_deactivate", map[string]any{"Name": "Amira Haddad", "Open": 1}))
			w.ExpectDelivered(map[int64]int{})

			for _, who := range []flowstest.Person{w.requester, w.ben} {
				toast := w.PressUnchanged(who, w.Last(who).ID, durable(t, "ofy", w.amiraID))
				if want := w.label("error.forbidden", nil); toast != want {
					t.Errorf("forged deactivation by %d: toast %q, want %q", who.ID, toast, want)
				}
			}
			w.ExpectDelivered(map[int64]int{})
			if p, _ := w.DB.AdvisorProfile(context.Background(), w.amiraID); p.Deactivated {
				t.Fatal("a forged press deactivated")
			}

			toast := w.Press(w.coord, w.label("btn.pool_deactivate_yes", nil))
			if want := w.label("pool.deactivated_done", map[string]any{"Name": "Amira Haddad"}); toast != want {
				t.Errorf("toast %q, want %q", toast, want)
			}
			w.ExpectButtons(w.coord, w.label("btn.pool_reactivate", nil))
			w.Expect(w.coord, w.tr("pool.card_open", map[string]any{"Refs": "–"}))
			w.ExpectDelivered(map[int64]int{w.amira.ID: 1, w.ben.ID: 1})
			w.Expect(w.amira, w.tr("told.deactivated", map[string]any{"Refs": second.Ref}))
			if card := w.cardOf(w.amira, second.Ref); len(card.Buttons) != 0 {
				t.Errorf("the withdrawn offer's card kept %+v", card.Buttons)
			}
			if card := w.cardOf(w.amira, first.Ref); len(card.Buttons) == 0 {
				t.Error("the accepted offer's card lost its buttons")
			}
			w.Expect(w.ben, second.Ref)
			w.ExpectButtons(w.ben, w.label("btn.offer_accept", nil), w.label("btn.offer_decline", nil), w.label("btn.offer_details", nil))
			if p, _ := w.DB.AdvisorProfile(context.Background(), w.amiraID); !p.Deactivated {
				t.Fatal("not deactivated")
			}

			// A replay changes and tells nothing; the list says deactivated.
			id, _ := w.Find(w.coord, w.label("btn.pool_reactivate", nil))
			if toast := w.PressData(w.coord, id, durable(t, "ofy", w.amiraID)); toast != w.label("pool.already_off", map[string]any{"Name": "Amira Haddad"}) {
				t.Errorf("replay: toast %q", toast)
			}
			w.ExpectDelivered(map[int64]int{})
			w.Send(w.coord, cmd)
			w.Expect(w.coord, "<b>Amira Haddad</b>: "+w.tr("pool.deactivated", nil))

			w.Press(w.coord, "Amira Haddad")
			w.Press(w.coord, w.label("btn.pool_reactivate", nil))
			w.ExpectButtons(w.coord, w.label("btn.pool_deactivate", nil))
			w.ExpectDelivered(map[int64]int{w.amira.ID: 1})
			w.Expect(w.amira, w.tr("told.reactivated", nil))
		})
	}
}

// Taking a request back asks first; forged presses change nothing; then
// the advisor and the requester are told, the request is matching again,
// the advisor's card loses its buttons, the coordinator is offered to
// offer it again, and a replay changes nothing.
func TestWithdrawAssignment(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			w := newWorld(t, lang)
			r := w.approved("first")
			o := w.offer(r, domain.ModeDirect, w.amiraID)[0]
			w.accept(o)

			w.Send(w.coord, "/menu")
			w.Press(w.coord, w.label("btn.advisors", nil))
			w.Press(w.coord, "Amira Haddad")
			withdraw := w.label("btn.pool_withdraw", map[string]any{"Ref": r.Ref})
			w.Press(w.coord, withdraw)
			w.Expect(w.coord, w.tr("pool.ask_withdraw", map[string]any{"Ref": r.Ref, "Name": "Amira Haddad", "Municipality": "Hattingen"}))
			w.ExpectDelivered(map[int64]int{})

			for _, p := range []flowstest.Person{w.requester, w.amira} {
				if toast := w.PressUnchanged(p, w.Last(p).ID, durable(t, "wdy", o.ID)); toast != w.label("error.forbidden", nil) {
					t.Errorf("forged withdrawal by %d: toast %q", p.ID, toast)
				}
			}
			if got, _ := w.DB.RequestByID(context.Background(), r.ID); got.Status != domain.StatusAssigned {
				t.Fatalf("a forged press moved the request to %s", got.Status)
			}
			w.ExpectDelivered(map[int64]int{})

			askID, _ := w.Find(w.coord, w.label("btn.pool_withdraw_yes", nil))
			w.Press(w.coord, w.label("btn.pool_withdraw_yes", nil))
			w.Expect(w.coord, w.tr("pool.withdrawn", map[string]any{"Ref": r.Ref, "Name": "Amira Haddad"}))
			if _, data := w.Find(w.coord, w.label("btn.pool_offer_again", nil)); data != "*:of:sl:"+strconv.FormatInt(r.ID, 10) {
				t.Errorf("offer again is %q", data)
			}
			w.ExpectDelivered(map[int64]int{w.amira.ID: 1, w.requester.ID: 1})
			w.Expect(w.amira, w.tr("told.withdrawn_advisor", map[string]any{"Ref": r.Ref, "Municipality": "Hattingen"}))
			w.Expect(w.requester, w.tr("told.withdrawn_requester", map[string]any{"Ref": r.Ref}))
			if card := w.cardOf(w.amira, r.Ref); len(card.Buttons) != 0 {
				t.Errorf("the card of the withdrawn assignment kept %+v", card.Buttons)
			}
			got, _ := w.DB.RequestByID(context.Background(), r.ID)
			if got.Status != domain.StatusMatching {
				t.Errorf("request %s, want matching", got.Status)
			}
			hist, _ := w.DB.History(context.Background(), r.ID)
			if last := hist[len(hist)-1]; last.From != domain.StatusAssigned || last.To != domain.StatusMatching {
				t.Errorf("last history row %+v", last)
			}

			// A replay of the question's button changes and tells nothing.
			toast := w.PressData(w.coord, askID, durable(t, "wdy", o.ID))
			w.NoError()
			if want := w.label("pool.withdraw_gone", map[string]any{"Name": "Amira Haddad", "Ref": r.Ref}); toast != want {
				t.Errorf("replay: toast %q, want %q", toast, want)
			}
			w.ExpectDelivered(map[int64]int{})

			cmd := map[string]string{"de": "/einsaetze", "en": "/assignments"}[lang]
			w.Send(w.amira, cmd)
			if m := w.Last(w.amira); strings.Contains(m.Text, r.Ref) {
				t.Errorf("the advisor still sees the request:\n%s", m.Text)
			}
		})
	}
}

// The list is the office's: an advisor is told so.
func TestPoolIsTheOffices(t *testing.T) {
	w := newWorld(t, "de")
	w.Send(w.amira, "/berater")
	w.Expect(w.amira, w.tr("pool.refused", nil))
	toast := w.PressUnchanged(w.amira, w.Last(w.amira).ID, durable(t, "vw", w.benID))
	if toast != w.label("error.forbidden", nil) {
		t.Errorf("forged card: toast %q", toast)
	}
}
