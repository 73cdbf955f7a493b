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
	lang := p.str("language_code")
	if lang != "" && (len(lang) != 2 || !isLower(lang[0]) || !isLower(lang[1])) {
		return fail(badRequest("invalid language code specified"), 0)
	}
	scope := "default"
	if raw := strings.TrimSpace(p.str("scope")); raw != "" {
		var sc struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal([]byte(raw), &sc); err != nil || sc.Type == "" {
			return fail(badRequest("can't parse BotCommandScope JSON object"), 0)
		}
		scope = sc.Type
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[scope+"/"+lang] = cmds
	return reply{result: true}
}

// Commands returns the commands last set for the default scope and the
// language code ("" for all languages), nil if none were set.
func (s *Server) Commands(languageCode string) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands["default/"+languageCode])
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
