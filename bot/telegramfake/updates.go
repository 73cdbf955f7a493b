package telegramfake

import (
	"net/http"
	"slices"
	"time"

	"github.com/go-telegram/bot/models"
)

const webhookActive = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"

// enqueueLocked gives u the next update id and queues it for getUpdates or
// the webhook.
func (s *Server) enqueueLocked(u models.Update) int64 {
	s.nextUpdate++
	u.ID = s.nextUpdate
	if s.hook != nil {
		s.hook.enqueueLocked(s, u)
	} else {
		s.pending = append(s.pending, u)
	}
	if s.updWake != nil {
		close(s.updWake)
		s.updWake = nil
	}
	return u.ID
}

// getUpdates confirms updates below offset and returns up to limit pending
// ones, long-polling up to timeout seconds while there are none.
func (s *Server) getUpdates(r *http.Request, p params) reply {
	offset, err := p.int("offset", 0)
	if err != nil {
		return fail(badRequest(`bad offset`), 0)
	}
	limit, err := p.int("limit", 100)
	if err != nil {
		return fail(badRequest(`bad limit`), 0)
	}
	if limit < 1 || limit > 100 {
		limit = 100
	}
	timeout, err := p.int("timeout", 0)
	if err != nil {
		return fail(badRequest(`bad timeout`), 0)
	}
	deadline := time.Now().Add(time.Duration(max(timeout, 0)) * time.Second)

	s.mu.Lock()
	if s.hook != nil {
		s.mu.Unlock()
		return fail(&apiError{code: http.StatusConflict, desc: webhookActive}, 0)
	}
	s.confirmLocked(offset)
	s.mu.Unlock()
	for {
		s.mu.Lock()
		if len(s.pending) > 0 || s.hook != nil || s.closed || !time.Now().Before(deadline) {
			out := make([]models.Update, 0, min(int(limit), len(s.pending)))
			if s.hook == nil {
				out = append(out, s.pending[:min(int(limit), len(s.pending))]...)
			}
			s.mu.Unlock()
			return reply{result: out}
		}
		if s.updWake == nil {
			s.updWake = make(chan struct{})
		}
		wake := s.updWake
		s.mu.Unlock()
		t := time.NewTimer(time.Until(deadline))
		select {
		case <-wake:
		case <-t.C:
		case <-s.closeCh:
		case <-r.Context().Done():
			t.Stop()
			return reply{result: []models.Update{}}
		}
		t.Stop()
	}
}

// confirmLocked drops the updates that offset confirms. A negative offset
// keeps only the last -offset updates, as Telegram does.
func (s *Server) confirmLocked(offset int64) {
	drop := 0
	switch {
	case offset > 0:
		for drop < len(s.pending) && s.pending[drop].ID < offset {
			drop++
		}
	case offset < 0:
		drop = max(len(s.pending)-int(-offset), 0)
	}
	for _, u := range s.pending[:drop] {
		s.confirmed = append(s.confirmed, u.ID)
	}
	s.pending = s.pending[drop:]
}

// ConfirmedIDs returns the ids of the updates the bot confirmed, in order:
// by a getUpdates offset, or by a 2xx answer to a webhook delivery.
func (s *Server) ConfirmedIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.confirmed)
}

// Pending returns how many updates wait for the bot.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hook != nil {
		return s.hook.pending
	}
	return len(s.pending)
}

// chatKey returns the chat an update belongs to, for per-chat ordering.
func chatKey(u *models.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message.Message; m != nil {
			return m.Chat.ID
		}
		if m := u.CallbackQuery.Message.InaccessibleMessage; m != nil {
			return m.Chat.ID
		}
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}
