package domain

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxTextLength is Telegram's limit for the text of one message, in
// characters after entity parsing (see TextLength).
const MaxTextLength = 4096

// MaxCaptionLength is Telegram's limit for a document's caption, counted as
// TextLength counts.
const MaxCaptionLength = 1024

// MaxOutboxDocument is the largest document, in bytes, a Notification may
// carry through the outbox (small files such as calendar files, not
// uploads).
const MaxOutboxDocument = 1 << 20

// TextLength returns the length Telegram counts for text in Telegram HTML:
// tags count nothing, an entity such as &amp; one character, and each
// character as many UTF-16 code units as it takes (as Telegram counts
// entity offsets: never less than the number of runes).
func TextLength(html string) int {
	n := 0
	for rest := html; rest != ""; {
		if rest[0] == '<' {
			if end := strings.IndexByte(rest, '>'); end > 0 {
				rest = rest[end+1:]
				continue
			}
		}
		if rest[0] == '&' {
			if end := strings.IndexByte(rest, ';'); end > 1 && end <= 10 {
				n++
				rest = rest[end+1:]
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(rest)
		n += max(utf16.RuneLen(r), 1)
		rest = rest[size:]
	}
	return n
}
