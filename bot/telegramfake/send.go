package telegramfake

import (
	"net/http"
	"strconv"

	"github.com/go-telegram/bot/models"
)

// blockedByUser is the answer to a user who blocked the bot; the test caused it.
func blockedByUser() *apiError {
	return &apiError{code: http.StatusForbidden, desc: "Forbidden: bot was blocked by the user", injected: true}
}

// sendMessage posts a text message with an optional keyboard.
func (s *Server) sendMessage(_ *http.Request, p params) reply {
	chatID, e := p.chatID()
	if e != nil {
		return fail(e, 0)
	}
	kb, e := parseMarkup(p.str("reply_markup"), false)
	if e != nil {
		return fail(e, chatID)
	}
	text, e := renderText(p.str("text"), p.str("parse_mode"))
	if e != nil {
		return fail(e, chatID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.sendableChatLocked(chatID, true)
	if e != nil {
		return fail(e, chatID)
	}
	m := s.addBotMessageLocked(c, &botMsg{text: text, kb: kb})
	return reply{result: s.apiMessage(c, m), chatID: chatID}
}

// sendDocument posts an uploaded file (or one sent before, by file_id).
func (s *Server) sendDocument(_ *http.Request, p params) reply {
	chatID, e := p.chatID()
	if e != nil {
		return fail(e, 0)
	}
	kb, e := parseMarkup(p.str("reply_markup"), false)
	if e != nil {
		return fail(e, chatID)
	}
	caption, e := renderCaption(p.str("caption"), p.str("parse_mode"))
	if e != nil {
		return fail(e, chatID)
	}
	up, uploaded := p.files["document"]
	fileID := p.str("document")
	switch {
	case uploaded && len(up.data) == 0:
		return fail(badRequest("file must be non-empty"), chatID)
	case !uploaded && fileID == "":
		return fail(badRequest("there is no document in the request"), chatID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := &Document{FileName: up.name, Data: up.data}
	if !uploaded {
		if doc = s.files[fileID]; doc == nil {
			return fail(badRequest("wrong file identifier/HTTP URL specified"), chatID)
		}
	}
	c, e := s.sendableChatLocked(chatID, true)
	if e != nil {
		return fail(e, chatID)
	}
	if uploaded {
		s.nextFile++
		fileID = "BQACAgIAAxkDAAI" + strconv.FormatInt(s.nextFile, 10)
		s.files[fileID] = doc
	}
	api := &models.Document{FileID: fileID, FileUniqueID: "AgAD" + fileID[len(fileID)-4:], FileName: doc.FileName, FileSize: int64(len(doc.Data))}
	m := s.addBotMessageLocked(c, &botMsg{text: caption, kb: kb, doc: api, file: doc})
	return reply{result: s.apiMessage(c, m), chatID: chatID}
}

// sendableChatLocked returns the chat the bot may write to, or Telegram's
// answer for an unknown chat or a user who blocked the bot. A new message
// (counted) also passes the rate limits.
func (s *Server) sendableChatLocked(chatID int64, counted bool) (*chat, *apiError) {
	c := s.chats[chatID]
	if c == nil {
		return nil, badRequest("chat not found")
	}
	if c.blocked {
		return nil, blockedByUser()
	}
	if counted && s.limiter != nil {
		if retry := s.limiter.take(chatID, s.now()); retry > 0 {
			return nil, tooMany(retry)
		}
	}
	return c, nil
}

// addBotMessageLocked stores a new bot message and tells the watchers.
func (s *Server) addBotMessageLocked(c *chat, m *botMsg) *botMsg {
	c.lastID++
	now := s.now()
	m.date = int(now.Unix())
	m.view = Message{ID: c.lastID, ChatID: c.user.ID, Buttons: m.kb.buttons(), At: now}
	if m.doc != nil {
		m.view.Document, m.view.Caption = m.file, m.text.source
	} else {
		m.view.Text = m.text.source
	}
	c.bot = append(c.bot, m)
	c.byID[m.view.ID] = m
	s.publishLocked(c, Event{Kind: "message", Message: copyMessage(m.view)})
	s.wakeWaitersLocked()
	return m
}
