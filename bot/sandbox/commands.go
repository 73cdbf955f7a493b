package sandbox

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// commandPattern is a bot command as Telegram marks it in a message: a
// slash, 1-64 Latin letters, digits or underscores, and optionally a bot's
// @username.
var commandPattern = regexp.MustCompile(`/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?`)

// textRef is a text node of a parsed bot text with where its text starts in
// the text's plain form, and whether commands in it become tappable (not in
// code, pre, a link or a spoiler).
type textRef struct {
	n        *node
	start    int
	linkable bool
}

// linkCommands marks the bot commands in nodes as Telegram shows them: a
// command node (Tag "command", Text "/help") for each command that stands
// as a word of its own in the plain text (no letter, digit, underscore,
// slash or angle bracket right before or after it), outside code, pre,
// links and spoilers. The page
// turns command nodes into buttons that send the command; their text is
// still only text.
func linkCommands(nodes []*node) []*node {
	var refs []textRef
	var plain strings.Builder
	var walk func([]*node, bool)
	walk = func(ns []*node, linkable bool) {
		for _, n := range ns {
			if n.Tag == "" {
				refs = append(refs, textRef{n: n, start: plain.Len(), linkable: linkable})
				plain.WriteString(n.Text)
				continue
			}
			walk(n.Kids, linkable && n.Tag != "code" && n.Tag != "pre" && n.Tag != "a" && n.Tag != "spoiler")
		}
	}
	walk(nodes, true)
	text := plain.String()
	cuts := map[*node][][2]int{}
	for _, m := range commandPattern.FindAllStringIndex(text, -1) {
		before, _ := utf8.DecodeLastRuneInString(text[:m[0]])
		after, _ := utf8.DecodeRuneInString(text[m[1]:])
		if m[0] > 0 && joins(before) || m[1] < len(text) && (joins(after) || after == '@') {
			continue
		}
		for _, r := range refs {
			if r.linkable && r.start <= m[0] && m[1] <= r.start+len(r.n.Text) {
				cuts[r.n] = append(cuts[r.n], [2]int{m[0] - r.start, m[1] - r.start})
			}
		}
	}
	if len(cuts) == 0 {
		return nodes
	}
	return splitCommands(nodes, cuts)
}

// joins reports whether r next to a slash command makes it part of a longer
// word, a path or a tag, so that it is no command.
func joins(r rune) bool {
	return r == '_' || r == '/' || r == '<' || r == '>' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// splitCommands replaces each text node of nodes that has cuts with its
// pieces: text, command, text, ...
func splitCommands(nodes []*node, cuts map[*node][][2]int) []*node {
	out := make([]*node, 0, len(nodes))
	for _, n := range nodes {
		if n.Tag != "" {
			n.Kids = splitCommands(n.Kids, cuts)
			out = append(out, n)
			continue
		}
		at := 0
		for _, c := range cuts[n] {
			if c[0] > at {
				out = append(out, &node{Text: n.Text[at:c[0]]})
			}
			out = append(out, &node{Tag: "command", Text: n.Text[c[0]:c[1]]})
			at = c[1]
		}
		if at < len(n.Text) {
			out = append(out, &node{Text: n.Text[at:]})
		}
	}
	return out
}
