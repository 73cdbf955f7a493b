package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/miglobe/miglobe-bot/bot/internal/pause"
	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// runFlow calls the engine and turns a panic into a logged error.
func (b *Bot) runFlow(ctx context.Context, u engine.Update, sess *domain.Session) (panicked bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = true
			b.metrics.errors.WithLabelValues("panic").Inc()
			b.log.Error("panic in handler", slog.Int64("update_id", u.ID),
				slog.String("panic", fmt.Sprint(r)), slog.String("stack", string(debug.Stack())))
		}
	}()
	_, err = b.engine.Handle(ctx, u, sess) // the engine answered the callback query with its toast
	return false, err
}

// Webhook mode holds a chat's lock and its update's lease only while it
// handles the update, renewing both every keepAliveEvery: when an instance
// dies, what it held runs out within lockTTL (the lease's default is about
// the same), and another instance takes the redelivery.
const (
	lockTTL        = 3 * time.Second
	keepAliveEvery = time.Second
)

// keepAlive renews chat's lock and the leases of ids every keepAliveEvery
// until the returned stop is called.
func (b *Bot) keepAlive(chat int64, ids []int64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(keepAliveEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				ctx, cancel := context.WithTimeout(context.Background(), keepAliveEvery)
				if err := b.conv.KeepAlive(ctx, chat, ids); err != nil {
					b.log.Warn("keep chat lock and lease alive", slog.Int64("chat_id", chat), slog.String("err", err.Error()))
				}
				cancel()
			}
		}
	}()
	return func() { close(done); <-finished }
}

// lockChat takes the chat's lock in Redis, which keeps per-chat order when
// several instances share one webhook.
func (b *Bot) lockChat(ctx context.Context, chat int64) (func(), error) {
	wait := 10 * time.Millisecond
	deadline := time.Now().Add(b.claimWait)
	for {
		unlock, err := b.conv.LockChat(ctx, chat, lockTTL)
		if err == nil {
			return func() {
				if err := unlock(context.WithoutCancel(ctx)); err != nil {
					b.log.Warn("unlock chat", slog.String("err", err.Error()))
				}
			}, nil
		}
		if !errors.Is(err, domain.ErrBusy) || time.Now().After(deadline) || !sleep(ctx, wait) {
			return nil, fmt.Errorf("bot: lock chat: %w: %w", errRetry, err)
		}
		wait = min(wait*2, 200*time.Millisecond)
	}
}

func (b *Bot) answer(ctx context.Context, queryID, text string) {
	if err := b.client.answer(ctx, queryID, text); err != nil {
		b.log.Warn("answer callback query", slog.String("err", err.Error()))
	}
}

// apologize tells the user something went wrong on our side.
func (b *Bot) apologize(ctx context.Context, u engine.Update, lang string) {
	text := b.engine.Texts().T(b.langOf(lang, u), engine.TextInternalError, nil)
	if _, err := b.client.Send(ctx, u.ChatID, domain.Message{Text: text}); err != nil {
		b.log.Warn("send apology", slog.String("err", err.Error()))
	}
}

// tellUnavailable says the bot is briefly unavailable, at most once a minute
// per chat, while Redis cannot be reached.
func (b *Bot) tellUnavailable(ctx context.Context, u engine.Update) {
	if !b.unavailableTold.due(u.ChatID, time.Now()) {
		return
	}
	text := b.engine.Texts().T(b.langOf("", u), engine.TextUnavailable, nil)
	if _, err := b.client.Send(ctx, u.ChatID, domain.Message{Text: text}); err != nil {
		b.log.Warn("send unavailable notice", slog.String("err", err.Error()))
	}
}

func (b *Bot) langOf(lang string, u engine.Update) string {
	if lang != "" {
		return lang
	}
	if u.LangHint == "en" || u.LangHint == "de" {
		return u.LangHint
	}
	return b.cfg.DefaultLang
}

func kindName(k engine.Kind) string {
	switch k {
	case engine.KindText:
		return "text"
	case engine.KindCommand:
		return "command"
	case engine.KindButton:
		return "button"
	}
	return "other"
}

// notices remembers when each chat was last told something, so that it is
// told at most once a minute.
type notices struct {
	mu   sync.Mutex
	last map[int64]time.Time
}

// due reports whether chat may be told again at now, and if so records it.
func (n *notices) due(chat int64, now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if t, ok := n.last[chat]; ok && now.Sub(t) < time.Minute {
		return false
	}
	if n.last == nil {
		n.last = map[int64]time.Time{}
	}
	if len(n.last) >= 10000 { // a long outage: forget what no longer holds anyone back
		for c, t := range n.last {
			if now.Sub(t) >= time.Minute {
				delete(n.last, c)
			}
		}
	}
	n.last[chat] = now
	return true
}

// sleep waits d; it reports false when ctx ended first.
func sleep(ctx context.Context, d time.Duration) bool { return pause.For(ctx, d) }
