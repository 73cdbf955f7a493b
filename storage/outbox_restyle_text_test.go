package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Restyles with a text: the messages about a record get a new text with
// their new buttons, in their own language, before they are sent (their
// outbox rows) and after (edit rows that carry the text).

var offerSeat1 = domain.About{Subject: "of:1", Kind: "card"}

// closed is a restyle of everything about a to the texts by language and
// no buttons in any of them.
func closed(a domain.About, texts map[string]string) domain.Notification {
	none := map[string][][]domain.Button{}
	for lang := range texts {
		none[lang] = nil
	}
	return domain.Notification{About: a, Restyle: none, RestyleText: texts}
}

func TestRestyleTextReplacesWaitingAndEditsShownMessages(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	notify(t, e, aboutNote(1, "de", offerSeat1, "Angebot: Köln, Rathaus", "Annehmen"),
		aboutNote(2, "en", offerSeat1, "Offer: Cologne, town hall", "Accept"),
		aboutNote(3, "fr", offerSeat1, "Offre", "Accepter"),
		aboutNote(4, "de", decideRq1, "Anfrage", "Bewilligen"))
	if sent := deliverAll(t, e); len(sent) != 4 { // messages 501-504
		t.Fatalf("sent %v", sent)
	}
	if err := e.st.RecordShown(ctx, 6, 90, offerSeat1, "en", 0); err != nil { // a screen of a conversation
		t.Fatal(err)
	}
	notify(t, e, aboutNote(5, "de", offerSeat1, "Angebot: Köln, Rathaus", "Annehmen")) // not sent yet

	notify(t, e, closed(offerSeat1, map[string]string{"de": "<b>Vergeben</b>", "en": "<b>Taken</b>"}))
	expectDeliveries(t, e,
		delivered{chat: 5, text: "<b>Vergeben</b>", labels: "-"},            // waiting: sent with the new text
		delivered{chat: 1, text: "<b>Vergeben</b>", edit: 501, labels: "-"}, // shown: edited, by language
		delivered{chat: 2, text: "<b>Taken</b>", edit: 502, labels: "-"},
		delivered{chat: 3, text: "", edit: 503, labels: "-"}, // no text in its language: its buttons alone
		delivered{chat: 6, text: "<b>Taken</b>", edit: 90, labels: "-"},
	)

	// What a message shows is not on record: a text is edited again (the
	// sender takes Telegram's "not modified" as done); a message in a
	// language without a text that shows the buttons already is not.
	notify(t, e, closed(offerSeat1, map[string]string{"de": "<b>Vergeben</b>", "en": "<b>Taken</b>"}))
	expectDeliveries(t, e,
		delivered{chat: 1, text: "<b>Vergeben</b>", edit: 501, labels: "-"},
		delivered{chat: 2, text: "<b>Taken</b>", edit: 502, labels: "-"},
		delivered{chat: 5, text: "<b>Vergeben</b>", edit: 501, labels: "-"},
		delivered{chat: 6, text: "<b>Taken</b>", edit: 90, labels: "-"},
	)
}

// A restyle of the buttons alone keeps the text a waiting text edit
// carries; a message restyled with a text while a sender has it in hand
// goes out as claimed, and its record brings an edit to the new text.
func TestRestyleTextOfMessagesOnTheirWay(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	notify(t, e, aboutNote(1, "de", offerSeat1, "Angebot", "Annehmen"))
	deliverAll(t, e) // message 501
	notify(t, e, closed(offerSeat1, map[string]string{"de": "Vergeben"}),
		restyle(offerSeat1, map[string][][]domain.Button{"de": rows("Details")}, 0))
	expectDeliveries(t, e, delivered{chat: 1, text: "Vergeben", edit: 501, labels: labelsOf(rows("Details"))})

	notify(t, e, aboutNote(2, "de", offerSeat1, "Angebot", "Annehmen"))
	claimed, err := e.st.ClaimOutbox(ctx, 10, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %v, %v", claimed, err)
	}
	notify(t, e, closed(offerSeat1, map[string]string{"de": "Zurückgezogen"}))
	if err := e.st.MarkOutboxSent(ctx, claimed[0], 700, 0); err != nil {
		t.Fatal(err)
	}
	expectDeliveries(t, e,
		delivered{chat: 1, text: "Zurückgezogen", edit: 501, labels: "-"},
		delivered{chat: 2, text: "Zurückgezogen", edit: 700, labels: "-"},
	)
}

// An edit cannot be split: a restyle text longer than one message (as
// Telegram counts it, after entity parsing) or empty is refused, and none
// of the notes written with it is.
func TestRestyleTextMustFitOneMessage(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	// 4096 characters as Telegram counts them, 16,103 as written.
	fits := "<b>" + strings.Repeat("&amp;", 3000) + strings.Repeat("ä", domain.MaxTextLength-3000) + "</b>"
	for name, text := range map[string]string{
		"too long":  strings.Repeat("ä", domain.MaxTextLength+1),
		"empty":     "",
		"blank":     " \n",
		"tags only": "<b></b>",
	} {
		t.Run(name, func(t *testing.T) {
			err := e.st.Notify(ctx, []domain.Notification{note(1, "vorher"),
				closed(offerSeat1, map[string]string{"de": "Vergeben", "en": text})})
			if !errors.Is(err, domain.ErrInvalid) {
				t.Fatalf("Notify = %v, want ErrInvalid", err)
			}
		})
	}
	if n, err := e.st.PendingOutbox(ctx); err != nil || n != 0 {
		t.Fatalf("%d messages pending after refused restyles (%v), want none", n, err)
	}
	notify(t, e, aboutNote(1, "en", offerSeat1, "Offer", "Accept"))
	notify(t, e, closed(offerSeat1, map[string]string{"en": fits}))
	if got := deliverAll(t, e); len(got) != 1 || got[0].text != fits {
		t.Fatalf("a text of exactly one message was not given: %v", got)
	}
}
