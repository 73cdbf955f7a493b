package telegramfake

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// entityError is why Telegram cannot parse a text, in Telegram's wording
// (which starts with a capital letter, unlike Go's error convention).
type entityError string

func (e entityError) Error() string { return string(e) }

func entityErrorf(format string, args ...any) error {
	return entityError(fmt.Sprintf(format, args...))
}

// openTag is a start tag waiting for its end tag.
type openTag struct {
	name   string
	arg    string // href, language, emoji id, "1" for expandable
	offset int    // UTF-16 offset of the entity in the visible text
}

// htmlParser turns Telegram HTML into visible text and entities, the way the
// Bot API does, and reports the first error with Telegram's wording.
type htmlParser struct {
	src   string
	out   strings.Builder
	u16   int // UTF-16 length of out
	stack []openTag
	ents  []models.MessageEntity
}

// parseHTML returns the visible text and its entities, or the reason
// Telegram gives after "can't parse entities: ".
func parseHTML(src string) (string, []models.MessageEntity, error) {
	p := &htmlParser{src: src}
	for i := 0; i < len(src); {
		var err error
		switch c := src[i]; c {
		case '&':
			r, n := decodeEntity(src[i:])
			if n == 0 {
				return "", nil, entityErrorf(`Character "&" is reserved and must be escaped as "&amp;" at byte offset %d`, i)
			}
			p.writeRune(r)
			i += n
		case '>':
			return "", nil, entityErrorf(`Character ">" is reserved and must be escaped as "&gt;" at byte offset %d`, i)
		case '<':
			if i+1 < len(src) && src[i+1] == '/' {
				i, err = p.endTag(i)
			} else {
				i, err = p.startTag(i)
			}
			if err != nil {
				return "", nil, err
			}
		default:
			p.out.WriteByte(c)
			if c&0xC0 != 0x80 { // first byte of a UTF-8 sequence
				p.u16++
				if c >= 0xF0 { // four bytes: a surrogate pair in UTF-16
					p.u16++
				}
			}
			i++
		}
	}
	if len(p.stack) > 0 {
		return "", nil, entityErrorf(`Can't find end tag corresponding to start tag "%s"`, p.stack[len(p.stack)-1].name)
	}
	sortEntities(p.ents)
	return p.out.String(), p.ents, nil
}

func (p *htmlParser) writeRune(r rune) {
	p.out.WriteRune(r)
	p.u16 += utf16Len(r)
}

// endTag parses "</name>" at i and closes the innermost open tag.
func (p *htmlParser) endTag(i int) (int, error) {
	src := p.src
	if len(p.stack) == 0 {
		return 0, entityErrorf("Unexpected end tag at byte offset %d", i)
	}
	j := i + 2
	for j < len(src) && !isSpace(src[j]) && src[j] != '>' {
		j++
	}
	name := src[i+2 : j]
	for j < len(src) && isSpace(src[j]) {
		j++
	}
	if j >= len(src) || src[j] != '>' {
		return 0, entityErrorf("Unclosed end tag at byte offset %d", i)
	}
	top := p.stack[len(p.stack)-1]
	if name != "" && name != top.name {
		return 0, entityErrorf(`Unmatched end tag at byte offset %d, expected "</%s>", found "</%s>"`, i, top.name, name)
	}
	p.stack = p.stack[:len(p.stack)-1]
	p.addEntity(top)
	return j + 1, nil
}

// addEntity turns a closed tag into its entity; empty entities vanish.
func (p *htmlParser) addEntity(t openTag) {
	length := p.u16 - t.offset
	if length == 0 {
		return
	}
	e := models.MessageEntity{Offset: t.offset, Length: length}
	switch t.name {
	case "b", "strong":
		e.Type = models.MessageEntityTypeBold
	case "i", "em":
		e.Type = models.MessageEntityTypeItalic
	case "u", "ins":
		e.Type = models.MessageEntityTypeUnderline
	case "s", "strike", "del":
		e.Type = models.MessageEntityTypeStrikethrough
	case "span", "tg-spoiler":
		e.Type = models.MessageEntityTypeSpoiler
	case "a":
		e.Type, e.URL = models.MessageEntityTypeTextLink, t.arg
		if t.arg == "" {
			e.Type = models.MessageEntityTypeURL
		}
	case "code":
		e.Type = models.MessageEntityTypeCode
		if n := len(p.stack); n > 0 && p.stack[n-1].name == "pre" && p.stack[n-1].offset == t.offset {
			p.stack[n-1].arg = t.arg // <pre><code class="language-x"> is one pre entity
			return
		}
	case "pre":
		e.Type, e.Language = models.MessageEntityTypePre, t.arg
	case "blockquote":
		e.Type = models.MessageEntityTypeBlockquote
		if t.arg != "" {
			e.Type = models.MessageEntityTypeExpandableBlockquote
		}
	case "tg-emoji":
		e.Type, e.CustomEmojiID = models.MessageEntityTypeCustomEmoji, t.arg
	}
	p.ents = append(p.ents, e)
}

// decodeEntity decodes the character reference at the start of s and returns
// the character and the bytes it took, or 0, 0 when s starts no reference.
func decodeEntity(s string) (rune, int) {
	end := strings.IndexByte(s[:min(len(s), 12)], ';')
	if end < 2 {
		return 0, 0
	}
	name := s[1:end]
	switch name {
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "amp":
		return '&', end + 1
	case "quot":
		return '"', end + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || digits == "" || digits[0] == '+' || n == 0 || n > utf8.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
		return 0, 0
	}
	return rune(n), end + 1
}

func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\v', '\f', 0:
		return true
	}
	return false
}
