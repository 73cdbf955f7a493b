package telegramfake

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Telegram's limits on bot commands.
const (
	maxCommands       = 100
	maxCommandLen     = 32
	maxDescriptionLen = 256
)

// getMe returns the fake bot.
func (s *Server) getMe(_ *http.Request, _ params) reply {
	me := s.me
	return reply{result: &me}
}

// setMyCommands stores the command list of a scope and language.
func (s *Server) setMyCommands(_ *http.Request, p params) reply {
	var cmds []models.BotCommand
	if raw := strings.TrimSpace(p.str("commands")); raw != "" {
		if err := json.Unmarshal([]byte(raw), &cmds); err != nil {
			return fail(badRequest("can't parse commands JSON object"), 0)
		}
	}
	if len(cmds) == 0 {
		return fail(badRequest("commands must be non-empty"), 0)
	}
	if len(cmds) > maxCommands {
		return fail(badRequest("BOT_COMMANDS_TOO_MUCH"), 0)
	}
	for _, c := range cmds {
		if !validCommand(c.Command) {
			return fail(badRequest("BOT_COMMAND_INVALID"), 0)
		}
		if strings.TrimSpace(c.Description) == "" {
			return fail(badRequest("command description must be non-empty"), 0)
		}
		if utf16Count(c.Description) > maxDescriptionLen {
			return fail(badRequest("BOT_COMMAND_DESCRIPTION_INVALID"), 0)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key, chatID, e := s.commandsKeyLocked(p)
	if e != nil {
		return fail(e, chatID)
	}
	s.commands[key] = cmds
	return reply{result: true, chatID: chatID}
}

// deleteMyCommands deletes the command list of a scope and language, so
// that the users concerned see the list of a broader scope again.
func (s *Server) deleteMyCommands(_ *http.Request, p params) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, chatID, e := s.commandsKeyLocked(p)
	if e != nil {
		return fail(e, chatID)
	}
	delete(s.commands, key)
	return reply{result: true, chatID: chatID}
}

// commandsKeyLocked checks the scope and language_code of a call and
// returns the key of their list and the scope's chat (0: none).
func (s *Server) commandsKeyLocked(p params) (string, int64, *apiError) {
	sc, e := parseScope(p.str("scope"))
	if e != nil {
		return "", 0, e
	}
	lang := p.str("language_code")
	if lang != "" && (len(lang) != 2 || !isLower(lang[0]) || !isLower(lang[1])) {
		return "", sc.chatID, badRequest("invalid language code specified")
	}
	if sc.hasChat() && s.chats[sc.chatID] == nil {
		return "", sc.chatID, badRequest("chat not found")
	}
	return sc.key() + "/" + lang, sc.chatID, nil
}

// Commands returns the commands last set for the default scope and the
// language code ("" for all languages), nil if none were set.
func (s *Server) Commands(languageCode string) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands["default/"+languageCode])
}

// ChatCommands returns the commands set for the chat (scope "chat") and
// the language code ("" for all languages), and whether there are any.
func (s *Server) ChatCommands(chatID int64, languageCode string) ([]models.BotCommand, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds, ok := s.commands[scope{typ: scopeChat, chatID: chatID}.key()+"/"+languageCode]
	return slices.Clone(cmds), ok
}

// MenuOf returns the command menu u's app shows in u's private chat with
// the bot, chosen as Telegram does: the first list set for the chat in u's
// language, the chat in any language, all private chats in u's language,
// all private chats, the default scope in u's language, the default scope.
func (s *Server) MenuOf(u User) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	chat := scope{typ: scopeChat, chatID: u.ID}.key()
	for _, sc := range []string{chat, scopePrivate, scopeDefault} {
		for _, lang := range []string{u.LanguageCode, ""} {
			if cmds, ok := s.commands[sc+"/"+lang]; ok {
				return slices.Clone(cmds)
			}
		}
	}
	return nil
}

// validCommand: 1-32 characters of lower-case letters, digits and "_".
func validCommand(c string) bool {
	if c == "" || len(c) > maxCommandLen {
		return false
	}
	for i := 0; i < len(c); i++ {
		if !isLower(c[i]) && (c[i] < '0' || c[i] > '9') && c[i] != '_' {
			return false
		}
	}
	return true
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
