package bot

import (
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
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
