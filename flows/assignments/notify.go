package assignments

import (
	"errors"
	"fmt"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The notifications of the office's changes, built before the change (the
// recipients are loaded first) and filled inside its transaction.

// cardAbout is what the offers feature's card of offer id on an advisor's
// phone is about.
func cardAbout(id int64) domain.About {
	return domain.About{Subject: fmt.Sprintf("of:%d", id), Kind: "card"}
}

// cardsOff takes the buttons off every card of offer id: it was withdrawn,
// nothing on it may be answered any more.
func cardsOff(t *engine.Turn, id int64) domain.Notification {
	return t.Restyle(cardAbout(id), func(string) [][]engine.Button { return nil })
}

// refsOrEmpty joins refs for a sentence in lang; "" for none, so that the
// text leaves the part out.
func refsOrEmpty(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return refs(list)
}

// changeNotes returns the notifications of an offer change the office's
// change causes: Deps.OfferNotes when set, else a short notice to each
// advisor whose offer opened, with a button to its card, and to every
// coordinator when nobody is left, with a button to offer again. It
// reports false after recording a store error.
func (d Deps) changeNotes(t *engine.Turn) (func(domain.OfferChange) []domain.Notification, bool) {
	if d.OfferNotes != nil {
		return d.OfferNotes(t)
	}
	coords, err := d.Users.Coordinators(t.Ctx())
	if err != nil {
		t.Fail(err)
		return nil, false
	}
	notes, tx, loc := t.Notifier(), t.Texts(), t.Location()
	return func(ch domain.OfferChange) []domain.Notification {
		var out []domain.Notification
		r := ch.Request
		for _, o := range ch.Opened {
			lang := notes.LangOf(o.Advisor)
			out = append(out, notes.Notification(o.Advisor, keyToldOpened, map[string]any{
				"Ref": r.Ref, "Municipality": r.Municipality, "Topic": topicIn(tx, lang, r.Topic, r.TopicOther),
				"Deadline": when(tx, lang, loc, o.Deadline),
			}, [][]engine.Button{{engine.DurableButton(tx.Plain(lang, keyBtnToldOffer, nil), offersFeature, offerView, o.ID)}}).
				Regarding(cardAbout(o.ID)))
		}
		if ch.Exhausted {
			for _, c := range coords {
				lang := notes.LangOf(c)
				out = append(out, notes.Notification(c, keyToldExhausted, map[string]any{"Ref": r.Ref, "Municipality": r.Municipality},
					[][]engine.Button{{engine.DurableButton(tx.Plain(lang, keyBtnOfferAgain, nil), offersFeature, offerShortlist, r.ID)}}))
			}
		}
		return out
	}, true
}

// withdrawNotes returns the notify function of taking request r back: the
// advisor is told, their card of the offer loses its buttons, and the
// requester is told that the request is offered again (not when their
// data was deleted). It reports false after recording a store error.
func (d Deps) withdrawNotes(t *engine.Turn, r domain.Request) (func(domain.SeatWithdrawal) []domain.Notification, bool) {
	requester, err := d.Users.UserByID(t.Ctx(), r.RequesterID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		requester = domain.User{}
	case err != nil:
		t.Fail(err)
		return nil, false
	}
	notes := t.Notifier()
	return func(w domain.SeatWithdrawal) []domain.Notification {
		req := w.Change.Request
		out := []domain.Notification{
			notes.Notification(w.Advisor, keyToldWithdrawn, map[string]any{"Ref": req.Ref, "Municipality": req.Municipality}, nil),
			cardsOff(t, w.Change.Offer.ID),
		}
		if requester.ID != 0 {
			out = append(out, notes.Notification(requester, keyToldRequester, map[string]any{"Ref": req.Ref}, nil))
		}
		return out
	}, true
}
