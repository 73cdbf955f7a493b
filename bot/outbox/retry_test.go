package outbox

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// A 429 reschedules the message after retry_after; it is sent once.
func TestOutboxWaitsRetryAfter(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramLimits)
	r.users(81, 1)
	r.fake.FailNext(1, 2)
	r.notify([]int64{81}, "bitte warten")
	r.run(r.sender(nil, 30, 1))
	r.waitSent(1, 10*time.Second)
	refused, sent := r.sends(429), r.sends(200)
	if len(refused) != 1 || len(sent) != 1 {
		t.Fatalf("%d refused and %d sent, want 1 and 1", len(refused), len(sent))
	}
	if gap := sent[0].At.Sub(refused[0].At); gap < 2*time.Second {
		t.Fatalf("sent %v after the 429, want at least retry_after (2s)", gap)
	}
	time.Sleep(300 * time.Millisecond)
	if got := r.texts(81); !slices.Equal(got, []string{"bitte warten"}) {
		t.Fatalf("chat got %v", got)
	}
}

// A message refused with a short retry_after is sent again once the wait is
// over, not after the backlog that became due meanwhile.
func TestOutboxRetryAfterDoesNotQueueBehindBacklog(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramfake.Limits{Global: 100, PerChat: 5})
	const n = 400 // 4 s at 100/s
	r.users(5000, n)
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = 5000 + int64(i)
	}
	r.notify(ids, numbered("b", n)...)
	r.fake.FailNext(1, 1)
	r.run(r.sender(nil, 100, 5))
	r.waitSent(n, 20*time.Second)
	refused, sent := r.sends(429), r.sends(200)
	if len(refused) != 1 {
		t.Fatalf("%d sends refused, want 1", len(refused))
	}
	var again time.Time
	for _, c := range sent {
		if c.ChatID == refused[0].ChatID {
			again = c.At
		}
	}
	gap := again.Sub(refused[0].At)
	if gap < time.Second || !again.Before(sent[len(sent)-1].At) {
		t.Fatalf("sent %v after the 429 (retry_after 1s), at %v, the backlog's last at %v",
			gap, again.Sub(sent[0].At), sent[len(sent)-1].At.Sub(sent[0].At))
	}
}

// A message too long for one goes out in parts, a chat's pause apart, with
// the buttons under the last; one with buttons Telegram would refuse is
// given up unsent.
func TestOutboxSplitsAndRefuses(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramLimits)
	r.users(6001, 2)
	long := strings.Repeat("Wort ", 1000) // 5,000 characters: two parts
	buttons := [][]domain.Button{{{Label: "Details", Data: "*:rq:view:1"}}}
	bad := [][]domain.Button{{{Label: "kaputt", Data: strings.Repeat("x", 65)}}}
	err := r.store.Notify(context.Background(), []domain.Notification{
		{ChatID: 6001, Message: domain.Message{Text: long, Buttons: buttons}},
		{ChatID: 6002, Message: domain.Message{Text: "nie", Buttons: bad}},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := r.sender(nil, 30, 1)
	r.run(s)
	r.waitSent(2, 10*time.Second)
	msgs := r.fake.Messages(6001)
	if len(msgs) != 2 || len(msgs[0].Buttons) != 0 || len(msgs[1].Buttons) != 1 {
		t.Fatalf("the long message came as %d parts (buttons %v)", len(msgs), buttonsOf(msgs))
	}
	if got := strings.Join(strings.Fields(msgs[0].Text+" "+msgs[1].Text), " "); got != strings.TrimSpace(long) {
		t.Error("the parts do not add up to the message")
	}
	if sent := r.sends(200); sent[1].At.Sub(sent[0].At) < time.Second {
		t.Errorf("the parts went %v apart, want the chat's pause", sent[1].At.Sub(sent[0].At))
	}
	deadline := time.Now().Add(5 * time.Second)
	for counterValue(t, s.metrics.failed.WithLabelValues("refused")) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the message with bad buttons was not given up as refused")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(r.fake.Messages(6002)); n != 0 {
		t.Fatalf("the message with bad buttons was sent %d times", n)
	}
	// The last part's record follows its send: wait for it.
	for {
		n, err := r.store.PendingOutbox(context.Background())
		if err == nil && n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pending = %d, %v; want 0", n, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func buttonsOf(msgs []telegramfake.Message) [][][]telegramfake.Button {
	var out [][][]telegramfake.Button
	for _, m := range msgs {
		out = append(out, m.Buttons)
	}
	return out
}
