package telegramfake

import (
	"strings"

	"github.com/go-telegram/bot/models"
)

// User is a simulated Telegram user. Its private chat with the bot has the
// same id.
type User struct {
	ID                                          int64
	FirstName, LastName, Username, LanguageCode string
}

func (u User) api() models.User {
	return models.User{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username, LanguageCode: u.LanguageCode}
}

// chat is the private chat of one user with the bot.
type chat struct {
	user     User
	blocked  bool
	lastID   int // last message id, shared by user and bot messages
	bot      []*botMsg
	byID     map[int]*botMsg
	userMsgs map[int]bool // ids of user messages; false once deleted
	cursor   int          // of Next
}

func (c *chat) apiChat() models.Chat {
	return models.Chat{ID: c.user.ID, Type: models.ChatTypePrivate, FirstName: c.user.FirstName, LastName: c.user.LastName, Username: c.user.Username}
}

// openChatLocked returns u's chat, creating it, and refreshes the profile.
func (s *Server) openChatLocked(u User) *chat {
	c := s.chats[u.ID]
	if c == nil {
		c = &chat{user: User{ID: u.ID}, byID: make(map[int]*botMsg), userMsgs: make(map[int]bool)}
		s.chats[u.ID] = c
	}
	if u.FirstName != "" || u.LastName != "" || u.Username != "" || u.LanguageCode != "" {
		c.user = u
	}
	return c
}

// AddUser opens the private chat u.ID (chat id == user id), so that the bot
// may write to it. Adding a known user updates the profile.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.openChatLocked(u)
}

// Block makes the user block the bot: sending to or editing in the chat is
// answered 403 "Forbidden: bot was blocked by the user". Such answers are
// recorded as calls, not violations, since the test caused them.
func (s *Server) Block(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.openChatLocked(User{ID: userID}).blocked = true
}

// Unblock undoes Block.
func (s *Server) Unblock(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.openChatLocked(User{ID: userID}).blocked = false
}

// userMessageLocked returns a new message from the chat's user.
func (s *Server) userMessageLocked(c *chat) *models.Message {
	c.lastID++
	c.userMsgs[c.lastID] = true
	from := c.user.api()
	return &models.Message{ID: c.lastID, From: &from, Date: int(s.now().Unix()), Chat: c.apiChat()}
}

// SendText makes u send text to the bot and returns the update id. A text
// starting with a command ("/start x", "/help@MiGlobeBot") gets a bot_command
// entity at offset 0. The user's chat is opened if needed.
func (s *Server) SendText(u User, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(s.openChatLocked(u))
	m.Text = text
	if n := commandLen(text); n > 0 {
		m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: n}}
	}
	return s.enqueueLocked(models.Update{Message: m})
}

// SendSticker makes u send a sticker (a message without text) and returns
// the update id.
func (s *Server) SendSticker(u User) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(s.openChatLocked(u))
	m.Sticker = &models.Sticker{
		FileID: "CAACAgIAAxkBAAEfake", FileUniqueID: "AgADfake", Type: "regular",
		Width: 512, Height: 512, Emoji: "\U0001F44D",
	}
	return s.enqueueLocked(models.Update{Message: m})
}

// Inject enqueues any update and returns the id the fake assigned to it. A
// message from a user opens the user's chat and gets a message id, chat and
// date where it has none; a callback query gets an id if it has none and must
// be answered like one from Press.
func (s *Server) Inject(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := u.Message; m != nil && m.From != nil && (m.Chat.ID == 0 || m.Chat.ID == m.From.ID) {
		c := s.openChatLocked(User{ID: m.From.ID, FirstName: m.From.FirstName, LastName: m.From.LastName,
			Username: m.From.Username, LanguageCode: m.From.LanguageCode})
		cp := *m
		if cp.Chat.ID == 0 {
			cp.Chat = c.apiChat()
		}
		if cp.ID == 0 {
			cp.ID = c.lastID + 1
		}
		if cp.Date == 0 {
			cp.Date = int(s.now().Unix())
		}
		c.lastID = max(c.lastID, cp.ID)
		c.userMsgs[cp.ID] = true
		u.Message = &cp
	}
	if q := u.CallbackQuery; q != nil {
		cp := *q
		if cp.ID == "" {
			cp.ID = s.newQueryIDLocked()
		}
		chatID, messageID := cp.From.ID, 0
		if m := cp.Message.Message; m != nil {
			chatID, messageID = m.Chat.ID, m.ID
		} else if m := cp.Message.InaccessibleMessage; m != nil {
			chatID, messageID = m.Chat.ID, m.MessageID
		}
		s.addQueryLocked(cp.ID, cp.From.ID, chatID, cp.Data, messageID)
		u.CallbackQuery = &cp
	}
	return s.enqueueLocked(u)
}

// commandLen returns the length of the command at the start of text
// ("/name" or "/name@bot"), 0 if there is none. Commands are ASCII, so bytes
// and UTF-16 code units agree.
func commandLen(text string) int {
	if !strings.HasPrefix(text, "/") {
		return 0
	}
	n := 1
	for n < len(text) && isCommandChar(text[n]) {
		n++
	}
	if n == 1 {
		return 0
	}
	if n < len(text) && text[n] == '@' {
		m := n + 1
		for m < len(text) && isCommandChar(text[m]) {
			m++
		}
		if m > n+1 {
			n = m
		}
	}
	return n
}

func isCommandChar(c byte) bool { return isAlnum(c) || c == '_' }
