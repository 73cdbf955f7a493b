package outbox

import (
	"context"
	"testing"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A restyle with a text reaches the messages shown already as one
// editMessageText each, with the text of the message's language and the
// new keyboard (none: the buttons go), in the chat's queue like every
// send; a message that shows that text and keyboard already ("message is
// not modified") counts as done.
func TestSenderEditsTextsOfRestyledMessages(t *testing.T) {
	t.Parallel()
	r := newLenientRig(t, telegramfake.Limits{Global: 100, PerChat: 5})
	r.users(7101, 3)
	ctx := context.Background()
	card := domain.About{Subject: "of:3", Kind: "card"}
	err := r.store.Notify(ctx, []domain.Notification{
		{ChatID: 7101, Lang: "de", About: card, Message: domain.Message{Text: "Angebot: Köln, Rathaus", Buttons: labelled("Annehmen", "Ablehnen")}},
		{ChatID: 7102, Lang: "en", About: card, Message: domain.Message{Text: "Offer: Cologne, town hall", Buttons: labelled("Accept")}},
		{ChatID: 7103, Lang: "de", About: card, Message: domain.Message{Text: "<b>Vergeben</b>"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := r.sender(nil, 100, 5)
	r.run(s)
	waitDrained(t, r)

	err = r.store.Notify(ctx, []domain.Notification{{About: card,
		Restyle:     map[string][][]domain.Button{"de": nil, "en": labelled("Details")},
		RestyleText: map[string]string{"de": "<b>Vergeben</b>", "en": "<b>Taken</b> – Anna &amp; Co"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	waitDrained(t, r)

	for chat, want := range map[int64]struct{ text, labels string }{
		7101: {"<b>Vergeben</b>", ""}, 7102: {"<b>Taken</b> – Anna &amp; Co", "Details"}, 7103: {"<b>Vergeben</b>", ""},
	} {
		m := r.fake.Messages(chat)[0]
		if m.Text != want.text || labelsIn(m) != want.labels {
			t.Errorf("chat %d shows %q with buttons %q, want %q with %q", chat, m.Text, labelsIn(m), want.text, want.labels)
		}
	}
	codes := map[string]map[int]int{}
	for _, c := range r.fake.Calls() {
		if codes[c.Method] == nil {
			codes[c.Method] = map[int]int{}
		}
		codes[c.Method][c.Code]++
	}
	if e := codes["editMessageText"]; e[200] != 2 || e[400] != 1 || len(e) != 2 {
		t.Errorf("editMessageText answered %v, want 2 edits and one not modified", e)
	}
	if n := len(codes["editMessageReplyMarkup"]); n != 0 {
		t.Errorf("editMessageReplyMarkup called for a text edit: %v", codes["editMessageReplyMarkup"])
	}
	if n := counterValue(t, s.metrics.failed.WithLabelValues("refused")); n != 0 {
		t.Errorf("%v edits given up as refused, want none", n)
	}
	if n := waitCounter(t, s.metrics.sent, 6); n != 6 {
		t.Errorf("%v deliveries recorded, want 6: 3 messages and 3 edits", n)
	}
}
