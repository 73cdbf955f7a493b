package sandbox

import (
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// node is one piece of a bot text as the page renders it: plain text (Tag
// empty), a bot command (Tag "command", its Text tappable), or one of the
// allowed elements with its children. The page builds DOM nodes from it and
// never parses HTML.
type node struct {
	Tag  string `json:"tag,omitempty"`  // b, i, u, s, a, code, pre, blockquote, spoiler, command; "" for text
	Text string `json:"text,omitempty"` // for text and command nodes, already decoded
	Href string `json:"href,omitempty"` // for a: an http, https or mailto URL, else ""
	// Start is, for a link that opens the sandbox's bot, its start
	// payload (see startPayload): the page opens it as a demo user.
	Start string `json:"start,omitempty"`
	// User is, for a tg://user?id= link (a mention, which Telegram opens
	// as that person's profile), the user's id; Href is "" then.
	User int64   `json:"user,omitempty"`
	Kids []*node `json:"kids,omitempty"`
}

// telegramTags maps each tag Telegram accepts in HTML parse mode to the
// element the page shows. tg-emoji shows its fallback text only ("").
var telegramTags = map[string]string{
	"b": "b", "strong": "b",
	"i": "i", "em": "i",
	"u": "u", "ins": "u",
	"s": "s", "strike": "s", "del": "s",
	"tg-spoiler": "spoiler", "span": "spoiler",
	"a": "a", "code": "code", "pre": "pre", "blockquote": "blockquote",
	"tg-emoji": "",
}

// frame is an open element while parsing: its source tag name and the node
// that receives its children (the parent's node for tg-emoji).
type frame struct {
	src string
	dst *node
}

// richText parses Telegram HTML into nodes, with the bot commands in its text
// marked (see linkCommands) and the links to the bot found (see linkBots). It is lenient where Telegram is
// strict (the fake Bot API already rejected bad markup): an unknown or broken
// tag becomes literal text, an unmatched end tag of a known tag is dropped,
// and elements left open are closed at the end. It never fails.
func richText(s string) []*node {
	root := &node{}
	stack := []frame{{dst: root}}
	addText := func(t string) {
		if t == "" {
			return
		}
		dst := stack[len(stack)-1].dst
		if n := len(dst.Kids); n > 0 && dst.Kids[n-1].Tag == "" {
			dst.Kids[n-1].Text += t
			return
		}
		dst.Kids = append(dst.Kids, &node{Text: t})
	}
	for s != "" {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			addText(html.UnescapeString(s))
			break
		}
		addText(html.UnescapeString(s[:lt]))
		s = s[lt:]
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			addText(html.UnescapeString(s))
			break
		}
		raw, inner := s[:gt+1], s[1:gt]
		s = s[gt+1:]
		if name, ok := strings.CutPrefix(inner, "/"); ok {
			name = strings.ToLower(strings.TrimSpace(name))
			if _, known := telegramTags[name]; !known {
				addText(html.UnescapeString(raw))
				continue
			}
			stack = closeTag(stack, name)
			continue
		}
		name, attrs := parseTag(inner)
		tag, ok := telegramTags[name]
		if !ok || name == "" || (name == "span" && attrs["class"] != "tg-spoiler") {
			addText(html.UnescapeString(raw))
			continue
		}
		parent := stack[len(stack)-1].dst
		f := frame{src: name, dst: parent}
		if tag != "" {
			el := &node{Tag: tag}
			if tag == "a" {
				el.Href, el.User = safeHref(attrs["href"]), mention(attrs["href"])
			}
			parent.Kids = append(parent.Kids, el)
			f.dst = el
		}
		stack = append(stack, f)
	}
	return linkBots(linkCommands(root.Kids))
}

// closeTag pops the innermost open element named name and everything opened
// inside it. An end tag that matches nothing open is ignored.
func closeTag(stack []frame, name string) []frame {
	for i := len(stack) - 1; i > 0; i-- {
		if stack[i].src == name {
			return stack[:i]
		}
	}
	return stack
}

// parseTag splits the inside of a start tag into its lower-case name and its
// attributes (values decoded). Attributes it cannot read are dropped.
func parseTag(inner string) (string, map[string]string) {
	inner = strings.TrimSuffix(strings.TrimSpace(inner), "/")
	name, rest := cutSpace(inner)
	attrs := map[string]string{}
	rest = strings.TrimSpace(rest)
	for rest != "" {
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			break
		}
		key := strings.ToLower(strings.TrimSpace(rest[:eq]))
		rest = strings.TrimSpace(rest[eq+1:])
		var val string
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			end := strings.IndexByte(rest[1:], rest[0])
			if end < 0 {
				break
			}
			val, rest = rest[1:end+1], rest[end+2:]
		} else {
			val, rest = cutSpace(rest)
		}
		attrs[key] = html.UnescapeString(val)
		rest = strings.TrimSpace(rest)
	}
	return strings.ToLower(name), attrs
}

// safeHref returns href when it is an absolute http, https or mailto URL,
// and "" otherwise (javascript:, data:, tg: and relative links are dropped).
func safeHref(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.String()
	}
	return ""
}

// mention returns the user id of a tg://user?id=<id> link, else 0.
func mention(href string) int64 {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || !strings.EqualFold(u.Scheme, "tg") || !strings.EqualFold(u.Host, "user") {
		return 0
	}
	id, err := strconv.ParseInt(u.Query().Get("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// cutSpace splits s at its first white space.
func cutSpace(s string) (before, after string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeftFunc(s[i:], unicode.IsSpace)
}
