package offers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// teller builds the notifications of an offer change: the cards of the
// offers opened, the closed cards, the requester and the coordinators
// told. It is made before the change (the people are loaded then) and
// called inside the change's transaction, so it does no I/O.
type teller struct {
	tx        *engine.Texts
	notes     *engine.Notifier
	loc       *time.Location
	requester *domain.User  // nil: deleted
	coords    []domain.User // the coordinators
	actor     int64         // users.id of who acts (not told of their own act); 0: the system
	chat      int64         // the acting chat, whose pressed card the turn redraws
	spare     []int         // that card
	reach     string        // the accepting advisor's reach, for the requester
	// started: the change is a plan on an approved request, which moves
	// to matching; the requester is told.
	started bool
}

// newTeller loads the requester of r and the coordinators.
func newTeller(ctx context.Context, users domain.UserStore, tx *engine.Texts, notes *engine.Notifier,
	loc *time.Location, r domain.Request) (teller, error) {
	tl := teller{tx: tx, notes: notes, loc: loc}
	u, err := users.UserByID(ctx, r.RequesterID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
	case err != nil:
		return tl, err
	default:
		tl.requester = &u
	}
	tl.coords, err = users.Coordinators(ctx)
	return tl, err
}

// tell is the notify function of a change.
func (tl teller) tell(ch domain.OfferChange) []domain.Notification {
	var out []domain.Notification
	r := ch.Request
	for _, o := range ch.Opened {
		lang := tl.notes.LangOf(o.Advisor)
		out = append(out, tl.notes.Notification(o.Advisor, keyCardNotice, map[string]any{
			"Card": engine.HTML(cardText(tl.tx, lang, tl.loc, r, o))}, cardRows(tl.tx, lang, o.ID)).Regarding(aboutOffer(o.ID)))
	}
	for _, o := range ch.Closed {
		out = append(out, closeCards(tl.notes, tl.tx, r, o, 0))
	}
	if ch.Offer.ID != 0 {
		out = append(out, closeCards(tl.notes, tl.tx, r, ch.Offer, tl.chat, tl.spare...))
	}
	if tl.started && tl.requester != nil {
		var rows [][]engine.Button
		if r.ContactReach == "" {
			rows = append(rows, contactButton(tl.tx, tl.notes.LangOf(*tl.requester), r.ID))
		}
		out = append(out, tl.notes.Notification(*tl.requester, keyToRequesterMatching, map[string]any{"Ref": r.Ref,
			"Asked": r.ContactReach == ""}, rows))
	}
	if ch.Offer.Status == domain.OfferAccepted {
		out = append(out, tl.accepted(ch)...)
	}
	// Nobody left: the office is told, unless it ended the last offer
	// itself (a withdrawal, a deactivation), and sees so already.
	if ch.Exhausted && ch.Offer.Status != domain.OfferWithdrawn {
		for _, c := range tl.coords {
			lang := tl.notes.LangOf(c)
			out = append(out, tl.notes.Notification(c, keyExhausted, map[string]any{"Ref": r.Ref,
				"Municipality": r.Municipality, "N": ch.FreeSeats()}, [][]engine.Button{
				{engine.DurableButton(tl.tx.Plain(lang, keyBtnWiden, nil), feature, actShortlist, r.ID)},
				{engine.DurableButton(tl.tx.Plain(lang, keyBtnDirect, nil), feature, actDirect, r.ID)}}))
		}
	}
	return out
}

// accepted tells the requester who takes the request and how to reach
// them, and the coordinators who accepted.
func (tl teller) accepted(ch domain.OfferChange) []domain.Notification {
	r, adv := ch.Request, ch.Offer.Advisor
	var out []domain.Notification
	key := keyToRequesterAssigned
	if !ch.Assigned {
		key = keyToRequesterFirstSeat
	}
	if tl.requester != nil {
		reach := tl.reach
		if reach == "" {
			reach = tl.tx.Plain(tl.notes.LangOf(*tl.requester), keyNoReach, nil)
		}
		var rows [][]engine.Button
		if r.ContactReach == "" {
			rows = append(rows, contactButton(tl.tx, tl.notes.LangOf(*tl.requester), r.ID))
		}
		out = append(out, tl.notes.Notification(*tl.requester, key, map[string]any{"Ref": r.Ref,
			"Advisor": engine.HTML(userLink(adv)), "Reach": reach, "Asked": r.ContactReach == ""}, rows))
	}
	for _, c := range tl.coords {
		if c.ID == tl.actor {
			continue
		}
		out = append(out, tl.notes.Notification(c, keyToOfficeAccepted, map[string]any{"Ref": r.Ref,
			"Advisor": adv.Name, "Free": ch.FreeSeats()}, nil))
	}
	return out
}

// userLink is u's name as a link that opens a chat with them in Telegram.
func userLink(u domain.User) string {
	return fmt.Sprintf(`<a href="tg://user?id=%d">%s</a>`, u.TelegramID, engine.Escape(u.Name))
}
