package flowstest

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// SetChatCommands records cmds as the chat's own command menu; no cmds
// deletes it (the chat shows the default menu again). It fails the test
// for a menu Telegram would refuse.
func (r *Recorder) SetChatCommands(_ context.Context, chatID int64, cmds []engine.BotCommand) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	if r.RefuseCommands {
		return errors.New("telegram: connection reset by peer")
	}
	if err := CheckCommands(cmds); err != nil {
		r.tb.Errorf("setMyCommands would fail: %v", err)
		return err
	}
	r.menuCalls[chatID]++
	if len(cmds) == 0 {
		delete(r.menus, chatID)
	} else {
		r.menus[chatID] = slices.Clone(cmds)
	}
	return nil
}

// ChatCommands returns the chat's own command menu and whether it has one
// (without, the chat shows the default menu).
func (r *Recorder) ChatCommands(chatID int64) ([]engine.BotCommand, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	cmds, ok := r.menus[chatID]
	return slices.Clone(cmds), ok
}

// CommandCalls returns how often the chat's own menu was set or deleted.
func (r *Recorder) CommandCalls(chatID int64) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.menuCalls[chatID]
}

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// CheckCommands applies Telegram's limits on a command menu: at most 100
// commands, each named by 1-32 of a-z 0-9 _, with a description of 1-256
// characters.
func CheckCommands(cmds []engine.BotCommand) error {
	if len(cmds) > 100 {
		return errors.New("telegram: Bad Request: BOT_COMMANDS_TOO_MUCH")
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Name) {
			return fmt.Errorf("telegram: Bad Request: BOT_COMMAND_INVALID (%q)", c.Name)
		}
		if n := len(utf16.Encode([]rune(c.Desc))); strings.TrimSpace(c.Desc) == "" || n > 256 {
			return fmt.Errorf("telegram: Bad Request: BOT_COMMAND_DESCRIPTION_INVALID (%q)", c.Desc)
		}
	}
	return nil
}

// Menu returns the names in p's chat's own command menu, and whether the
// chat has one.
func (h *H) Menu(p Person) ([]string, bool) {
	cmds, ok := h.Msgr.ChatCommands(p.ID)
	names := make([]string, len(cmds))
	for i, c := range cmds {
		names[i] = c.Name
	}
	return names, ok
}
