package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/miglobe/miglobe-bot/bot/tgmsg"
	"github.com/miglobe/miglobe-bot/flows/domain"
)

// sendTimeout bounds one send and its record, also during shutdown; a send
// ends before its lease too (sendDeadline).
const sendTimeout = 30 * time.Second

// deliver sends one claimed message when the rate limits let it, and records
// the outcome. Its lease counts from the claim (see claim), also while it
// waited in the queue: no part is sent once less than sendMargin of the
// lease is left, and a message still waiting for its turn then, or when ctx
// ends, is given back untouched. A 429 that asks for a short wait is waited
// out here, holding the claim, when the retry still leaves sendMargin, so
// that the message does not queue again behind every message due meanwhile
// (given back at shutdown, it stays due only after what is left of the
// wait).
func (s *Sender) deliver(ctx context.Context, c claim) {
	m := c.Outgoing
	markup, err := tgmsg.Keyboard(m.Message.Buttons)
	if err != nil {
		s.settle(ctx, m, 0, fmt.Errorf("%w, %v", tgbot.ErrorBadRequest, err))
		return
	}
	// An edit row is one call (the store refuses a text longer than one
	// message), and so is a document.
	parts := []string{""}
	if m.EditID == 0 && m.Message.Document == nil {
		parts = tgmsg.SplitHTML(m.Message.Text, tgmsg.MaxTextLength)
	}
	var msgID int           // the id of the part with the buttons
	var notBefore time.Time // the next try: a chat pause after the last part, or retry_after
	for i := 0; i < len(parts); {
		if !notBefore.IsZero() && !sleep(ctx, time.Until(notBefore)) {
			s.giveBack(ctx, m, max(time.Until(notBefore), 0), "shutdown while waiting to send")
			return
		}
		last := i == len(parts)-1
		sent, err := s.sendPart(ctx, c, func(ctx context.Context) error {
			switch {
			case m.EditsText():
				return s.api.EditText(ctx, m.ChatID, m.EditID, m.Message.Text, markup)
			case m.EditID != 0:
				return s.api.EditMarkup(ctx, m.ChatID, m.EditID, markup)
			case m.Message.Document != nil:
				id, err := s.api.SendDocument(ctx, m.ChatID, *m.Message.Document, markup)
				msgID = id
				return err
			}
			var partMarkup *models.InlineKeyboardMarkup // the buttons go with the last part
			if last {
				partMarkup = markup
			}
			id, err := s.api.SendMessage(ctx, m.ChatID, parts[i], partMarkup)
			if last {
				msgID = id
			}
			return err
		})
		if !sent {
			return // given back
		}
		notBefore = time.Now().Add(s.chatEvery)
		var tooMany *tgbot.TooManyRequestsError
		if errors.As(err, &tooMany) {
			wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
			retryAt := time.Now().Add(max(wait, s.chatEvery))
			if wait <= heldRetryMax && s.canSendAt(c, retryAt) {
				s.metrics.retried.WithLabelValues("retry_after").Inc()
				s.log.Warn("outbox: 429 from the Bot API, waiting", slog.Int64("outbox_id", m.ID),
					slog.Int64("chat_id", m.ChatID), slog.Duration("retry_after", wait))
				notBefore = retryAt
				continue
			}
		}
		if m.EditID != 0 && editNeedless(err) {
			err = nil
		}
		if err != nil {
			// Parts sent before a failure are sent again with the retry;
			// notifications rarely need more than one part.
			s.settle(ctx, m, 0, err)
			return
		}
		i++
	}
	s.settle(ctx, m, msgID, nil)
}

// editNeedless reports whether err says that an edit has nothing left to
// do: the message shows those buttons already, is gone, or can no longer
// be edited. Such an edit counts as done.
func editNeedless(err error) bool {
	if !errors.Is(err, tgbot.ErrorBadRequest) {
		return false
	}
	msg := err.Error()
	for _, s := range []string{"message is not modified", "message to edit not found", "message can't be edited"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// sendPart waits for the rate limits and this instance's send window
// (waitTurn), then makes call (one sendMessage, sendDocument,
// editMessageText or editMessageReplyMarkup to c's chat) and returns true and the API's
// error; the call is cut off at sendDeadline. When it cannot send (ctx
// ended, the limiter failed, less than sendMargin of the lease is left
// before or after the wait) it gives the message back and returns false.
func (s *Sender) sendPart(ctx context.Context, c claim, call func(ctx context.Context) error) (sent bool, err error) {
	m := c.Outgoing
	const leaseShort = "lease nearly over before the send"
	if !s.canSendAt(c, time.Now()) {
		s.giveBack(ctx, m, 0, leaseShort)
		return false, nil
	}
	// The wait for the turn ends when the lease gets too short to send in.
	tctx, cancel := context.WithDeadline(ctx, c.until.Add(-s.sendMargin()))
	ticket, err := s.waitTurn(tctx, m.ChatID)
	short := ctx.Err() == nil && tctx.Err() != nil
	cancel()
	if err != nil {
		switch {
		case ctx.Err() != nil:
			s.giveBack(ctx, m, 0, "shutdown while waiting for the rate limit") // another instance may take it at once
		case short:
			s.giveBack(ctx, m, 0, leaseShort)
		default:
			s.giveBack(ctx, m, 5*time.Second, fmt.Sprintf("rate limiter: %v", err)) // unreachable: don't spin
		}
		return false, nil
	}
	if !s.canSendAt(c, time.Now()) {
		s.window.cancel(ticket)
		s.giveBack(ctx, m, 0, leaseShort)
		return false, nil
	}
	// The send and its record finish even when shutdown begins meanwhile.
	sctx, cancel := context.WithDeadline(context.WithoutCancel(ctx), s.sendDeadline(c))
	err = call(sctx)
	cancel()
	s.window.finish(ticket, time.Now())
	return true, err
}

// settle records the outcome of a send: sent (as message msgID); a 429 waits retry_after
// without counting as a failed attempt; a blocked bot (403) gives up on the
// chat; a refusal (400, 404) gives up on the message; anything else is
// retried with a doubling backoff until outboxMaxAttempts.
func (s *Sender) settle(ctx context.Context, m domain.Outgoing, msgID int, sendErr error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	log := s.log.With(slog.Int64("outbox_id", m.ID), slog.Int64("chat_id", m.ChatID))
	var err error
	var tooMany *tgbot.TooManyRequestsError
	switch {
	case sendErr == nil:
		err = s.store.MarkOutboxSent(ctx, m, msgID, s.chatEvery)
		s.metrics.sent.Inc()
		s.kickAfter(s.chatEvery)
	case errors.As(sendErr, &tooMany):
		wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
		err = s.store.RetryOutbox(ctx, m, wait, m.Attempts, sendErr.Error())
		s.metrics.retried.WithLabelValues("retry_after").Inc()
		log.Warn("outbox: 429 from the Bot API", slog.Duration("retry_after", wait))
		s.kickAfter(wait)
	case errors.Is(sendErr, tgbot.ErrorForbidden):
		err = s.store.FailOutbox(ctx, m, sendErr.Error(), true)
		if err == nil && s.onBlocked != nil {
			s.onBlocked(m.ChatID)
		}
		s.metrics.failed.WithLabelValues("blocked").Inc()
		log.Info("outbox: chat blocked the bot, giving up on it", slog.String("err", sendErr.Error()))
	case errors.Is(sendErr, tgbot.ErrorBadRequest) || errors.Is(sendErr, tgbot.ErrorNotFound):
		err = s.store.FailOutbox(ctx, m, sendErr.Error(), false)
		s.metrics.failed.WithLabelValues("refused").Inc()
		log.Error("outbox: message refused, giving up on it", slog.String("err", sendErr.Error()))
	case m.Attempts+1 >= outboxMaxAttempts:
		err = s.store.FailOutbox(ctx, m, fmt.Sprintf("gave up after %d attempts: %v", m.Attempts+1, sendErr), false)
		s.metrics.failed.WithLabelValues("attempts").Inc()
		log.Error("outbox: giving up after repeated failures", slog.String("err", sendErr.Error()))
	default:
		wait := min(s.backoff<<min(m.Attempts, 20), outboxBackoffCap)
		err = s.store.RetryOutbox(ctx, m, wait, m.Attempts+1, sendErr.Error())
		s.metrics.retried.WithLabelValues("error").Inc()
		log.Warn("outbox: send failed, will retry", slog.String("err", sendErr.Error()), slog.Duration("in", wait))
		s.kickAfter(wait)
	}
	s.recorded(log, "record outcome", err)
}

// giveBack returns an unsent message for another attempt after the wait,
// without counting a failure.
func (s *Sender) giveBack(ctx context.Context, m domain.Outgoing, after time.Duration, reason string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	err := s.store.RetryOutbox(ctx, m, after, m.Attempts, reason)
	s.recorded(s.log.With(slog.Int64("outbox_id", m.ID), slog.Int64("chat_id", m.ChatID)), "give back", err)
	s.kickAfter(after)
}

// recorded logs the store's error of a record (what). A conflict means the
// claim was lost: its lease ran out and another sender took the message
// over, which now records it instead; the record changed nothing.
func (s *Sender) recorded(log *slog.Logger, what string, err error) {
	switch {
	case err == nil:
	case errors.Is(err, domain.ErrConflict):
		log.Warn("outbox: "+what+": the claim's lease ran out and another sender took the message over",
			slog.String("err", err.Error()))
	default:
		log.Error("outbox: "+what, slog.String("err", err.Error()))
	}
}
