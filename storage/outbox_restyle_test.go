package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Restyles: messages about a record get the buttons of its new state,
// before they are sent (their outbox rows) and after (edit rows).

var (
	decideRq1 = domain.About{Subject: "rq:1", Kind: "decide"}
	answerRq1 = domain.About{Subject: "rq:1", Kind: "answer"}
	viewRq1   = domain.About{Subject: "rq:1", Kind: "view"}
	decideRq2 = domain.About{Subject: "rq:2", Kind: "decide"}
)

// rows is one row of buttons with the given labels.
func rows(labels ...string) [][]domain.Button {
	var r []domain.Button
	for _, l := range labels {
		r = append(r, domain.Button{Label: l, Data: "*:rq:x:" + l})
	}
	return [][]domain.Button{r}
}

// aboutNote is a notification to chat in lang, about a, with buttons.
func aboutNote(chat int64, lang string, a domain.About, text string, labels ...string) domain.Notification {
	return domain.Notification{ChatID: chat, Lang: lang, About: a,
		Message: domain.Message{Text: text, Buttons: rows(labels...)}}
}

// restyle is the restyle of everything about a, by language, sparing
// chat's messages spare.
func restyle(a domain.About, byLang map[string][][]domain.Button, chat int64, spare ...int) domain.Notification {
	return domain.Notification{About: a, Restyle: byLang, ChatID: chat, Spare: spare}
}

// delivered is a claimed message as the test looks at it.
type delivered struct {
	chat   int64
	text   string
	edit   int
	labels string
}

// deliverAll claims and marks sent every due message, the n-th new
// message as message 500+n, and returns them in claim order.
func deliverAll(t *testing.T, e env) []delivered {
	t.Helper()
	ctx := context.Background()
	var out []delivered
	for range 20 {
		got, err := e.st.ClaimOutbox(ctx, 100, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			return out
		}
		for _, m := range got {
			id := 0
			if m.EditID == 0 {
				id = 501 + len(out)
			}
			if err := e.st.MarkOutboxSent(ctx, m, id, 0); err != nil {
				t.Fatal(err)
			}
			out = append(out, delivered{chat: m.ChatID, text: m.Message.Text, edit: m.EditID, labels: labelsOf(m.Message.Buttons)})
		}
	}
	t.Fatal("the outbox does not drain")
	return nil
}

// expectDeliveries delivers the outbox (deliverAll) and fails unless that
// delivered want, in this order.
func expectDeliveries(t *testing.T, e env, want ...delivered) {
	t.Helper()
	if got := deliverAll(t, e); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("delivered\n%v\nwant\n%v", got, want)
	}
}

// labelsOf lists the labels of rows, "-" for none.
func labelsOf(rows [][]domain.Button) string {
	if len(rows) == 0 {
		return "-"
	}
	return fmt.Sprint(rows)
}

func TestRestyleGivesPendingMessagesNewButtons(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	notify(t, e, aboutNote(1, "de", decideRq1, "neu", "Bewilligen", "Details"),
		aboutNote(2, "en", decideRq1, "new", "Approve", "Details"),
		aboutNote(3, "de", answerRq1, "frage", "Antworten", "Details"),
		aboutNote(4, "de", decideRq2, "andere", "Bewilligen", "Details"),
		note(5, "nichts"))
	notify(t, e, restyle(decideRq1, map[string][][]domain.Button{"de": rows("Details"), "en": nil}, 0))

	expectDeliveries(t, e,
		delivered{chat: 1, text: "neu", labels: labelsOf(rows("Details"))},
		delivered{chat: 2, text: "new", labels: "-"},
		delivered{chat: 3, text: "frage", labels: labelsOf(rows("Antworten", "Details"))},
		delivered{chat: 4, text: "andere", labels: labelsOf(rows("Bewilligen", "Details"))},
		delivered{chat: 5, text: "nichts", labels: "-"},
	)
}

func TestRestyleEditsShownMessages(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	notify(t, e, aboutNote(1, "de", decideRq1, "neu", "Bewilligen"), aboutNote(2, "en", decideRq1, "new", "Approve"),
		aboutNote(3, "de", decideRq2, "andere", "Bewilligen"))
	sent := deliverAll(t, e) // messages 501, 502, 503
	if len(sent) != 3 {
		t.Fatalf("sent %v", sent)
	}
	// A detail shown in a conversation of chat 6 (message 90), and one of
	// chat 7 that the turn making the change redraws itself (message 91).
	for chat, msg := range map[int64]int{6: 90, 7: 91} {
		if err := e.st.RecordShown(ctx, chat, msg, viewRq1, "en", 0); err != nil {
			t.Fatal(err)
		}
	}
	notify(t, e, restyle(decideRq1, map[string][][]domain.Button{"de": rows("Details"), "en": rows("Details (en)")}, 0),
		restyle(viewRq1, map[string][][]domain.Button{"de": rows("Stand"), "en": rows("Status")}, 7, 91))
	// Restyled again before the edits went out: the pending edits get the
	// newest buttons, and no second edit of a message is queued.
	notify(t, e, restyle(decideRq1, map[string][][]domain.Button{"de": rows("Details 2"), "en": nil}, 0))

	expectDeliveries(t, e,
		delivered{chat: 1, edit: 501, labels: labelsOf(rows("Details 2"))},
		delivered{chat: 2, edit: 502, labels: "-"},
		delivered{chat: 6, edit: 90, labels: labelsOf(rows("Status"))},
	)
	// The record knows what the edits left: a later restyle edits the
	// messages whose buttons change, not those that show them already
	// (Telegram refuses an edit to the same keyboard).
	notify(t, e, restyle(decideRq1, map[string][][]domain.Button{"de": nil, "en": nil}, 0))
	if got := deliverAll(t, e); fmt.Sprint(got) != fmt.Sprint([]delivered{{chat: 1, edit: 501, labels: "-"}}) {
		t.Fatalf("second restyle delivered %v, want an edit of message 501 only", got)
	}
	notify(t, e, restyle(decideRq1, map[string][][]domain.Button{"de": nil, "en": nil}, 0))
	if got := deliverAll(t, e); len(got) != 0 {
		t.Fatalf("a restyle to the buttons shown delivered %v", got)
	}
}

// A message restyled while a sender has it in hand goes out with the old
// buttons; its record brings an edit to the new ones after it.
func TestRestyleOfMessageOnItsWay(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	notify(t, e, aboutNote(1, "de", decideRq1, "neu", "Bewilligen"), aboutNote(2, "de", decideRq1, "neu", "Bewilligen"))
	claimed, err := e.st.ClaimOutbox(ctx, 10, time.Minute)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claimed %v, %v", claimed, err)
	}
	if claimed[0].About != decideRq1 || claimed[0].EditID != 0 {
		t.Fatalf("claimed %+v", claimed[0])
	}
	notify(t, e, restyle(decideRq1, map[string][][]domain.Button{"de": rows("Details")}, 0))
	for i, m := range claimed {
		if err := e.st.MarkOutboxSent(ctx, m, 700+i, 0); err != nil {
			t.Fatal(err)
		}
	}
	expectDeliveries(t, e,
		delivered{chat: 1, edit: 700, labels: labelsOf(rows("Details"))},
		delivered{chat: 2, edit: 701, labels: labelsOf(rows("Details"))},
	)
}

// What the engine records of a conversation: one message per call, the
// one before forgotten in the same write; a forgotten message is edited
// no more.
func TestRecordShownAndForget(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	byLang := map[string][][]domain.Button{"de": rows("Stand")}
	if err := e.st.RecordShown(ctx, 5, 10, viewRq1, "de", 0); err != nil {
		t.Fatal(err)
	}
	if err := e.st.RecordShown(ctx, 5, 11, viewRq1, "de", 10); err != nil {
		t.Fatal(err)
	}
	if err := e.st.RecordShown(ctx, 5, 11, viewRq1, "de", 11); err != nil { // shown again in place
		t.Fatal(err)
	}
	notify(t, e, restyle(viewRq1, byLang, 0))
	if got := deliverAll(t, e); fmt.Sprint(got) != fmt.Sprint([]delivered{{chat: 5, edit: 11, labels: labelsOf(byLang["de"])}}) {
		t.Fatalf("delivered %v, want an edit of message 11 only", got)
	}
	if err := e.st.ForgetShown(ctx, 5, 11); err != nil {
		t.Fatal(err)
	}
	notify(t, e, restyle(viewRq1, byLang, 0))
	if got := deliverAll(t, e); len(got) != 0 {
		t.Fatalf("a forgotten message was edited: %v", got)
	}
}
