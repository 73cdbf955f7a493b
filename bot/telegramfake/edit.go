package telegramfake

import "net/http"

const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

// editMessageText replaces the text and keyboard of a bot text message. A
// missing reply_markup removes the keyboard, as on Telegram.
func (s *Server) editMessageText(_ *http.Request, p params) reply {
	chatID, e := p.chatID()
	if e != nil {
		return fail(e, 0)
	}
	msgID, e := p.messageID()
	if e != nil {
		return fail(e, chatID)
	}
	kb, e := parseMarkup(p.str("reply_markup"), true)
	if e != nil {
		return fail(e, chatID)
	}
	text, e := renderText(p.str("text"), p.str("parse_mode"))
	if e != nil {
		return fail(e, chatID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, e := s.editableLocked(chatID, msgID)
	if e != nil {
		return fail(e, chatID)
	}
	if m.doc != nil {
		return fail(badRequest("there is no text in the message to edit"), chatID)
	}
	if m.text.same(text) && m.kb.key == kb.key {
		return fail(badRequest(notModified), chatID)
	}
	m.text, m.kb = text, kb
	m.view.Text, m.view.Buttons = text.source, kb.buttons()
	s.editedLocked(c, m)
	return reply{result: s.apiMessage(c, m), chatID: chatID}
}

// editMessageReplyMarkup replaces (or, without reply_markup, removes) the
// keyboard of a bot message.
func (s *Server) editMessageReplyMarkup(_ *http.Request, p params) reply {
	chatID, e := p.chatID()
	if e != nil {
		return fail(e, 0)
	}
	msgID, e := p.messageID()
	if e != nil {
		return fail(e, chatID)
	}
	kb, e := parseMarkup(p.str("reply_markup"), true)
	if e != nil {
		return fail(e, chatID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, e := s.editableLocked(chatID, msgID)
	if e != nil {
		return fail(e, chatID)
	}
	if m.kb.key == kb.key {
		return fail(badRequest(notModified), chatID)
	}
	m.kb = kb
	m.view.Buttons = kb.buttons()
	s.editedLocked(c, m)
	return reply{result: s.apiMessage(c, m), chatID: chatID}
}

// deleteMessage deletes a bot message or a message of the user.
func (s *Server) deleteMessage(_ *http.Request, p params) reply {
	chatID, e := p.chatID()
	if e != nil {
		return fail(e, 0)
	}
	msgID, e := p.messageID()
	if e != nil {
		return fail(e, chatID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return fail(badRequest("chat not found"), chatID)
	}
	if m := c.byID[msgID]; m != nil && !m.view.Deleted {
		m.view.Deleted = true
		s.publishLocked(c, Event{Kind: "delete", Message: copyMessage(m.view)})
		s.wakeWaitersLocked()
		return reply{result: true, chatID: chatID}
	}
	if c.userMsgs[msgID] {
		c.userMsgs[msgID] = false
		return reply{result: true, chatID: chatID}
	}
	return fail(badRequest("message to delete not found"), chatID)
}

// editableLocked returns the live bot message msgID of the chat, or
// Telegram's answer why it cannot be edited.
func (s *Server) editableLocked(chatID int64, msgID int) (*chat, *botMsg, *apiError) {
	c, e := s.sendableChatLocked(chatID, false)
	if e != nil {
		return nil, nil, e
	}
	m := c.byID[msgID]
	if m == nil || m.view.Deleted {
		if c.userMsgs[msgID] {
			return nil, nil, badRequest("message can't be edited")
		}
		return nil, nil, badRequest("message to edit not found")
	}
	return c, m, nil
}

// editedLocked counts an edit and tells the watchers.
func (s *Server) editedLocked(c *chat, m *botMsg) {
	m.view.Edits++
	m.edited = int(s.now().Unix())
	s.publishLocked(c, Event{Kind: "edit", Message: copyMessage(m.view)})
	s.wakeWaitersLocked()
}
