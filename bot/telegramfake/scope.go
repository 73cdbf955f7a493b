package telegramfake

import (
	"encoding/json"
	"strconv"
	"strings"
)

// The scopes of bot commands (BotCommandScope) Telegram knows.
const (
	scopeDefault      = "default"
	scopePrivate      = "all_private_chats"
	scopeGroups       = "all_group_chats"
	scopeGroupAdmins  = "all_chat_administrators"
	scopeChat         = "chat"
	scopeChatAdmins   = "chat_administrators"
	scopeChatMember   = "chat_member"
	scopeParsePrefix  = "can't parse BotCommandScope: "
	scopeParseFailure = "can't parse BotCommandScope JSON object"
)

// scope is a parsed BotCommandScope.
type scope struct {
	typ    string
	chatID int64 // the chat scopes'
	userID int64 // chat_member's
}

// hasChat reports whether the scope names a chat.
func (sc scope) hasChat() bool {
	return sc.typ == scopeChat || sc.typ == scopeChatAdmins || sc.typ == scopeChatMember
}

// key names the scope in the server's command lists.
func (sc scope) key() string {
	switch sc.typ {
	case scopeChat, scopeChatAdmins:
		return sc.typ + ":" + strconv.FormatInt(sc.chatID, 10)
	case scopeChatMember:
		return sc.typ + ":" + strconv.FormatInt(sc.chatID, 10) + ":" + strconv.FormatInt(sc.userID, 10)
	}
	return sc.typ
}

// parseScope reads the scope parameter as Telegram does: none is the
// default scope; a chat scope needs chat_id (a number, also in a string;
// a @username names no chat of the fake), chat_member also a positive
// user_id.
func parseScope(raw string) (scope, *apiError) {
	if strings.TrimSpace(raw) == "" {
		return scope{typ: scopeDefault}, nil
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil || dec.More() {
		return scope{}, badRequest(scopeParseFailure)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return scope{}, badRequest(scopeParsePrefix + "BotCommandScope must be an Object")
	}
	typ, e := scopeString(obj, "type")
	if e != nil {
		return scope{}, e
	}
	switch typ {
	case scopeDefault, scopePrivate, scopeGroups, scopeGroupAdmins:
		return scope{typ: typ}, nil
	case scopeChat, scopeChatAdmins, scopeChatMember:
	default:
		return scope{}, badRequest(scopeParsePrefix + "Unsupported type specified")
	}
	chat, e := scopeString(obj, "chat_id")
	if e != nil {
		return scope{}, e
	}
	if chat == "" {
		return scope{}, badRequest(scopeParsePrefix + "Empty chat_id specified")
	}
	sc := scope{typ: typ}
	if id, err := strconv.ParseInt(chat, 10, 64); err == nil {
		sc.chatID = id
	} // else a username or garbage: chat 0, which the fake does not know
	if typ == scopeChatMember {
		user, e := scopeString(obj, "user_id")
		if e != nil {
			return scope{}, e
		}
		id, err := strconv.ParseInt(user, 10, 64)
		if err != nil {
			return scope{}, badRequest(scopeParsePrefix + "Field \"user_id\" must be a valid Number")
		}
		if id <= 0 {
			return scope{}, badRequest(scopeParsePrefix + "Invalid user_id specified")
		}
		sc.userID = id
	}
	return sc, nil
}

// scopeString reads a required field of a scope as a string; Telegram
// takes a number for one too.
func scopeString(obj map[string]any, name string) (string, *apiError) {
	switch v := obj[name].(type) {
	case nil:
		if _, there := obj[name]; !there {
			return "", badRequest(scopeParsePrefix+"Can't find field \"%s\"", name)
		}
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	}
	return "", badRequest(scopeParsePrefix+"Field \"%s\" must be of type String", name)
}
