package outbox

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/miglobe/miglobe-bot/bot/telegramfake"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// telegramLimits are Telegram's flood limits, as the fake enforces them.
var telegramLimits = telegramfake.Limits{Global: 30, PerChat: 1}

func TestOutboxOrderAndChatRate(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramLimits)
	r.users(71, 2)
	r.notify([]int64{71, 72}, numbered("m", 6)...)
	r.run(r.sender(nil, 30, 1))
	r.waitSent(6, 15*time.Second)
	// Enqueued right after the chat's last send: only the shared limit holds it back.
	r.notify([]int64{71}, "m-7")
	r.waitSent(7, 5*time.Second)
	want := map[int64][]string{71: {"m-1", "m-3", "m-5", "m-7"}, 72: {"m-2", "m-4", "m-6"}}
	for chat, texts := range want {
		if got := r.texts(chat); !slices.Equal(got, texts) {
			t.Errorf("chat %d got %v, want %v", chat, got, texts)
		}
		var last time.Time
		for _, c := range r.sends(200) {
			if c.ChatID != chat {
				continue
			}
			if !last.IsZero() && c.At.Sub(last) < time.Second {
				t.Errorf("chat %d: two messages %v apart", chat, c.At.Sub(last))
			}
			last = c.At
		}
	}
	r.noTooMany()
}

// A chat that blocked the bot is given up after one attempt, with its later
// messages; other chats go on.
func TestOutboxGivesUpOnBlockedChat(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramLimits)
	r.users(91, 2)
	r.fake.Block(91)
	r.notify([]int64{91, 91, 91, 92}, "a", "b", "c", "d")
	s := r.sender(nil, 30, 1)
	r.run(s)
	r.waitSent(1, 10*time.Second)
	r.notify([]int64{91, 92}, "e", "f")
	r.waitSent(2, 10*time.Second)
	// The records follow the sends: wait until nothing is pending, then
	// count what went to the blocked chat.
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := r.store.PendingOutbox(context.Background())
		if err == nil && n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pending = %d, %v; the blocked chat's messages should be given up", n, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var toBlocked int
	for _, c := range r.fake.Calls() {
		if c.Method == "sendMessage" && c.ChatID == 91 {
			toBlocked++
			if c.Code != 403 {
				t.Errorf("call to the blocked chat answered %d", c.Code)
			}
		}
	}
	if toBlocked != 1 {
		t.Fatalf("%d sends to the blocked chat, want 1", toBlocked)
	}
	if got := r.texts(92); !slices.Equal(got, []string{"d", "f"}) {
		t.Fatalf("other chat got %v", got)
	}
	// The counters follow the records: wait for them too.
	for {
		blocked, sent := counterValue(t, s.metrics.failed.WithLabelValues("blocked")), counterValue(t, s.metrics.sent)
		if blocked == 1 && sent == 2 {
			break
		}
		if time.Now().After(deadline) || blocked > 1 || sent > 2 {
			t.Fatalf("metrics: %v given up as blocked, %v sent; want 1 and 2", blocked, sent)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Two senders (two instances) on one database and Redis deliver every
// message exactly once, in order per chat, within the shared limits. Each
// is set to 60 messages a second where Telegram allows 100: sharing the
// limit keeps them at 60 together, with room for a late wake-up on a
// loaded machine; without sharing they would send 120 a second and meet
// 429s.
func TestOutboxTwoSendersDeliverOnce(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramfake.Limits{Global: 100, PerChat: 5})
	const chats, each = 40, 3
	r.users(1000, chats)
	ids := make([]int64, chats)
	for i := range ids {
		ids[i] = 1000 + int64(i)
	}
	r.notify(ids, numbered("n", chats*each)...)
	r.run(r.sender(nil, 60, 5))
	r.run(r.sender(r.openStore(), 60, 5))
	r.waitSent(chats*each, 20*time.Second)
	time.Sleep(300 * time.Millisecond)
	for i, chat := range ids {
		var want []string
		for k := range each {
			want = append(want, fmt.Sprintf("n-%d", i+1+k*chats))
		}
		if got := r.texts(chat); !slices.Equal(got, want) {
			t.Errorf("chat %d got %v, want %v", chat, got, want)
		}
	}
	r.noTooMany()
}

// dyingStore stands for a sender process that dies right after its first
// send, before recording it: it claims one message only, and records nothing.
type dyingStore struct {
	Store
	mu      sync.Mutex
	claimed bool
}

func (d *dyingStore) ClaimOutbox(ctx context.Context, _ int, lease time.Duration) ([]domain.Outgoing, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.claimed {
		return nil, nil
	}
	got, err := d.Store.ClaimOutbox(ctx, 1, lease)
	d.claimed = len(got) > 0
	return got, err
}

func (d *dyingStore) MarkOutboxSent(context.Context, domain.Outgoing, int, time.Duration) error {
	return nil
}

func (d *dyingStore) RetryOutbox(context.Context, domain.Outgoing, time.Duration, int, string) error {
	return nil
}

// A crash between send and record repeats at most that one message, after
// its lease; every other message arrives exactly once, in order.
func TestOutboxCrashRepeatsAtMostTheMessageInFlight(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramfake.Limits{Global: 100, PerChat: 5})
	r.users(2000, 5)
	ids := []int64{2000, 2001, 2002, 2003, 2004}
	r.notify(ids, numbered("c", 15)...)
	dying := &dyingStore{Store: r.store}
	dead := r.sender(dying, 100, 5)
	dead.lease = 3 * time.Second
	r.run(dead)
	r.waitSent(1, 10*time.Second)
	live := r.sender(nil, 100, 5)
	r.run(live)
	r.waitSent(16, 20*time.Second)
	time.Sleep(300 * time.Millisecond)
	repeated := 0
	for i, chat := range ids {
		got := r.texts(chat)
		want := []string{fmt.Sprintf("c-%d", i+1), fmt.Sprintf("c-%d", i+6), fmt.Sprintf("c-%d", i+11)}
		if len(got) == 4 && got[0] == got[1] {
			repeated++
			got = got[1:]
		}
		if !slices.Equal(got, want) {
			t.Errorf("chat %d got %v, want %v (at most the first repeated)", chat, r.texts(chat), want)
		}
	}
	if repeated != 1 {
		t.Errorf("%d messages repeated, want exactly the one in flight", repeated)
	}
	r.noTooMany()
}

// A NOTIFY wakes the sender at once, where the fallback poll would take ten
// minutes: the message arrives within a few seconds of the commit, claimed
// after a wake that came after the commit, the listener's only wake besides
// the one when LISTEN took hold. The same run with LISTEN switched
// off (a ListenOutbox that never wakes) delivers nothing in that time, so
// nothing but the wake can deliver here: the test fails when LISTEN or
// NOTIFY does not work. (bot's TestOutboxNotifyWakesSender runs the same
// inside Bot.Run.)
func TestOutboxNotifyWakesSender(t *testing.T) {
	t.Parallel()
	// Far longer than a wake takes, even on a loaded machine; far shorter
	// than the poll.
	const within = 5 * time.Second
	type run struct {
		r      *outboxRig
		probe  *listenProbe
		commit time.Time
	}
	start := func(listenOff bool) *run {
		r := newOutboxRig(t, telegramLimits)
		r.users(3000, 1)
		probe := &listenProbe{Store: r.store, off: listenOff}
		cfg := config(30, 1)
		cfg.Poll = 10 * time.Minute
		s := New(probe, r.redis, newLibAPI(t, r.fake.URL()), cfg, prometheus.NewRegistry())
		if s.poll != cfg.Poll {
			t.Fatalf("poll %v, want Config.Poll", s.poll)
		}
		r.run(s)
		return &run{r: r, probe: probe}
	}
	on, off := start(false), start(true)
	on.probe.waitIdle(t)
	off.probe.waitIdle(t)
	for _, x := range []*run{on, off} {
		x.commit = time.Now()
		x.r.notify([]int64{3000}, "sofort")
	}
	if _, err := on.r.fake.Next(3000, within); err != nil {
		t.Fatalf("no message within %v of the commit: %v", within, err)
	}
	t.Logf("delivered %v after the commit", time.Since(on.commit))
	on.probe.checkWokenAfter(t, on.commit)
	if m, err := off.r.fake.Next(3000, time.Until(off.commit.Add(within))); !errors.Is(err, telegramfake.ErrTimeout) {
		t.Fatalf("with LISTEN off the message came within %v all the same (%q, %v): something else wakes the sender, so this test cannot tell whether LISTEN works",
			within, m.Text, err)
	}
	on.probe.checkOnlyNotifyWakes(t, on.commit)
}

// With the limits raised tenfold, 1,000 notifications to 1,000 chats take no
// less than 1000/300 s and get no 429: the limiter spaces them.
func TestOutboxTenfoldLimits(t *testing.T) {
	t.Parallel()
	r := newOutboxRig(t, telegramfake.Limits{Global: 300, PerChat: 10})
	const n = 1000
	r.users(10000, n)
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = 10000 + int64(i)
	}
	r.notify(ids, numbered("t", n)...)
	start := time.Now()
	r.run(r.sender(nil, 300, 10))
	r.waitSent(n, 30*time.Second)
	sent := r.sends(200)
	took := sent[len(sent)-1].At.Sub(start)
	if min := time.Duration(n) * time.Second / 300; took < min {
		t.Errorf("1000 messages took %v, less than %v", took, min)
	}
	r.noTooMany()
	span := sent[len(sent)-1].At.Sub(sent[0].At)
	t.Logf("1000 messages in %v from the start, %v from the first to the last (%.0f/s)", took, span, (n-1)/span.Seconds())
}

// counterValue reads a counter.
// waitCounter waits up to 10 s for c to reach want and returns its value
// then (or at the deadline).
func waitCounter(t *testing.T, c prometheus.Counter, want float64) float64 {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n := counterValue(t, c)
		if n >= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func counterValue(t *testing.T, c prometheus.Counter) float64 {
	t.Helper()
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}
