package assignments

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The office's changes on an advisor's card: deactivating (asks first),
// reactivating, and taking a request back (asks first). Every press loads
// the acting user and the records from Postgres and asks the policy; the
// store's changes are conditional, so that a replayed press or a second
// coordinator changes nothing and is shown how things stand.

// askDeactivate shows on the card what deactivating advisor id means, with
// the decision and a way back.
func (d Deps) askDeactivate(t *engine.Turn, id int64) {
	_, p, w, ok := d.loadAdvisor(t, id)
	if !ok {
		return
	}
	if p.Deactivated {
		t.Toast(t.Plain(keyAlreadyOff, map[string]any{"Name": p.Name}))
		t.Replace(cardScreen(t, p, w, t.T(keyAlreadyOff, map[string]any{"Name": p.Name})))
		return
	}
	t.Replace(engine.Screen{
		Text: cardText(t, p, w) + "\n\n" + t.T(keyAskDeactivate, map[string]any{"Name": p.Name, "Open": len(w.Open)}),
		Rows: [][]engine.Button{
			{engine.DurableButton(t.Plain(keyBtnDeactivateYes, nil), feature, actDeactivateYes, id)},
			{engine.DurableButton(t.Plain(keyBtnCardBack, nil), feature, actCard, id)},
		},
	})
}

// setActive takes advisor id out of the pool or back in, tells them in the
// same transaction, and shows the card as it is now.
func (d Deps) setActive(t *engine.Turn, id int64, active bool) {
	a, p, _, ok := d.loadAdvisor(t, id)
	if !ok {
		return
	}
	changes, ok := d.OfferNotes(t)
	if !ok {
		return
	}
	notes := t.Notifier()
	notify := func(c domain.AdvisorDeactivation) []domain.Notification {
		if c.Active {
			return []domain.Notification{notes.Notification(c.Advisor, keyToldOn, nil, nil)}
		}
		var withdrawn []string
		var out []domain.Notification
		for _, o := range c.Withdrawn {
			if o.Status == domain.OfferWithdrawn && !o.OfferedAt.IsZero() {
				withdrawn = append(withdrawn, refOf(c.Changes, o.RequestID))
			}
		}
		out = append(out, notes.Notification(c.Advisor, keyToldOff, map[string]any{"Refs": refsOrEmpty(withdrawn)}, nil))
		for _, ch := range c.Changes {
			out = append(out, changes(ch)...)
		}
		return out
	}
	done, err := d.Assignments.SetAdvisorActive(t.Ctx(), id, a.ID, active, notify)
	if !found(t, err) {
		return
	}
	key := keyDeactivated
	switch {
	case !done.Changed && active:
		key = keyAlreadyOn
	case !done.Changed:
		key = keyAlreadyOff
	case active:
		key = keyReactivated
	}
	if done.Changed {
		t.Log().Info("advisor active set", slog.Int64("advisor_id", id), slog.Int64("user_id", a.ID),
			slog.Bool("active", active), slog.Int("withdrawn", len(done.Withdrawn)))
	}
	t.Toast(t.Plain(key, map[string]any{"Name": p.Name}))
	below := ""
	if !done.Changed { // a double tap, or another coordinator first: the message may show this card already
		below = t.T(key, map[string]any{"Name": p.Name})
	}
	d.card(t, id, below)
}

// refOf is the reference of request id among changes, "" when none is
// about it.
func refOf(changes []domain.OfferChange, id int64) string {
	for _, ch := range changes {
		if ch.Request.ID == id {
			return ch.Request.Ref
		}
	}
	return ""
}

// loadSeat returns the acting coordinator, the accepted offer id behind an
// assignment and its request. Anyone else and an unknown offer are
// refused.
func (d Deps) loadSeat(t *engine.Turn, id int64) (domain.Actor, domain.Offer, domain.Request, bool) {
	a, ok := office(t)
	if !ok {
		return domain.Actor{}, domain.Offer{}, domain.Request{}, false
	}
	o, err := d.Offers.OfferByID(t.Ctx(), id)
	var r domain.Request
	if err == nil {
		r, err = d.Requests.RequestByID(t.Ctx(), o.RequestID)
	}
	if !found(t, err) {
		return domain.Actor{}, domain.Offer{}, domain.Request{}, false
	}
	return a, o, r, true
}

// askWithdraw shows on the card what taking the request of accepted offer
// id back means; an offer no longer accepted shows the card as it is.
func (d Deps) askWithdraw(t *engine.Turn, id int64) {
	_, o, r, ok := d.loadSeat(t, id)
	if !ok {
		return
	}
	if o.Status != domain.OfferAccepted {
		gone := map[string]any{"Name": o.Advisor.Name, "Ref": r.Ref}
		t.Toast(t.Plain(keyWithdrawGone, gone))
		d.card(t, o.Advisor.ID, t.T(keyWithdrawGone, gone))
		return
	}
	t.Replace(engine.Screen{
		Text: t.T(keyAskWithdraw, map[string]any{"Ref": r.Ref, "Name": o.Advisor.Name, "Municipality": r.Municipality}),
		Rows: [][]engine.Button{
			{engine.DurableButton(t.Plain(keyBtnWithdrawYes, nil), feature, actWithdrawYes, id)},
			{engine.DurableButton(t.Plain(keyBtnCardBack, nil), feature, actCard, o.Advisor.ID)},
		},
	})
}

// withdraw takes the request of accepted offer id back from its advisor,
// tells the advisor and the requester in the same transaction, and offers
// the coordinator to offer the request again.
func (d Deps) withdraw(t *engine.Turn, id int64) {
	a, o, r, ok := d.loadSeat(t, id)
	if !ok {
		return
	}
	gone := func() {
		data := map[string]any{"Name": o.Advisor.Name, "Ref": r.Ref}
		t.Toast(t.Plain(keyWithdrawGone, data))
		d.card(t, o.Advisor.ID, t.T(keyWithdrawGone, data))
	}
	if o.Status != domain.OfferAccepted { // a replay after the seat went back: a later seat is not this press's
		gone()
		return
	}
	notify, ok := d.withdrawNotes(t, r)
	if !ok {
		return
	}
	_, err := d.Assignments.WithdrawSeat(t.Ctx(), r.ID, o.Advisor.ID, a.ID, notify)
	switch {
	case errors.Is(err, domain.ErrConflict) || errors.Is(err, domain.ErrNotFound):
		gone()
		return
	case err != nil:
		t.Fail(err)
		return
	}
	t.Log().Info("seat withdrawn", slog.Int64("request_id", r.ID), slog.Int64("advisor_id", o.Advisor.ID),
		slog.Int64("user_id", a.ID))
	t.Toast(t.Plain(keyToastWithdrawn, map[string]any{"Ref": r.Ref}))
	t.Replace(engine.Screen{
		Text: t.T(keyWithdrawn, map[string]any{"Ref": r.Ref, "Name": o.Advisor.Name}),
		Rows: [][]engine.Button{
			{engine.DurableButton(t.Plain(keyBtnOfferAgain, nil), offersFeature, offerShortlist, r.ID)},
			{engine.DurableButton(t.Plain(keyBtnCardBack, nil), feature, actCard, o.Advisor.ID)},
		},
	})
}
