package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"runtime/debug"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/flows"
)

// errRetry marks an update that was not handled and must be delivered again
// (Redis unreachable, or its lease still held by another worker).
var errRetry = errors.New("update must be redelivered")

// handle takes one update through dedupe, the flows and the commit of the
// conversation. It returns nil when the update is done (handled, a duplicate,
// or not for us) and an error wrapping errRetry when it must come again.
func (b *Bot) handle(ctx context.Context, raw *models.Update) error {
	start := time.Now()
	b.metrics.inflight.Inc()
	defer b.metrics.inflight.Dec()
	u, ok := toFlows(raw)
	if !ok {
		if raw.CallbackQuery != nil {
			b.answer(ctx, raw.CallbackQuery.ID, "")
		}
		b.metrics.updates.WithLabelValues("ignored").Inc()
		return nil
	}
	if b.cfg.Mode == "webhook" {
		unlock, err := b.lockChat(ctx, u.ChatID)
		if err != nil {
			return err
		}
		defer unlock()
	}
	key := flows.ConvKey{ChatID: u.ChatID, UserID: u.UserID}
	sess, err := b.begin(ctx, u.ID, key)
	switch {
	case errors.Is(err, flows.ErrDuplicate):
		b.metrics.updates.WithLabelValues("duplicate").Inc()
		return nil
	case errors.Is(err, flows.ErrBusy):
		return fmt.Errorf("bot: update %d is being handled elsewhere: %w", u.ID, errRetry)
	case err != nil:
		b.metrics.errors.WithLabelValues("redis").Inc()
		b.log.Warn("claim update", slog.Int64("update_id", u.ID), slog.String("err", err.Error()))
		b.tellUnavailable(ctx, u)
		return fmt.Errorf("bot: claim update %d: %w", u.ID, errRetry)
	}
	before := sess
	before.Data = maps.Clone(sess.Data)
	toast, herr, panicked := b.runFlow(ctx, u, &sess)
	if panicked {
		sess = before // a half-done change is not kept
		b.apologize(ctx, u, sess.Lang)
	} else if herr != nil {
		b.metrics.errors.WithLabelValues("flow").Inc()
		b.log.Error("handle update", slog.Int64("update_id", u.ID), slog.String("err", herr.Error()))
	}
	if _, err := b.conv.Commit(ctx, u.ID, key, sess); err != nil {
		reason := "redis"
		if errors.Is(err, flows.ErrConflict) {
			reason = "conflict"
		}
		b.metrics.errors.WithLabelValues(reason).Inc()
		b.log.Error("commit conversation", slog.Int64("update_id", u.ID), slog.String("err", err.Error()))
		if derr := b.conv.Done(ctx, u.ID); derr != nil {
			b.log.Error("mark update done", slog.Int64("update_id", u.ID), slog.String("err", derr.Error()))
		}
	}
	if raw.CallbackQuery != nil {
		b.answer(ctx, raw.CallbackQuery.ID, toast)
	}
	b.metrics.updates.WithLabelValues(kindName(u.Kind)).Inc()
	b.metrics.latency.Observe(time.Since(start).Seconds())
	return nil
}

// runFlow calls the engine and turns a panic into a logged error.
func (b *Bot) runFlow(ctx context.Context, u flows.Update, sess *flows.Session) (toast string, err error, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			panicked = true
			b.metrics.errors.WithLabelValues("panic").Inc()
			b.log.Error("panic in handler", slog.Int64("update_id", u.ID),
				slog.String("panic", fmt.Sprint(r)), slog.String("stack", string(debug.Stack())))
		}
	}()
	toast, err = b.engine.Handle(ctx, u, sess)
	return toast, err, false
}

// begin claims the update, waiting while another worker holds its lease (that
// worker may have died; its lease then runs out). In webhook mode it does not
// wait: Telegram delivers again after a non-2xx answer.
func (b *Bot) begin(ctx context.Context, id int64, key flows.ConvKey) (flows.Session, error) {
	deadline := time.Now().Add(b.claimWait)
	wait := 50 * time.Millisecond
	for {
		sess, err := b.conv.Begin(ctx, id, key)
		if !errors.Is(err, flows.ErrBusy) || b.cfg.Mode == "webhook" || time.Now().After(deadline) {
			return sess, err
		}
		if !sleep(ctx, wait) {
			return sess, err
		}
		wait = min(wait*2, time.Second)
	}
}

// lockChat takes the chat's lock in Redis, which keeps per-chat order when
// several instances share one webhook.
func (b *Bot) lockChat(ctx context.Context, chat int64) (func(), error) {
	wait := 10 * time.Millisecond
	deadline := time.Now().Add(b.claimWait)
	for {
		unlock, err := b.conv.LockChat(ctx, chat, b.claimWait)
		if err == nil {
			return func() {
				if err := unlock(context.WithoutCancel(ctx)); err != nil {
					b.log.Warn("unlock chat", slog.String("err", err.Error()))
				}
			}, nil
		}
		if !errors.Is(err, flows.ErrBusy) || time.Now().After(deadline) || !sleep(ctx, wait) {
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
func (b *Bot) apologize(ctx context.Context, u flows.Update, lang string) {
	text := b.engine.Texts().T(b.langOf(lang, u), "error.internal", nil)
	if _, err := b.client.Send(ctx, u.ChatID, flows.Message{Text: text}); err != nil {
		b.log.Warn("send apology", slog.String("err", err.Error()))
	}
}

// tellUnavailable says the bot is briefly unavailable, at most once a minute
// per chat, while Redis cannot be reached.
func (b *Bot) tellUnavailable(ctx context.Context, u flows.Update) {
	now := time.Now()
	if last, ok := b.unavailableTold.Load(u.ChatID); ok && now.Sub(last.(time.Time)) < time.Minute {
		return
	}
	b.unavailableTold.Store(u.ChatID, now)
	text := b.engine.Texts().T(b.langOf("", u), "error.unavailable", nil)
	if _, err := b.client.Send(ctx, u.ChatID, flows.Message{Text: text}); err != nil {
		b.log.Warn("send unavailable notice", slog.String("err", err.Error()))
	}
}

func (b *Bot) langOf(lang string, u flows.Update) string {
	if lang != "" {
		return lang
	}
	if u.LangHint == "en" || u.LangHint == "de" {
		return u.LangHint
	}
	return b.cfg.DefaultLang
}

func kindName(k flows.Kind) string {
	switch k {
	case flows.KindText:
		return "text"
	case flows.KindCommand:
		return "command"
	case flows.KindButton:
		return "button"
	}
	return "other"
}

// sleep waits d; it reports false when ctx ended first.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
