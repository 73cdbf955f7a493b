package telegramfake

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"
)

// CallbackAnswer is the bot's answer to a callback query.
type CallbackAnswer struct {
	QueryID   string
	UserID    int64
	Text      string
	ShowAlert bool
	At        time.Time
}

// query is a callback query the bot must answer.
type query struct {
	id        string
	userID    int64
	chatID    int64
	data      string
	at        time.Time
	answered  bool
	messageID int
}

const queryTooOld = "query is too old and response timeout expired or query ID is invalid"

func (s *Server) newQueryIDLocked() string {
	s.nextQuery++
	return strconv.FormatInt(s.nextQuery, 10)
}

func (s *Server) addQueryLocked(id string, userID, chatID int64, data string, messageID int) {
	s.queries[id] = &query{id: id, userID: userID, chatID: chatID, data: data, at: s.now(), messageID: messageID}
}

// Press makes u press the button labelled label on the newest bot message in
// u's chat that shows it, and returns the update id of the callback query.
// It returns an error wrapping ErrNoButton when no message shows the button.
func (s *Server) Press(u User, label string) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[u.ID]; c != nil {
		for i := len(c.bot) - 1; i >= 0; i-- {
			m := c.bot[i]
			if m.view.Deleted {
				continue
			}
			for _, row := range m.kb.rows {
				for _, b := range row {
					if b.Text == label && b.CallbackData != "" {
						return s.pressLocked(s.openChatLocked(u), m, m.view.ID, b.CallbackData), nil
					}
				}
			}
		}
	}
	return 0, fmt.Errorf("telegramfake: press %q in chat %d: %w", label, u.ID, ErrNoButton)
}

// PressData makes u press a button with arbitrary (maybe forged) callback
// data on message messageID and returns the update id. If the message is not
// a live bot message, the query carries an inaccessible message.
func (s *Server) PressData(u User, messageID int, data string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.openChatLocked(u)
	return s.pressLocked(c, c.byID[messageID], messageID, data)
}

func (s *Server) pressLocked(c *chat, m *botMsg, messageID int, data string) int64 {
	q := &models.CallbackQuery{
		ID:           s.newQueryIDLocked(),
		From:         c.user.api(),
		ChatInstance: strconv.FormatInt(c.user.ID*7919, 10),
		Data:         data,
	}
	if m != nil && !m.view.Deleted {
		q.Message = models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: s.apiMessage(c, m)}
	} else {
		q.Message = models.MaybeInaccessibleMessage{
			Type:                models.MaybeInaccessibleMessageTypeInaccessibleMessage,
			InaccessibleMessage: &models.InaccessibleMessage{Chat: c.apiChat(), MessageID: messageID},
		}
	}
	s.addQueryLocked(q.ID, c.user.ID, c.user.ID, data, messageID)
	return s.enqueueLocked(models.Update{CallbackQuery: q})
}

// answerCallbackQuery accepts one answer per query within the deadline.
func (s *Server) answerCallbackQuery(_ *http.Request, p params) reply {
	text := p.str("text")
	if utf16Count(text) > maxAnswerLen {
		return fail(badRequest("MESSAGE_TOO_LONG"), 0)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queries[p.str("callback_query_id")]
	if q == nil || q.answered {
		return fail(badRequest(queryTooOld), 0)
	}
	q.answered = true // a late answer still settles the query
	if s.now().Sub(q.at) > s.opt.AnswerDeadline {
		return fail(badRequest(queryTooOld), q.chatID)
	}
	a := CallbackAnswer{QueryID: q.id, UserID: q.userID, Text: text, ShowAlert: p.bool("show_alert"), At: s.now()}
	s.answers = append(s.answers, a)
	ev := Event{Kind: "answer", Answer: &a}
	if c := s.chats[q.chatID]; c != nil {
		if m := c.byID[q.messageID]; m != nil {
			ev.Message = copyMessage(m.view)
		}
		s.publishLocked(c, ev)
	}
	s.wakeWaitersLocked()
	return reply{result: true, chatID: q.chatID}
}

// Answers returns every accepted callback answer, in order.
func (s *Server) Answers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.answers)
}

// unanswered returns the callback queries never answered, oldest first.
func (s *Server) unanswered() []query {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []query
	for _, q := range s.queries {
		if !q.answered {
			out = append(out, *q)
		}
	}
	slices.SortFunc(out, func(a, b query) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return out
}
