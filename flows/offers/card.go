package offers

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// The offer card: what an advisor learns of a request before accepting
// (no contact data), and what the card says once the offer is closed
// (without the description and the place, which that phone no longer
// needs).

// kindCard is the About kind of every message that shows an offer with
// its answer buttons (the card and the halfway reminder).
const kindCard = "card"

// aboutOffer is what the messages of offer id are about.
func aboutOffer(id int64) domain.About {
	return domain.About{Subject: fmt.Sprintf("of:%d", id), Kind: kindCard}
}

// shortDescription is how much of the description a card shows.
const shortDescription = 240

// cardHead is the part of the card every state shows: reference, topic,
// municipality and Bundesland, format, timeframe, languages, tandem.
func cardHead(tx *engine.Texts, lang string, r domain.Request) string {
	lines := []string{
		tx.T(lang, keyCardTitle, map[string]any{"Ref": r.Ref}),
		tx.T(lang, keyCardTopic, map[string]any{"Topic": engine.HTML(tx.RequestTopic(lang, r))}),
		tx.T(lang, keyCardWhere, map[string]any{"Municipality": r.Municipality, "State": tx.StateName(lang, r.State)}),
		tx.T(lang, keyCardFormat, map[string]any{"Format": tx.FormatName(lang, r.Format)}),
		tx.T(lang, keyCardWhen, map[string]any{"From": tx.Date(lang, r.Earliest), "To": tx.Date(lang, r.Latest)}),
	}
	if len(r.Languages) > 0 {
		lines = append(lines, tx.T(lang, keyCardLanguages, map[string]any{"Languages": strings.Join(r.Languages, ", ")}))
	}
	if r.Tandem {
		lines = append(lines, tx.T(lang, keyCardTandem, nil))
	}
	return strings.Join(lines, "\n")
}

// cardText is the open card of offer o of request r: the head, the place,
// the description cut short, and the deadline.
func cardText(tx *engine.Texts, lang string, loc *time.Location, r domain.Request, o domain.Offer) string {
	parts := []string{cardHead(tx, lang, r)}
	if r.Format != domain.FormatOnline && r.Place != "" {
		parts[0] += "\n" + tx.T(lang, keyCardPlace, map[string]any{"Place": r.Place})
	}
	parts = append(parts, tx.T(lang, keyCardDescription, map[string]any{"Text": cut(r.Description, shortDescription)}))
	parts = append(parts, tx.T(lang, keyCardDeadline, map[string]any{"Deadline": tx.DateTime(lang, o.Deadline, loc)}))
	return strings.Join(parts, "\n\n")
}

// closedKeys say why a card is closed, by the offer's status.
var closedKeys = map[domain.OfferStatus]string{
	domain.OfferAccepted:  keyClosedAccepted,
	domain.OfferDeclined:  keyClosedDeclined,
	domain.OfferExpired:   keyClosedExpired,
	domain.OfferTaken:     keyClosedTaken,
	domain.OfferWithdrawn: keyClosedWithdrawn,
}

// closedText is the card of an offer closed with status: the head and
// what happened, without description and place.
func closedText(tx *engine.Texts, lang string, r domain.Request, status domain.OfferStatus) string {
	key, ok := closedKeys[status]
	if !ok {
		key = keyClosedWithdrawn
	}
	return cardHead(tx, lang, r) + "\n\n" + tx.T(lang, key, nil)
}

// cardRows are the answer buttons of an open card in lang.
func cardRows(tx *engine.Texts, lang string, id int64) [][]engine.Button {
	return [][]engine.Button{
		{engine.DurableButton(tx.Plain(lang, keyBtnAccept, nil), feature, actAccept, id),
			engine.DurableButton(tx.Plain(lang, keyBtnDecline, nil), feature, actDecline, id)},
		{engine.DurableButton(tx.Plain(lang, keyBtnDetails, nil), feature, actDetails, id)},
	}
}

// closeCards is the restyle of every message about offer o: the closed
// text, no buttons. spare lists messages of chat that the turn redraws
// itself (the pressed card).
func closeCards(notes *engine.Notifier, tx *engine.Texts, r domain.Request, o domain.Offer, chat int64, spare ...int) domain.Notification {
	n := notes.RestyleWith(aboutOffer(o.ID), func(lang string) string { return closedText(tx, lang, r, o.Status) }, nil)
	n.ChatID, n.Spare = chat, spare
	return n
}

// cut shortens s to about n characters at a word, with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexAny(string(r), " \n"); i > n/2 {
		return strings.TrimRight(string(r)[:i], " \n.,;") + " …"
	}
	return string(r) + "…"
}
