package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

// outboxEnv is an env for the outbox tests: enqueue stamps messages with
// the store's clock, so the test clock alone decides what is due.
func outboxEnv(t *testing.T) env {
	t.Helper()
	return newEnv(t)
}

func note(chat int64, text string) domain.Notification {
	return domain.Notification{ChatID: chat, Message: domain.Message{Text: text}}
}

func notify(t *testing.T, e env, notes ...domain.Notification) {
	t.Helper()
	if err := e.st.Notify(context.Background(), notes); err != nil {
		t.Fatalf("notify: %v", err)
	}
}

// claimTexts claims up to 10 messages and returns their texts.
func claimTexts(t *testing.T, e env) ([]string, []domain.Outgoing) {
	t.Helper()
	got, err := e.st.ClaimOutbox(context.Background(), 10, time.Minute)
	if err != nil {
		t.Fatalf("claim: %v", err)
	}
	texts := make([]string, len(got))
	for i, m := range got {
		texts[i] = m.Message.Text
	}
	return texts, got
}

func TestOutboxClaimsOldestPerChat(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	buttons := [][]domain.Button{{{Label: "Ja", Data: "x:1"}}}
	notify(t, e, note(1, "a1"), note(1, "a2"), note(2, "b1"))
	notify(t, e, domain.Notification{ChatID: 1, Message: domain.Message{Text: "a3", Buttons: buttons}})

	texts, claimed := claimTexts(t, e)
	if fmt.Sprint(texts) != "[a1 b1]" {
		t.Fatalf("first claim = %v, want [a1 b1] (one per chat, oldest first)", texts)
	}
	if again, _ := claimTexts(t, e); len(again) != 0 {
		t.Fatalf("claimed %v while the chats' first messages are leased", again)
	}
	if err := e.st.MarkOutboxSent(ctx, claimed[0], 0, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if held, _ := claimTexts(t, e); len(held) != 0 {
		t.Fatalf("claimed %v during the chat's pause", held)
	}
	e.clock.Add(11 * time.Second)
	texts, claimed = claimTexts(t, e)
	if fmt.Sprint(texts) != "[a2]" {
		t.Fatalf("after a1 was sent: %v, want [a2]", texts)
	}
	if err := e.st.MarkOutboxSent(ctx, claimed[0], 0, 0); err != nil {
		t.Fatal(err)
	}
	_, claimed = claimTexts(t, e)
	if len(claimed) != 1 || fmt.Sprint(claimed[0].Message.Buttons) != fmt.Sprint(buttons) {
		t.Fatalf("a3 with its buttons: %+v", claimed)
	}
	if n, err := e.st.PendingOutbox(ctx); err != nil || n != 2 {
		t.Fatalf("pending = %d, %v; want 2 (a3 and b1)", n, err)
	}
}

func TestOutboxLeaseRunsOut(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	notify(t, e, note(7, "one"), note(7, "two"))
	dead, err := e.st.ClaimOutbox(ctx, 10, 30*time.Second) // its sender dies
	if err != nil || len(dead) != 1 {
		t.Fatalf("claim: %v %v", dead, err)
	}
	e.clock.Add(29 * time.Second)
	if texts, _ := claimTexts(t, e); len(texts) != 0 {
		t.Fatalf("claimed %v during the lease", texts)
	}
	e.clock.Add(2 * time.Second)
	texts, again := claimTexts(t, e)
	if fmt.Sprint(texts) != "[one]" {
		t.Fatalf("after the lease: %v, want [one] again", texts)
	}
	// The dead sender's claim is no longer its own.
	if err := e.st.RetryOutbox(ctx, dead[0], 0, 1, "late"); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("retry with a lost lease: %v, want ErrConflict", err)
	}
	if err := e.st.RetryOutbox(ctx, again[0], 5*time.Second, 1, "HTTP 502"); err != nil {
		t.Fatal(err)
	}
	if texts, _ := claimTexts(t, e); len(texts) != 0 {
		t.Fatalf("claimed %v before not_before", texts)
	}
	e.clock.Add(6 * time.Second)
	_, claimed := claimTexts(t, e)
	if len(claimed) != 1 || claimed[0].Attempts != 1 || claimed[0].Message.Text != "one" {
		t.Fatalf("after the backoff: %+v", claimed)
	}
	var lastErr string
	if err := e.db.QueryRow(ctx, `SELECT last_error FROM outbox WHERE id = $1`, claimed[0].ID).Scan(&lastErr); err != nil || lastErr != "HTTP 502" {
		t.Fatalf("last_error = %q, %v", lastErr, err)
	}
}

func TestOutboxBlockedChat(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	notify(t, e, note(5, "first"), note(5, "second"), note(6, "other"))
	_, claimed := claimTexts(t, e) // [first other]
	const reason = "Forbidden: bot was blocked by the user"
	if err := e.st.FailOutbox(ctx, claimed[0], reason, true); err != nil {
		t.Fatal(err)
	}
	notify(t, e, note(5, "later"))
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE chat_id = 5 AND failed_at IS NOT NULL AND last_error = $1`, reason); n != 3 {
		t.Fatalf("%d messages of the blocked chat given up with the record, want 3", n)
	}
	if n := e.count(t, `SELECT count(*) FROM blocked_chats WHERE chat_id = 5 AND reason = $1`, reason); n != 1 {
		t.Fatal("no blocked_chats record")
	}
	if err := e.st.RetryOutbox(ctx, claimed[1], 0, 0, "x"); err != nil {
		t.Fatal(err)
	}
	texts, claimed := claimTexts(t, e)
	if fmt.Sprint(texts) != "[other]" {
		t.Fatalf("claim after the block = %v, want [other]", texts)
	}
	// Giving up on one message (a refusal) leaves the chat open.
	if err := e.st.FailOutbox(ctx, claimed[0], "Bad Request: chat not found", false); err != nil {
		t.Fatal(err)
	}
	if n := e.count(t, `SELECT count(*) FROM blocked_chats WHERE chat_id = 6`); n != 0 {
		t.Fatal("a refusal blocked the chat")
	}
}

func TestOutboxRolledBackNotifySendsNothing(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wake := e.st.ListenOutbox(ctx)
	expectWake(t, wake, "after connecting")
	// The empty text breaks the table's CHECK: the whole transaction rolls back.
	if err := e.st.Notify(ctx, []domain.Notification{note(8, "valid"), note(8, "")}); err == nil {
		t.Fatal("notify with an empty text succeeded")
	}
	select {
	case <-wake:
		t.Fatal("a rolled-back enqueue woke the sender")
	case <-time.After(300 * time.Millisecond):
	}
	if n := e.count(t, `SELECT count(*) FROM outbox`); n != 0 {
		t.Fatalf("%d rows after a rollback", n)
	}
	notify(t, e, note(8, "committed"))
	expectWake(t, wake, "after a commit")
	cancel()
	for range wake { // closed when ctx ends
	}
}

func expectWake(t *testing.T, wake <-chan struct{}, when string) {
	t.Helper()
	select {
	case <-wake:
	case <-time.After(5 * time.Second):
		t.Fatalf("no wake %s", when)
	}
}

// Several senders claiming at once never get the same message.
func TestOutboxConcurrentClaims(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	var notes []domain.Notification
	for chat := range int64(60) {
		notes = append(notes, note(100+chat, "m1"), note(100+chat, "m2"))
	}
	notify(t, e, notes...)
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for idle := 0; idle < 20; {
				got, err := e.st.ClaimOutbox(ctx, 7, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					idle++
					time.Sleep(5 * time.Millisecond)
					continue
				}
				for _, m := range got {
					mu.Lock()
					seen[m.ID]++
					mu.Unlock()
					if err := e.st.MarkOutboxSent(ctx, m, 0, 0); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if len(seen) != len(notes) {
		t.Fatalf("%d of %d messages claimed", len(seen), len(notes))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("message %d claimed %d times", id, n)
		}
	}
}

func TestReserveSendSpacesSends(t *testing.T) {
	t.Parallel()
	r := storagetest.Redis(t, storage.RedisOptions{})
	ctx := context.Background()
	const every = 200 * time.Millisecond
	reserve := func(key string, ahead int) (time.Duration, bool) {
		t.Helper()
		w, ok, err := r.ReserveSend(ctx, key, every, ahead)
		if err != nil {
			t.Fatal(err)
		}
		return w, ok
	}
	if w, ok := reserve("k", 1); !ok || w != 0 {
		t.Fatalf("first send: wait %v, ok %v; want now", w, ok)
	}
	w, ok := reserve("k", 1)
	if ok || w <= 0 || w > every {
		t.Fatalf("second send at once with no booking ahead: wait %v, ok %v; want a refusal with a wait in (0, %v]", w, ok, every)
	}
	if w, ok := reserve("other", 1); !ok || w != 0 {
		t.Fatalf("another key: wait %v, ok %v", w, ok)
	}
	// Booking ahead: the next slots, every apart, until ahead-1 lie in the future.
	for i := 1; i <= 2; i++ {
		w, ok := reserve("k", 3)
		if low, high := time.Duration(i)*every-50*time.Millisecond, time.Duration(i)*every; !ok || w < low || w > high {
			t.Fatalf("booking %d ahead: wait %v, ok %v; want ok and about %v", i, w, ok, high)
		}
	}
	if w, ok := reserve("k", 3); ok || w <= 0 {
		t.Fatalf("booking beyond ahead: wait %v, ok %v; want a refusal", w, ok)
	}
	time.Sleep(w)
	if _, ok := reserve("k", 3); !ok {
		t.Fatal("refused after the wait")
	}
}

// Only the holder of a claim records its outcome: once the lease ran out and
// another sender took the message over, the first sender's record of a send,
// a retry or a failure (also one that would block the chat) is refused with
// ErrConflict and changes nothing. A lease that ran out without being taken
// over is still its holder's.
func TestOutboxRecordsOnlyForTheLeaseHolder(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	notify(t, e, note(9, "one"), note(9, "two"))
	_, lost := claimTexts(t, e)
	e.clock.Add(61 * time.Second) // claimTexts leases for a minute
	texts, held := claimTexts(t, e)
	if fmt.Sprint(texts) != "[one]" {
		t.Fatalf("claim after the lease ran out = %v, want [one]", texts)
	}
	old := lost[0]
	for name, record := range map[string]func() error{
		"sent":    func() error { return e.st.MarkOutboxSent(ctx, old, 0, time.Minute) },
		"retry":   func() error { return e.st.RetryOutbox(ctx, old, time.Minute, 3, "late") },
		"refused": func() error { return e.st.FailOutbox(ctx, old, "Bad Request: late", false) },
		"blocked": func() error { return e.st.FailOutbox(ctx, old, "Forbidden: late", true) },
	} {
		if err := record(); !errors.Is(err, domain.ErrConflict) {
			t.Errorf("record %s with a lease taken over: %v, want ErrConflict", name, err)
		}
	}
	var lease time.Time
	if err := e.db.QueryRow(ctx, `SELECT lease_until FROM outbox WHERE id = $1 AND sent_at IS NULL AND failed_at IS NULL
AND attempts = 0 AND last_error IS NULL`, old.ID).Scan(&lease); err != nil || !lease.Equal(held[0].Lease) {
		t.Fatalf("the message after the stale records: lease %v, %v; want unchanged, the new holder's %v", lease, err, held[0].Lease)
	}
	if n := e.count(t, `SELECT count(*) FROM blocked_chats`); n != 0 {
		t.Fatal("a stale record blocked the chat")
	}
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE not_before > $1`, e.clock.Now()); n != 0 {
		t.Fatalf("a stale record held %d messages back", n)
	}
	if err := e.st.MarkOutboxSent(ctx, held[0], 0, 0); err != nil {
		t.Fatalf("the holder's record: %v", err)
	}
	if err := e.st.MarkOutboxSent(ctx, held[0], 0, 0); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("recording a send twice: %v, want ErrConflict", err)
	}
	// A lease that ran out but was not taken over is still the holder's.
	_, two := claimTexts(t, e)
	e.clock.Add(2 * time.Minute)
	if err := e.st.FailOutbox(ctx, two[0], "Bad Request: message is too long", false); err != nil {
		t.Fatalf("record after the lease ran out, not taken over: %v", err)
	}
	if n, err := e.st.PendingOutbox(ctx); err != nil || n != 0 {
		t.Fatalf("pending = %d, %v; want 0", n, err)
	}
}
