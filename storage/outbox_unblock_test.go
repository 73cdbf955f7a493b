package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/storage"
	"github.com/miglobe/miglobe-bot/storage/storagetest"
)

const blockedReason = "Forbidden: bot was blocked by the user"

// blockChat claims the chat's oldest pending message and gives up on it
// with the block, as the sender does on a 403; the other claims are given
// back.
func blockChat(t *testing.T, e env, chat int64) {
	t.Helper()
	ctx := context.Background()
	_, claimed := claimTexts(t, e)
	blocked := false
	for _, m := range claimed {
		var err error
		if m.ChatID == chat {
			blocked = true
			err = e.st.FailOutbox(ctx, m, blockedReason, true)
		} else {
			err = e.st.RetryOutbox(ctx, m, 0, m.Attempts, "given back")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if !blocked {
		t.Fatalf("nothing of chat %d claimed", chat)
	}
}

// drain claims and marks sent until nothing is due, and returns the texts
// in the order they were claimed.
func drain(t *testing.T, e env) []string {
	t.Helper()
	var all []string
	for range 20 {
		texts, claimed := claimTexts(t, e)
		if len(claimed) == 0 {
			return all
		}
		for _, m := range claimed {
			if err := e.st.MarkOutboxSent(context.Background(), m, 0, 0); err != nil {
				t.Fatal(err)
			}
		}
		all = append(all, texts...)
	}
	t.Fatal("the outbox does not drain")
	return nil
}

func TestUnblockChatRevivesWhatTheBlockGaveUp(t *testing.T) {
	t.Parallel()
	e := outboxEnv(t)
	ctx := context.Background()
	// Given up for another reason before the block: stays given up.
	notify(t, e, note(5, "refused"))
	_, refused := claimTexts(t, e)
	if err := e.st.FailOutbox(ctx, refused[0], "Bad Request: can't parse entities", false); err != nil {
		t.Fatal(err)
	}
	notify(t, e, note(5, "first"), note(5, "second"), note(6, "other"))
	blockChat(t, e, 5)
	notify(t, e, note(5, "later"))
	if got := drain(t, e); fmt.Sprint(got) != "[other]" {
		t.Fatalf("delivered while chat 5 is blocked: %v, want [other]", got)
	}
	for _, chat := range []int64{5, 6} {
		if n := e.count(t, `SELECT count(*) FROM outbox WHERE chat_id = $1 AND blocked`, chat); chat == 5 && n != 3 || chat == 6 && n != 0 {
			t.Fatalf("%d messages of chat %d marked as given up for the block", n, chat)
		}
	}
	// A chat that is not blocked: nothing to do.
	for _, chat := range []int64{6, 7} {
		if ok, err := e.st.UnblockChat(ctx, chat); ok || err != nil {
			t.Fatalf("unblock chat %d, never blocked: %v, %v; want false, nil", chat, ok, err)
		}
	}
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	wake := e.st.ListenOutbox(lctx)
	expectWake(t, wake, "after connecting")
	if ok, err := e.st.UnblockChat(ctx, 5); !ok || err != nil {
		t.Fatalf("unblock chat 5: %v, %v; want true, nil", ok, err)
	}
	expectWake(t, wake, "after the unblock")
	if n := e.count(t, `SELECT count(*) FROM blocked_chats`); n != 0 {
		t.Fatalf("%d blocked_chats records after the unblock", n)
	}
	// The chat's messages go out again, oldest first, one at a time.
	if got := drain(t, e); !slices.Equal(got, []string{"first", "second", "later"}) {
		t.Fatalf("delivered after the unblock: %v, want [first second later]", got)
	}
	if n := e.count(t, `SELECT count(*) FROM outbox WHERE text = 'refused' AND failed_at IS NOT NULL AND NOT blocked`); n != 1 {
		t.Fatal("the message refused for another reason was revived")
	}
	if ok, err := e.st.UnblockChat(ctx, 5); ok || err != nil {
		t.Fatalf("unblock chat 5 again: %v, %v; want false, nil", ok, err)
	}
	notify(t, e, note(5, "after"))
	if got := drain(t, e); fmt.Sprint(got) != "[after]" {
		t.Fatalf("enqueued after the unblock: %v, want [after]", got)
	}
}

// An enqueue to a blocked chat and an unblock of the chat that run at once
// never leave a message given up for a block that is no longer recorded:
// whichever comes second waits for the first and sees what it did.
func TestUnblockChatAndEnqueueFollowEachOther(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("enqueue first", func(t *testing.T) {
		t.Parallel()
		e := outboxEnv(t)
		notify(t, e, note(5, "first"))
		blockChat(t, e, 5)
		tx, err := e.db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback(ctx) }()
		if err := storage.EnqueueIn(ctx, tx, e.clock.Now(), []domain.Notification{note(5, "during")}); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			ok, err := e.st.UnblockChat(ctx, 5)
			if err == nil && !ok {
				err = errors.New("unblock reported the chat not blocked")
			}
			done <- err
		}()
		waitForLockOrDone(t, e, done)
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := drain(t, e); !slices.Equal(got, []string{"first", "during"}) {
			t.Fatalf("delivered after the unblock: %v, want [first during]", got)
		}
	})
	t.Run("unblock first", func(t *testing.T) {
		t.Parallel()
		e := outboxEnv(t)
		notify(t, e, note(5, "first"))
		blockChat(t, e, 5)
		// An unblock under way: UnblockChat's statements, its transaction held open.
		tx, err := e.db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback(ctx) }()
		if _, err := tx.Exec(ctx, `DELETE FROM blocked_chats WHERE chat_id = 5`); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE outbox SET failed_at = NULL, blocked = false WHERE chat_id = 5 AND blocked`); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- e.st.Notify(ctx, []domain.Notification{note(5, "during")}) }()
		waitForLockOrDone(t, e, done)
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := drain(t, e); !slices.Equal(got, []string{"first", "during"}) {
			t.Fatalf("delivered after the unblock: %v, want [first during]", got)
		}
	})
}

// waitForLockOrDone waits until a session of e's database waits for a lock
// (the call running in the background waits for the test's open
// transaction), or until that call is done without waiting; a call that is
// done is put back on done.
func waitForLockOrDone(t *testing.T, e env, done chan error) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case err := <-done:
			done <- err
			return
		default:
		}
		if e.count(t, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`) > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the call neither waited for the lock nor finished within 30s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The cost of UnblockChat for a chat that is not blocked, which the intake
// pays for every update.
func BenchmarkUnblockChatNotBlocked(b *testing.B) {
	st := storagetest.Store(b)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if _, err := st.UnblockChat(ctx, int64(i)); err != nil {
			b.Fatal(err)
		}
	}
}
