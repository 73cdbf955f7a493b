package telegramfake

import (
	"slices"
	"time"
)

// Violation is a call the fake rejected as Telegram would: a bug in the bot.
// Answers caused by the test itself (FailNext, Block, Limits) are not
// violations; they show up in Calls only.
type Violation struct {
	Method      string
	Code        int
	Description string
	At          time.Time
}

// Call is one Bot API call the bot made.
type Call struct {
	Method string
	ChatID int64 // 0 when the call names no chat
	At     time.Time
	OK     bool
	Code   int // HTTP status of the answer: 200, or Telegram's error code
}

// TB is the part of testing.TB that CheckTB needs.
type TB interface {
	Helper()
	Cleanup(func())
	Errorf(format string, args ...any)
}

// CheckTB makes tb fail, when the test ends, for every violation and for
// every callback query the bot left unanswered.
func (s *Server) CheckTB(tb TB) {
	tb.Helper()
	tb.Cleanup(func() {
		tb.Helper()
		for _, v := range s.Violations() {
			tb.Errorf("telegramfake: %s was rejected with %d %q", v.Method, v.Code, v.Description)
		}
		for _, q := range s.unanswered() {
			tb.Errorf("telegramfake: callback query %s (data %q) in chat %d was never answered", q.id, q.data, q.chatID)
		}
	})
}

// Violations returns every rejection so far, in order.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

// Calls returns every Bot API call so far, in order of completion.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// FailNext makes the next n sending calls (sendMessage, editMessageText,
// editMessageReplyMarkup, sendDocument, answerCallbackQuery, deleteMessage)
// answer 429 "Too Many Requests: retry after N" with retry_after N. It
// replaces any earlier FailNext that has not run out.
func (s *Server) FailNext(n int, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failN, s.failRetry = max(n, 0), max(retryAfter, 1)
}

// takeFault consumes one FailNext, if any.
func (s *Server) takeFault() *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failN == 0 {
		return nil
	}
	s.failN--
	return tooMany(s.failRetry)
}
