package offers

import (
	"errors"
	"log/slog"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The advisor's answers on the card. Every press loads the acting user
// and the offer from Postgres: an offer that is not the presser's (a
// forged or forwarded button) is refused alike whether it exists or not,
// and what decides is the store's conditional change, so a replayed or
// late press changes nothing and is told what happened.

// loadOffer returns the offer id of the acting advisor and its request.
func (d Deps) loadOffer(t *engine.Turn, id int64) (domain.Actor, domain.Offer, domain.Request, bool) {
	a, ok := t.Actor()
	if !ok {
		return a, domain.Offer{}, domain.Request{}, false
	}
	o, err := d.Offers.OfferByID(t.Ctx(), id)
	if errors.Is(err, domain.ErrNotFound) || err == nil && o.Advisor.ID != a.ID {
		t.Refuse(engine.KeyForbidden)
		return a, o, domain.Request{}, false
	}
	if err != nil {
		t.Fail(err)
		return a, o, domain.Request{}, false
	}
	r, err := d.Requests.RequestByID(t.Ctx(), o.RequestID)
	if err != nil {
		t.Fail(err)
		return a, o, r, false
	}
	return a, o, r, true
}

// answering loads what an answer to offer id needs: the acting advisor,
// the offer, its request and the teller of the change.
func (d Deps) answering(t *engine.Turn, id int64) (domain.Actor, domain.Offer, domain.Request, teller, bool) {
	a, o, r, ok := d.loadOffer(t, id)
	if !ok {
		return a, o, r, teller{}, false
	}
	tl, err := d.teller(t, r)
	if err != nil {
		t.Fail(err)
		return a, o, r, tl, false
	}
	return a, o, r, tl, true
}

// requester is the requester of r, nil once deleted; it records a store
// error with Fail and reports false.
func (d Deps) requester(t *engine.Turn, r domain.Request) (*domain.User, bool) {
	u, err := d.Users.UserByID(t.Ctx(), r.RequesterID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return nil, true
	case err != nil:
		t.Fail(err)
		return nil, false
	}
	return &u, true
}

// cardScreen is the card of o as it stands now, for the advisor.
func (d Deps) cardScreen(t *engine.Turn, r domain.Request, o domain.Offer) engine.Screen {
	tx, lang := t.Texts(), t.Lang()
	if o.Status == domain.OfferOpen {
		return engine.Screen{Text: cardText(tx, lang, t.Location(), r, o), Rows: cardRows(tx, lang, o.ID), About: aboutOffer(o.ID)}
	}
	if o.Status == domain.OfferAccepted {
		if u, ok := d.requester(t, r); ok {
			return acceptedScreen(t, r, o, u)
		}
	}
	return engine.Screen{Text: closedText(tx, lang, r, o.Status)}
}

// view shows the card of offer id in the pressed message.
func (d Deps) view(t *engine.Turn, id int64) {
	if _, o, r, ok := d.loadOffer(t, id); ok {
		t.Replace(d.cardScreen(t, r, o))
	}
}

// details shows the request's own words below the card: description,
// goal, target groups, associations; no contact data before acceptance.
func (d Deps) details(t *engine.Turn, id int64) {
	_, o, r, ok := d.loadOffer(t, id)
	if !ok {
		return
	}
	if o.Status != domain.OfferOpen && o.Status != domain.OfferAccepted {
		d.lost(t, &domain.OfferClosed{OfferID: o.ID, Status: o.Status})
		return
	}
	parts := []string{t.T(keyDetailsTitle, map[string]any{"Ref": r.Ref}),
		t.T(keyDetailsDescription, map[string]any{"Text": r.Description}),
		t.T(keyDetailsGoal, map[string]any{"Text": r.Goal})}
	if r.TargetGroups != "" {
		parts = append(parts, t.T(keyDetailsGroups, map[string]any{"Text": r.TargetGroups}))
	}
	if r.Associations != "" {
		parts = append(parts, t.T(keyDetailsAssociations, map[string]any{"Text": r.Associations}))
	}
	var rows [][]engine.Button
	if o.Status == domain.OfferOpen {
		rows = cardRows(t.Texts(), t.Lang(), o.ID)[:1]
	}
	t.Show(engine.Screen{Text: strings.Join(parts, "\n\n"), Rows: rows, About: aboutOffer(o.ID)})
}

// accept lets the advisor accept offer id. The winner sees the contact;
// a press that lost (taken, expired, withdrawn) is told so and the card
// closes.
func (d Deps) accept(t *engine.Turn, id int64) {
	a, o, r, tl, ok := d.answering(t, id)
	if !ok {
		return
	}
	if p, err := d.Advisors.AdvisorProfile(t.Ctx(), a.ID); err == nil {
		tl.reach = p.Reach
	} else if !errors.Is(err, domain.ErrNotFound) {
		t.Fail(err)
		return
	}
	ch, err := d.Offers.AcceptOffer(t.Ctx(), o.ID, a.ID, tl.tell)
	if d.lost(t, err) {
		return
	}
	t.Log().Info("offer accepted", slog.Int64("offer_id", o.ID), slog.Int64("request_id", r.ID), slog.Bool("assigned", ch.Assigned))
	t.Toast(t.Plain(keyToastAccepted, nil))
	t.Replace(acceptedScreen(t, ch.Request, ch.Offer, tl.requester))
}

// lost answers a press whose change was refused: a closed offer is told
// in the toast (the change that closed it restyled its cards already, or
// is about to). It reports whether err was one (or a store error,
// recorded).
func (d Deps) lost(t *engine.Turn, err error) bool {
	var closed *domain.OfferClosed
	switch {
	case err == nil:
		return false
	case errors.As(err, &closed):
		t.Toast(t.Plain(closedToast(closed.Status), nil))
		t.Quiet()
	case errors.Is(err, domain.ErrNotFound):
		t.Refuse(engine.KeyForbidden)
	default:
		t.Fail(err)
	}
	return true
}

// closedToast is the key of the toast for a press on an offer closed with
// status.
func closedToast(status domain.OfferStatus) string {
	switch status {
	case domain.OfferTaken:
		return keyToastTaken
	case domain.OfferExpired:
		return keyToastExpired
	case domain.OfferAccepted:
		return keyToastAcceptedAlready
	case domain.OfferDeclined:
		return keyToastDeclinedAlready
	}
	return keyToastWithdrawn
}

// acceptedScreen is the card of an accepted offer: the request and whom
// to contact.
func acceptedScreen(t *engine.Turn, r domain.Request, o domain.Offer, requester *domain.User) engine.Screen {
	contact := engine.Escape(t.Plain(keyContactGone, nil))
	if requester != nil {
		contact = userLink(*requester)
	}
	text := cardHead(t.Texts(), t.Lang(), r) + "\n\n" + t.T(keyAcceptedCard, map[string]any{
		"Contact": engine.HTML(contact), "Function": r.ContactFunction, "Department": r.Department,
		"Municipality": r.Municipality, "Place": r.Place, "Reach": r.ContactReach})
	return engine.Screen{Text: text, Rows: [][]engine.Button{
		{engine.DurableButton(t.Plain(keyBtnDetails, nil), feature, actDetails, o.ID)}, t.BackToMenu()}}
}
