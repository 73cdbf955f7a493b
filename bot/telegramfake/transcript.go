package telegramfake

import (
	"fmt"
	"time"

	"github.com/go-telegram/bot/models"
)

// Button is an inline button as the user sees it. Data is its callback data,
// "" for URL and other buttons.
type Button struct {
	Text, Data string
	URL        string // a link button's URL; Data is empty then
}

// Document is a file the bot sent.
type Document struct {
	FileName string
	Data     []byte
}

// Message is a bot message as the user sees it, with every edit applied.
type Message struct {
	ID       int
	ChatID   int64
	Text     string // as sent, HTML; "" for a document
	Buttons  [][]Button
	Document *Document
	Caption  string // as sent, HTML
	Edits    int
	Deleted  bool
	At       time.Time // when it was sent
}

// ButtonData returns the callback data of m's button labelled label, ""
// when m has none.
func (m Message) ButtonData(label string) string {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == label {
				return b.Data
			}
		}
	}
	return ""
}

// botMsg is a bot message with what the API needs besides the user's view.
type botMsg struct {
	view   Message
	text   rendered // the text, or the caption of a document
	kb     keyboard
	doc    *models.Document // nil for a text message
	file   *Document
	date   int
	edited int
}

// copyMessage returns m with its own button slices.
func copyMessage(m Message) Message {
	if m.Buttons != nil {
		rows := make([][]Button, len(m.Buttons))
		for i, r := range m.Buttons {
			rows[i] = append([]Button(nil), r...)
		}
		m.Buttons = rows
	}
	if m.Document != nil {
		d := *m.Document
		m.Document = &d
	}
	return m
}

// Messages returns every bot message of the chat, in order, edits applied;
// nil for an unknown chat.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, 0, len(c.bot))
	for _, m := range c.bot {
		out = append(out, copyMessage(m.view))
	}
	return out
}

// Next returns the next bot message of the chat that Next has not returned
// yet (a per-chat cursor, in sending order), waiting up to timeout. It returns
// an error wrapping ErrTimeout or ErrClosed when none arrives.
func (s *Server) Next(chatID int64, timeout time.Duration) (Message, error) {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		if c := s.chats[chatID]; c != nil && c.cursor < len(c.bot) {
			m := copyMessage(c.bot[c.cursor].view)
			c.cursor++
			s.mu.Unlock()
			return m, nil
		}
		wake := s.waiterLocked()
		s.mu.Unlock()
		if err := s.wait(wake, deadline); err != nil {
			return Message{}, fmt.Errorf("telegramfake: next message in chat %d: %w", chatID, err)
		}
	}
}

// WaitEdit waits up to timeout until the message has at least edits edits
// and returns it. On timeout it returns the message as it is (zero if it does
// not exist) and an error wrapping ErrTimeout or ErrClosed.
func (s *Server) WaitEdit(chatID int64, messageID, edits int, timeout time.Duration) (Message, error) {
	deadline := time.Now().Add(timeout)
	for {
		var cur Message
		s.mu.Lock()
		if c := s.chats[chatID]; c != nil {
			if m := c.byID[messageID]; m != nil {
				cur = copyMessage(m.view)
			}
		}
		if cur.ID != 0 && cur.Edits >= edits {
			s.mu.Unlock()
			return cur, nil
		}
		wake := s.waiterLocked()
		s.mu.Unlock()
		if err := s.wait(wake, deadline); err != nil {
			return cur, fmt.Errorf("telegramfake: wait for edit %d of message %d in chat %d: %w", edits, messageID, chatID, err)
		}
	}
}

// wait blocks until wake is closed, the deadline passes or the server closes.
func (s *Server) wait(wake <-chan struct{}, deadline time.Time) error {
	d := time.Until(deadline)
	if d <= 0 {
		return ErrTimeout
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-wake:
		return nil
	case <-t.C:
		return ErrTimeout
	case <-s.closeCh:
		return ErrClosed
	}
}

// apiMessage returns the message as the Bot API shows it.
func (s *Server) apiMessage(c *chat, m *botMsg) *models.Message {
	from := s.me
	am := &models.Message{
		ID:          m.view.ID,
		From:        &from,
		Date:        m.date,
		EditDate:    m.edited,
		Chat:        c.apiChat(),
		ReplyMarkup: m.kb.markup(),
	}
	if m.doc != nil {
		d := *m.doc
		am.Document = &d
		am.Caption, am.CaptionEntities = m.text.plain, m.text.ents
	} else {
		am.Text, am.Entities = m.text.plain, m.text.ents
	}
	return am
}
