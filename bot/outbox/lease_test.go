package outbox

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// recordingStore counts the messages a sender claims and the outcomes it
// records (sent, given back or retried, given up), whatever the store
// answers, so that a test can tell when the sender has settled everything
// it claimed. The answer to its first MarkOutboxSent comes slowMark late
// (the record itself is written at once), as from a slow database: the
// sender's worker stays busy meanwhile and the messages in its queue wait.
type recordingStore struct {
	Store
	slowMark time.Duration

	mu      sync.Mutex
	claimed int
	settled int
	marks   int
}

func (s *recordingStore) ClaimOutbox(ctx context.Context, limit int, lease time.Duration) ([]domain.Outgoing, error) {
	got, err := s.Store.ClaimOutbox(ctx, limit, lease)
	s.mu.Lock()
	s.claimed += len(got)
	s.mu.Unlock()
	return got, err
}

func (s *recordingStore) MarkOutboxSent(ctx context.Context, m domain.Outgoing, msgID int, chatPause time.Duration) error {
	err := s.Store.MarkOutboxSent(ctx, m, msgID, chatPause)
	s.mu.Lock()
	s.marks++
	first := s.marks == 1
	s.mu.Unlock()
	if first {
		time.Sleep(s.slowMark)
	}
	s.settle()
	return err
}

func (s *recordingStore) RetryOutbox(ctx context.Context, m domain.Outgoing, after time.Duration, attempts int, reason string) error {
	defer s.settle()
	return s.Store.RetryOutbox(ctx, m, after, attempts, reason)
}

func (s *recordingStore) FailOutbox(ctx context.Context, m domain.Outgoing, reason string, blockChat bool) error {
	defer s.settle()
	return s.Store.FailOutbox(ctx, m, reason, blockChat)
}

func (s *recordingStore) settle() {
	s.mu.Lock()
	s.settled++
	s.mu.Unlock()
}

// counts returns how many messages the sender claimed and how many
// outcomes it recorded.
func (s *recordingStore) counts() (claimed, settled int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.claimed, s.settled
}

// waitUntil polls cond until it holds, failing the test after timeout.
func waitUntil(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A message claimed together with another waits in the sender's queue
// while the worker is busy with the first (its record answers late). Its
// lease counts from the claim: the sender does not send it once the lease
// has run out, nor waits out a 429 past the lease, while a second sender
// takes it over when the lease ends. Each message arrives exactly once.
func TestOutboxLeaseCountsFromTheClaim(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		busy     time.Duration // how long the worker stays with the first message
		retryAft int           // the second message's first send is answered 429 with this retry_after (0: no 429)
	}{
		{"lease ran out in the queue", 12 * time.Second, 0},
		{"429 wait would outlast the lease", 7 * time.Second, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			const lease = 10 * time.Second
			r := newOutboxRig(t, telegramLimits)
			r.users(4101, 2)
			r.notify([]int64{4101, 4102}, "erste", "zweite")
			sa := &recordingStore{Store: r.store, slowMark: tc.busy}
			a := r.sender(sa, 30, 1)
			a.workers, a.lease = 1, lease // one worker: one message in hand, one in the queue
			r.run(a)
			waitUntil(t, 10*time.Second, "sender A holds both messages, the first sent", func() bool {
				claimed, _ := sa.counts()
				return claimed == 2 && len(r.sends(200)) == 1
			})
			if tc.retryAft > 0 {
				r.fake.FailNext(1, tc.retryAft)
			}
			sb := &recordingStore{Store: r.openStore()}
			b := r.sender(sb, 30, 1)
			b.lease, b.poll = lease, 200*time.Millisecond
			r.run(b)
			waitUntil(t, 60*time.Second, "everything delivered and every claim settled", func() bool {
				n, err := r.store.PendingOutbox(context.Background())
				if err != nil || n != 0 {
					return false
				}
				claimedA, settledA := sa.counts()
				claimedB, settledB := sb.counts()
				return claimedA == settledA && claimedB == settledB
			})
			for chat, text := range map[int64]string{4101: "erste", 4102: "zweite"} {
				if got := r.texts(chat); !slices.Equal(got, []string{text}) {
					t.Errorf("chat %d got %q, want %q once", chat, got, text)
				}
			}
			if n := len(r.sends(429)); tc.retryAft > 0 && n != 1 {
				t.Errorf("%d sends answered 429, want the one asked for", n)
			}
		})
	}
}

// A send starts only while a quarter of the lease is left, and is cut off
// an eighth of the lease before the lease ends, or after sendTimeout.
func TestOutboxSendFitsInTheLease(t *testing.T) {
	t.Parallel()
	now := time.Now()
	short := &Sender{lease: 8 * time.Second}
	c := claim{until: now.Add(8 * time.Second)}
	if !short.canSendAt(c, now.Add(6*time.Second)) {
		t.Error("no send with a quarter of the lease left")
	}
	if short.canSendAt(c, now.Add(6*time.Second+time.Millisecond)) {
		t.Error("a send with less than a quarter of the lease left")
	}
	if end := short.sendDeadline(c); end.After(c.until.Add(-time.Second)) {
		t.Errorf("a send may run until %v before the lease ends, want an eighth of it (1s) left", c.until.Sub(end))
	}
	long := &Sender{lease: outboxLease}
	start := time.Now()
	if end := long.sendDeadline(claim{until: now.Add(outboxLease)}); end.After(time.Now().Add(sendTimeout)) || end.Before(start.Add(sendTimeout)) {
		t.Errorf("a send at the start of a %v lease is cut off after %v, want sendTimeout (%v)", outboxLease, end.Sub(start), sendTimeout)
	}
}
