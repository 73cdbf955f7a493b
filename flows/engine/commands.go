package engine

import (
	"hash/fnv"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The command menus Telegram shows. Every chat sees the default menu (the
// commands for everyone) until its user registers; from then on the chat
// has a menu of its own: the commands of the user's roles, named and
// described in the user's language. The engine publishes a chat's menu
// (Messenger.SetChatCommands) at the end of a turn in which it no longer
// fits: after registration, a change of language, a role found granted or
// revoked, the user's departure (back to the default menu), and once after
// a release that changed the commands. What was published is marked in
// the session, so that a turn publishes only when the menu changes, and a
// failed publication is tried again in the user's next turn.

// BotCommand is an entry of a command menu as Telegram shows it.
type BotCommand struct {
	Name string // without the slash
	Desc string // plain text
}

// commandsFlag starts the session flag that names the chat's menu as last
// published (see menuKey); no feature's flag starts so.
const commandsFlag = "cmds:"

// names returns the names the command answers to: Name first, then the
// other languages' names in order of language code.
func (c Command) names() []string {
	names := []string{c.Name}
	for _, lang := range slices.Sorted(maps.Keys(c.Names)) {
		if n := c.Names[lang]; !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// NameIn returns the command's name in lang.
func (c Command) NameIn(lang string) string {
	if n := c.Names[lang]; n != "" {
		return n
	}
	return c.Name
}

// forRoles reports whether the command is for a user holding roles: one of
// them is among its roles, or it is for everyone.
func (c Command) forRoles(roles []domain.Role) bool {
	return c.Roles == nil || slices.ContainsFunc(c.Roles, func(r domain.Role) bool { return slices.Contains(roles, r) })
}

// DefaultMenu returns the command menu in lang of a chat without a menu of
// its own (a user before registration): the commands for everyone.
func (e *Engine) DefaultMenu(lang string) []BotCommand {
	var out []BotCommand
	for _, c := range e.reg.commands {
		if c.Roles == nil {
			out = append(out, BotCommand{Name: c.NameIn(lang), Desc: e.texts.Plain(lang, c.Desc, nil)})
		}
	}
	return out
}

// roleMenu returns the command menu in lang of a registered user holding
// roles.
func (e *Engine) roleMenu(lang string, roles []domain.Role) []BotCommand {
	var out []BotCommand
	for _, c := range e.reg.commands {
		if c.forRoles(roles) {
			out = append(out, BotCommand{Name: c.NameIn(lang), Desc: e.texts.Plain(lang, c.Desc, nil)})
		}
	}
	return out
}

// menuVersion fingerprints the registered commands as the menus show them
// in every language, so that a release that changes them publishes the
// chats' menus anew.
func (e *Engine) menuVersion() string {
	h := fnv.New32a()
	for _, c := range e.reg.commands {
		for _, lang := range e.texts.Langs() {
			h.Write([]byte(c.NameIn(lang) + "\x00" + e.texts.Plain(lang, c.Desc, nil) + "\x00"))
		}
		for _, r := range c.Roles {
			h.Write([]byte(string(r) + "\x00"))
		}
		h.Write([]byte{0})
	}
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

// menuKey names the menu the chat should show: "" for the default menu
// (before registration), else the commands' version, the language and the
// roles.
func (t *Turn) menuKey() string {
	if !t.Registered() {
		return ""
	}
	roles := make([]string, len(t.sess.Roles))
	for i, r := range t.sess.Roles {
		roles[i] = string(r)
	}
	slices.Sort(roles)
	return t.e.version + ":" + t.Lang() + ":" + strings.Join(roles, ",")
}

// menuFits reports whether have is menuKey(), without building it: the
// roles in have are the session's, in any order (each role once).
func (t *Turn) menuFits(have string) bool {
	if !t.Registered() {
		return have == ""
	}
	rest, ok := strings.CutPrefix(have, t.e.version)
	if ok {
		rest, ok = strings.CutPrefix(rest, ":")
	}
	if ok {
		rest, ok = strings.CutPrefix(rest, t.Lang())
	}
	if ok {
		rest, ok = strings.CutPrefix(rest, ":")
	}
	if !ok {
		return false
	}
	n := 0
	for rest != "" {
		var role string
		role, rest, _ = strings.Cut(rest, ",")
		if !slices.Contains(t.sess.Roles, domain.Role(role)) {
			return false
		}
		n++
	}
	return n == len(t.sess.Roles)
}

// syncCommands publishes the chat's command menu when the one last
// published no longer fits. A failure is logged; the turn goes on, and
// the next turn tries again.
func (t *Turn) syncCommands() {
	have, _ := t.flagValue(commandsFlag) // "": the default menu
	if t.menuFits(have) {                // every turn: compared without building the key
		return
	}
	want := t.menuKey()
	var cmds []BotCommand // none: back to the default menu
	if want != "" {
		cmds = t.e.roleMenu(t.Lang(), t.sess.Roles)
	}
	if err := t.e.cfg.Messenger.SetChatCommands(t.ctx, t.u.ChatID, cmds); err != nil {
		t.e.cfg.Log.Warn("publish the chat's commands", slog.Int64("chat_id", t.u.ChatID), slog.String("err", err.Error()))
		return
	}
	t.setFlagValue(commandsFlag, want)
}
