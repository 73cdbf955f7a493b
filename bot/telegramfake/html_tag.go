package telegramfake

import (
	"slices"
	"strconv"
	"strings"
)

// allowedAttrs lists Telegram's tags and the attributes each may carry.
var allowedAttrs = map[string][]string{
	"b": nil, "strong": nil, "i": nil, "em": nil, "u": nil, "ins": nil,
	"s": nil, "strike": nil, "del": nil, "tg-spoiler": nil, "pre": nil,
	"span":       {"class"},
	"a":          {"href"},
	"code":       {"class"},
	"blockquote": {"expandable"},
	"tg-emoji":   {"emoji-id"},
}

// startTag parses "<name attr=value ...>" at i and opens it.
func (p *htmlParser) startTag(begin int) (int, error) {
	src := p.src
	j := begin + 1
	for j < len(src) && !isSpace(src[j]) && src[j] != '>' {
		j++
	}
	if j >= len(src) {
		return 0, entityErrorf("Unclosed start tag at byte offset %d", begin)
	}
	name := strings.ToLower(src[begin+1 : j])
	allowed, ok := allowedAttrs[name]
	if !ok {
		return 0, entityErrorf(`Unsupported start tag "%s" at byte offset %d`, name, begin)
	}
	tag := openTag{name: name, offset: p.u16}
	seen := map[string]string{}
	for {
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		if j >= len(src) {
			return 0, entityErrorf(`Unclosed start tag "%s" at byte offset %d`, name, begin)
		}
		if src[j] == '>' {
			break
		}
		attrBegin := j
		for j < len(src) && !isSpace(src[j]) && src[j] != '=' && src[j] != '>' {
			j++
		}
		attr := strings.ToLower(src[attrBegin:j])
		if attr == "" {
			return 0, entityErrorf(`Empty attribute name in the tag "%s" at byte offset %d`, name, begin)
		}
		if !slices.Contains(allowed, attr) {
			return 0, entityErrorf(`Unsupported attribute "%s" in the tag "%s" at byte offset %d`, attr, name, begin)
		}
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		if j >= len(src) {
			return 0, entityErrorf(`Unclosed start tag "%s" at byte offset %d`, name, begin)
		}
		if src[j] != '=' {
			if attr == "expandable" {
				seen[attr] = ""
				continue
			}
			return 0, entityErrorf(`Expected equal sign in declaration of an attribute of the tag "%s" at byte offset %d`, name, begin)
		}
		j++
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		if j >= len(src) {
			return 0, entityErrorf(`Unclosed start tag "%s" at byte offset %d`, name, begin)
		}
		var value string
		var err error
		if value, j, err = attrValue(src, j); err != nil {
			return 0, err
		}
		if j >= len(src) {
			return 0, entityErrorf("Unclosed start tag at byte offset %d", begin)
		}
		seen[attr] = value
	}
	if err := tag.setArg(seen, begin); err != nil {
		return 0, err
	}
	p.stack = append(p.stack, tag)
	return j + 1, nil
}

// attrValue reads a quoted string (decoding character references) or a name
// token at j and returns it with the index after it.
func attrValue(src string, j int) (string, int, error) {
	if q := src[j]; q == '"' || q == '\'' {
		var b strings.Builder
		j++
		for j < len(src) && src[j] != q {
			if src[j] == '&' {
				if r, n := decodeEntity(src[j:]); n > 0 {
					b.WriteRune(r)
					j += n
					continue
				}
			}
			b.WriteByte(src[j])
			j++
		}
		if j < len(src) {
			j++ // the closing quote
		}
		return b.String(), j, nil
	}
	tokenBegin := j
	for j < len(src) && (isAlnum(src[j]) || src[j] == '.' || src[j] == '-') {
		j++
	}
	if j < len(src) && !isSpace(src[j]) && src[j] != '>' {
		return "", 0, entityErrorf("Unexpected end of name token at byte offset %d", tokenBegin)
	}
	return strings.ToLower(src[tokenBegin:j]), j, nil
}

// setArg checks the attribute values of t and keeps the one that matters.
func (t *openTag) setArg(attrs map[string]string, begin int) error {
	switch t.name {
	case "a":
		t.arg = attrs["href"]
	case "span":
		if attrs["class"] != "tg-spoiler" {
			return entityErrorf(`Tag "span" must have class "tg-spoiler" at byte offset %d`, begin)
		}
	case "code":
		if class, ok := attrs["class"]; ok {
			lang, found := strings.CutPrefix(class, "language-")
			if !found {
				return entityErrorf(`Unsupported attribute "class" in the tag "code" at byte offset %d`, begin)
			}
			t.arg = lang
		}
	case "blockquote":
		if _, ok := attrs["expandable"]; ok {
			t.arg = "1"
		}
	case "tg-emoji":
		raw := attrs["emoji-id"]
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 || raw[0] < '0' || raw[0] > '9' {
			return entityErrorf("Invalid custom emoji identifier specified")
		}
		t.arg = raw
	}
	return nil
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
