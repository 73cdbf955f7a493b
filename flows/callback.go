package flows

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxCallbackData is Telegram's limit for callback_data, in bytes.
const maxCallbackData = 64

// callbackSep separates the parts of callback data.
const callbackSep = ":"

// CallbackData joins parts into callback data ("<part>:<part>:..."). It is
// the one place that builds callback data. It returns an error when there
// are no parts, when a part holds the separator ":" or invalid UTF-8, or
// when the result would not be 1-64 bytes long.
func CallbackData(parts ...string) (string, error) {
	if len(parts) == 0 {
		return "", errors.New("flows: callback data: no parts")
	}
	for _, p := range parts {
		if strings.Contains(p, callbackSep) || !utf8.ValidString(p) {
			return "", fmt.Errorf("flows: callback data: invalid part %q", p)
		}
	}
	data := strings.Join(parts, callbackSep)
	if len(data) == 0 || len(data) > maxCallbackData {
		return "", fmt.Errorf("flows: callback data: %d bytes, want 1-%d", len(data), maxCallbackData)
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
