package engine

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Callback data, the one format of every button's data (1-64 bytes, parts
// joined by ":"):
//
//	<nonce>:<action>[:<arg>]           a session button: valid only on the
//	                                   current prompt (Session.Nonce, Session.Prompt)
//	*:<feature>:<action>:<id>          a durable button under a message that
//	                                   outlives a conversation (a notification)
//
// A session button's nonce changes with every prompt, so an old button is
// answered "no longer current". A durable press trusts nothing in its data:
// its handler loads the record and the acting user, and the policy
// functions decide.

// maxCallbackData is Telegram's limit for callback_data, in bytes.
const maxCallbackData = 64

// callbackSep separates the parts of callback data.
const callbackSep = ":"

// durableMark is the first part of a durable button's data; no nonce looks
// like it.
const durableMark = "*"

// CallbackData joins parts into callback data ("<part>:<part>:..."). It is
// the one place that builds callback data. It returns an error when there
// are no parts, when a part holds the separator ":" or invalid UTF-8, or
// when the result would not be 1-64 bytes long.
func CallbackData(parts ...string) (string, error) {
	if len(parts) == 0 {
		return "", errors.New("engine: callback data: no parts")
	}
	for _, p := range parts {
		if strings.Contains(p, callbackSep) || !utf8.ValidString(p) {
			return "", fmt.Errorf("engine: callback data: invalid part %q", p)
		}
	}
	data := strings.Join(parts, callbackSep)
	if len(data) == 0 || len(data) > maxCallbackData {
		return "", fmt.Errorf("engine: callback data: %d bytes, want 1-%d", len(data), maxCallbackData)
	}
	return data, nil
}

// ParseCallback splits callback data built by CallbackData into its parts.
// It reports false for data CallbackData could not have built (empty, longer
// than 64 bytes, invalid UTF-8).
func ParseCallback(data string) ([]string, bool) {
	if data == "" || len(data) > maxCallbackData || !utf8.ValidString(data) {
		return nil, false
	}
	return strings.Split(data, callbackSep), true
}

// durablePress is a press on a durable button, parsed.
type durablePress struct {
	feature, action string
	id              int64 // 0 when the data holds no valid id
}

// parseDurable returns the press of data on a durable button; false for
// any other data.
func parseDurable(data string) (durablePress, bool) {
	parts, ok := ParseCallback(data)
	if !ok || len(parts) != 4 || parts[0] != durableMark {
		return durablePress{}, false
	}
	p := durablePress{feature: parts[1], action: parts[2]}
	if id, err := strconv.ParseInt(parts[3], 10, 64); err == nil && id > 0 {
		p.id = id
	}
	return p, true
}

// sessionPress returns the action and argument of session button data
// with the given nonce; false for data of another nonce or shape.
func sessionPress(data string, nonce uint32) (action, arg string, ok bool) {
	parts, ok := ParseCallback(data)
	if !ok || len(parts) < 2 || len(parts) > 3 {
		return "", "", false
	}
	n, err := strconv.ParseUint(parts[0], 36, 32)
	if err != nil || n == 0 || uint32(n) != nonce {
		return "", "", false
	}
	if len(parts) == 3 {
		arg = parts[2]
	}
	return parts[1], arg, true
}
