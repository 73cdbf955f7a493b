package invitations

import (
	"errors"
	"log/slog"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The association's answer. A press carries the member's invitation id
// only: the handler loads the acting member and their invitations from
// Postgres, and an id that is not among them (another member's, another
// association's, unknown) is refused alike and changes nothing. What
// decides is the store's Answer, in one transaction with the restyle of
// every member's card; the pressed card is restyled with the others
// through the outbox, so that it stays on record as showing the
// invitation.

// Durable actions on an invitation id: "*:iv:<action>:<id>".
const (
	actYes   = "y" // Ja: asks the persons and the needs (flowYes)
	actMaybe = "m" // Vielleicht, one tap
	actNo    = "n" // Nein, one tap
)

// find returns the acting member and their invitation id; found is false
// when the invitation is not theirs to answer (or a store error was
// recorded: t.Failed). For a member who has left the invitation's
// association since, inv is the invitation (refusal tells them so).
func (d Deps) find(t *engine.Turn, id int64) (a domain.Actor, inv domain.EventInvitation, found bool) {
	a, ok := t.Actor()
	if !ok {
		return a, inv, false
	}
	inv, err := d.Events.InvitationOf(t.Ctx(), a.ID, id)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return a, domain.EventInvitation{}, false
	case err != nil:
		t.Fail(err)
		return a, domain.EventInvitation{}, false
	}
	return a, inv, domain.CanAnswerEvent(a, inv.OrganisationID)
}

// refusal is the text of a refused press on inv as find returned it: a
// former member's own, else that the invitation is not theirs.
func refusal(inv domain.EventInvitation) (string, map[string]any) {
	if inv.ID != 0 {
		return keyFormerMember, map[string]any{"Org": inv.OrganisationName}
	}
	return keyForbidden, nil
}

// refuse answers a press find did not admit with a toast of refusal,
// unless a store error was recorded; nothing changes.
func refuse(t *engine.Turn, inv domain.EventInvitation) {
	if !t.Failed() {
		key, data := refusal(inv)
		t.Quiet()
		t.Toast(t.Plain(key, data))
	}
}

// pressed loads what a press on invitation id's card needs; a press that
// is not the member's is refused, one on a card no longer open is told so
// and the card loses its buttons.
func (d Deps) pressed(t *engine.Turn, id int64) (domain.Actor, domain.EventInvitation, card, bool) {
	a, inv, ok := d.find(t, id)
	if !ok {
		refuse(t, inv)
		return a, inv, card{}, false
	}
	c, err := d.cardOf(t.Ctx(), inv)
	if err != nil {
		t.Fail(err)
		return a, inv, c, false
	}
	if !c.open(t.Now()) {
		d.closed(t, inv, c)
		return a, inv, c, false
	}
	return a, inv, c, true
}

// closed answers a press on the card of inv once answering is over: a
// toast, and the pressed card without buttons.
func (d Deps) closed(t *engine.Turn, inv domain.EventInvitation, c card) {
	t.Toast(t.Plain(keyClosed, nil))
	t.Replace(engine.Screen{Text: c.text(t.Texts(), cardLang(t.Texts(), inv.Lang), t.Location(), true)})
}

// answerNow stores a one-tap reply (Vielleicht, Nein) to invitation id.
func (d Deps) answerNow(t *engine.Turn, id int64, reply domain.EventReply) {
	a, inv, c, ok := d.pressed(t, id)
	if !ok {
		return
	}
	ch, problem := d.save(t, a, inv, c, domain.OrgAnswer{Reply: reply})
	switch problem {
	case "":
		t.Toast(t.Plain(keyToastSaved, map[string]any{"Reply": t.Plain(replyKeys[ch.Answer.Reply], nil)}))
	case keyClosed:
		d.closed(t, inv, c)
	default:
		t.Refuse(problem)
	}
}

// startYes asks for the persons and the needs of a yes to invitation id,
// below the card.
func (d Deps) startYes(t *engine.Turn, id int64) {
	_, inv, _, ok := d.pressed(t, id)
	if !ok {
		return
	}
	needs := make([]string, 0, len(inv.Event.Needs))
	for _, n := range inv.Event.Needs {
		needs = append(needs, string(n))
	}
	data := map[string]string{dataInvitation: itoa(inv.ID),
		dataOffered: joinValues(needs), dataLang: cardLang(t.Texts(), inv.Lang), dataTitle: inv.Event.Title}
	if inv.Answer.Reply == domain.ReplyYes { // a change: the needs asked for so far come ticked
		asked := make([]string, len(inv.Answer.Needs))
		for i, n := range inv.Answer.Needs {
			asked[i] = string(n)
		}
		engine.PresetSelection(data, stepNeeds, asked)
	}
	t.StartFlow(flowYes, data, false)
}

// save stores ans as the answer of inv's association by member a, with
// the restyle of every member's card (c as loaded before, with the event
// and the answer after the change; an offer the answer ended loses its
// promotion's button), and the organiser told. It returns the change, or
// the key of why it was refused (keyClosed, keyForbidden), or "" with a store error recorded.
func (d Deps) save(t *engine.Turn, a domain.Actor, inv domain.EventInvitation, c card, ans domain.OrgAnswer) (domain.EventAnswerChange, string) {
	ans.EventID, ans.OrganisationID = inv.Event.ID, inv.OrganisationID
	tx, loc, notes := t.Texts(), t.Location(), t.Notifier()
	seats := d.SeatNotesIn(t)
	seats.known(c.by)
	notify := func(ch domain.EventAnswerChange) []domain.Notification {
		now := c
		now.e, now.answer = ch.Event, ch.Answer
		text := func(lang string) string { return now.text(tx, lang, loc, false) }
		out := make([]domain.Notification, 0, len(ch.Members)+1)
		gone := ch.Previous.Offered > 0 && ch.Answer.Offered == 0 // a new answer ends the offer
		for _, m := range ch.Members {
			out = append(out, notes.RestyleWith(aboutInvitation(m.ID), text,
				func(lang string) [][]engine.Button { return cardButtons(tx, lang, m.ID, ch.Answer) }))
			if gone {
				out = append(out, notes.Restyle(aboutOffer(m.ID), nil))
			}
		}
		out = append(out, seats.Promoted(ch.Event, ch.Promoted)...)
		if c.by.ChatID != 0 && c.by.ID != a.ID { // the organiser learns of the answer
			out = append(out, notes.Notification(c.by, keyToOrganiser, map[string]any{"Org": ch.Answer.OrganisationName,
				"Title": ch.Event.Title, "Answer": engine.HTML(answerText(tx, notes.LangOf(c.by), loc, ch.Answer))}, nil))
		}
		return out
	}
	ch, err := d.Events.Answer(t.Ctx(), a.ID, ans, notify)
	switch {
	case errors.Is(err, domain.ErrConflict):
		return ch, keyClosed
	case errors.Is(err, domain.ErrForbidden), errors.Is(err, domain.ErrNotFound), errors.Is(err, domain.ErrInvalid):
		return ch, keyForbidden
	case err != nil:
		t.Fail(err)
		return ch, ""
	}
	t.Log().Info("event answered", slog.Int64("event_id", inv.Event.ID), slog.Int64("organisation_id", inv.OrganisationID),
		slog.String("reply", string(ch.Answer.Reply)), slog.Int("members", len(ch.Members)))
	return ch, ""
}
