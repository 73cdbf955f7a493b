package outbox

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// labelled is one row of durable buttons with the given labels.
func labelled(labels ...string) [][]domain.Button {
	var row []domain.Button
	for _, l := range labels {
		row = append(row, domain.Button{Label: l, Data: "*:rq:x:" + strings.ReplaceAll(l, " ", "")})
	}
	return [][]domain.Button{row}
}

// labelsIn lists the labels of a message's buttons.
func labelsIn(m telegramfake.Message) string {
	var out []string
	for _, row := range m.Buttons {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return strings.Join(out, ",")
}

// Messages about a record are recorded with the id Telegram gave them (for
// a long one, the part with the buttons); a restyle then edits their
// keyboards with editMessageReplyMarkup, in the chat's queue. An edit
// Telegram finds needless (not modified, message gone) counts as done, and
// one answered 429 is sent again.
func TestSenderEditsRestyledMessages(t *testing.T) {
	t.Parallel()
	r := newLenientRig(t, telegramfake.Limits{Global: 100, PerChat: 5})
	r.users(7001, 3)
	ctx := context.Background()
	decide := domain.About{Subject: "rq:9", Kind: "decide"}
	long := strings.Repeat("Eine Zeile der langen Anfrage.\n", 200)
	err := r.store.Notify(ctx, []domain.Notification{
		{ChatID: 7001, Lang: "de", About: decide, Message: domain.Message{Text: "Neu", Buttons: labelled("Bewilligen", "Details")}},
		{ChatID: 7002, Lang: "en", About: decide, Message: domain.Message{Text: long, Buttons: labelled("Approve", "Details")}},
		{ChatID: 7003, Lang: "de", Message: domain.Message{Text: "Andere", Buttons: labelled("Bewilligen")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := r.sender(nil, 100, 5)
	r.run(s)
	r.waitSent(4, 10*time.Second)
	if n := len(r.fake.Messages(7002)); n != 2 {
		t.Fatalf("the long message came in %d parts, want 2", n)
	}
	waitDrained(t, r)

	// Chat 7003's message shows what the restyle of "fr" gives, and its
	// message 99999 is gone: both edits are needless.
	other := r.fake.Messages(7003)[0].ID
	for _, m := range []struct {
		id   int
		lang string
	}{{other, "fr"}, {99999, "de"}} {
		if err := r.store.RecordShown(ctx, 7003, m.id, decide, m.lang, 0); err != nil {
			t.Fatal(err)
		}
	}
	r.fake.FailNext(1, 1) // the first edit is answered 429 and sent again
	err = r.store.Notify(ctx, []domain.Notification{{About: decide, Restyle: map[string][][]domain.Button{
		"de": labelled("Details"), "en": labelled("Details (en)"), "fr": labelled("Bewilligen"),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	waitDrained(t, r)

	got := fmt.Sprintf("%s|%s %s|%s", labelsIn(r.fake.Messages(7001)[0]), labelsIn(r.fake.Messages(7002)[0]),
		labelsIn(r.fake.Messages(7002)[1]), labelsIn(r.fake.Messages(7003)[0]))
	if want := "Details| Details (en)|Bewilligen"; got != want {
		t.Errorf("buttons after the restyle %q, want %q", got, want)
	}
	if m := r.fake.Messages(7001)[0]; m.Text != "Neu" || m.Edits != 1 {
		t.Errorf("chat 7001's message %+v, want its text and one edit", m)
	}
	codes := map[int]int{}
	for _, c := range r.fake.Calls() {
		if c.Method == "editMessageReplyMarkup" {
			codes[c.Code]++
		}
	}
	if codes[200] != 2 || codes[400] != 2 || codes[429] != 1 {
		t.Errorf("editMessageReplyMarkup answered %v, want 2 edits, 2 needless and one 429", codes)
	}
	if n := counterValue(t, s.metrics.failed.WithLabelValues("refused")); n != 0 {
		t.Errorf("%v edits given up as refused, want none", n)
	}
	// The counter moves just after a send's record, which waitDrained
	// sees: wait for it rather than read it at once.
	if n := waitCounter(t, s.metrics.sent, 7); n != 7 {
		t.Errorf("%v deliveries recorded, want 7: 3 messages and 4 edits", n)
	}
}

// waitDrained waits until nothing is pending in the rig's outbox.
func waitDrained(t *testing.T, r *outboxRig) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := r.store.PendingOutbox(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d outbox messages still pending", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
