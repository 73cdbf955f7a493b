package invitations

import (
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The seats of an association (issue 14): its card shows what its yes
// holds, what waits and what is offered, with "Plätze bestätigen" on the
// cards of its members while seats are offered. A press on it carries
// the member's invitation id only; the store's ConfirmSeats decides, in
// one transaction with the restyle of every member's card. The waitlist
// position is not shown: with fairness (new associations first) it is
// not the order of the answers, and the cards are restyled without a
// store read.

// actConfirm confirms the seats offered: "*:iv:c:<invitation id>".
const actConfirm = "c"

// kindOffer is the About kind of a promotion's message: its button goes
// once the offer is confirmed or passed over.
const kindOffer = "offer"

// aboutOffer is what the promotion message to invitation id is about.
func aboutOffer(id int64) domain.About {
	return domain.About{Subject: aboutInvitation(id).Subject, Kind: kindOffer}
}

// seatText is the seat state of answer a to e in lang (HTML), one line
// each for the seats held, offered and the persons waiting; "" without a
// capacity or a yes.
func seatText(tx *engine.Texts, lang string, loc *time.Location, e domain.Event, a domain.OrgAnswer) string {
	if e.Capacity == 0 || a.Reply != domain.ReplyYes {
		return ""
	}
	var lines []string
	if a.Seats > 0 {
		lines = append(lines, tx.T(lang, keySeatHeld, map[string]any{"N": a.Seats}))
	}
	if a.Offered > 0 {
		lines = append(lines, tx.T(lang, keySeatOffered, map[string]any{"N": a.Offered,
			"Until": tx.DateTime(lang, a.OfferUntil, loc)}))
	}
	if n := a.Waiting(); n > 0 {
		lines = append(lines, tx.T(lang, keySeatWaiting, map[string]any{"N": n}))
	}
	return strings.Join(lines, "\n")
}

// cardButtons are the buttons of invitation id's card in lang for its
// association's answer a: the answers, and "Plätze bestätigen" while
// seats are offered.
func cardButtons(tx *engine.Texts, lang string, id int64, a domain.OrgAnswer) [][]engine.Button {
	rows := cardRows(tx, lang, id)
	if a.Offered > 0 {
		rows = append(rows, confirmRow(tx, lang, id))
	}
	return rows
}

// confirmRow is the row with "Plätze bestätigen" for invitation id.
func confirmRow(tx *engine.Texts, lang string, id int64) []engine.Button {
	return []engine.Button{engine.DurableButton(tx.Plain(lang, keyBtnConfirm, nil), feature, actConfirm, id)}
}

// confirm confirms the seats offered to the association of invitation
// id. A press that is not the member's is refused; once the event has
// started the card closes; an offer confirmed already or ended is told
// politely. Nothing changes but through ConfirmSeats.
func (d Deps) confirm(t *engine.Turn, id int64) {
	a, inv, c, ok := d.pressed(t, id)
	if !ok {
		return
	}
	sn := d.SeatNotesIn(t)
	sn.known(c.by)
	ch, err := d.Events.ConfirmSeats(t.Ctx(), a.ID, inv.Event.ID, inv.OrganisationID, func(ch domain.EventAnswerChange) []domain.Notification {
		out := sn.cards(ch.Event, ch.Members, ch.Answer)
		for _, m := range ch.Members { // the offer's note says it is confirmed, without the button
			data := map[string]any{"Title": ch.Event.Title, "Org": m.OrganisationName, "N": ch.Answer.Seats}
			out = append(out, sn.Notes.RestyleWith(aboutOffer(m.ID),
				func(lang string) string { return sn.Texts.T(lang, keyNoteConfirmed, data) }, nil))
		}
		return out
	})
	switch {
	case errors.Is(err, domain.ErrConflict) && !c.open(t.Now()):
		d.closed(t, inv, c)
	case errors.Is(err, domain.ErrConflict):
		t.Quiet()
		t.Toast(t.Plain(keyOfferGone, nil))
	case errors.Is(err, domain.ErrForbidden), errors.Is(err, domain.ErrNotFound):
		refuse(t, domain.EventInvitation{})
	case err != nil:
		t.Fail(err)
	default:
		t.Toast(t.Plain(keyToastConfirmed, nil))
		t.Log().Info("event seats confirmed", slog.Int64("event_id", inv.Event.ID),
			slog.Int64("organisation_id", inv.OrganisationID), slog.Int("seats", ch.Answer.Seats))
	}
}
