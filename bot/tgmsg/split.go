package tgmsg

import (
	"strings"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// MaxTextLength is Telegram's limit for one message, in characters after
// entity parsing, counted as domain.TextLength counts them.
const MaxTextLength = domain.MaxTextLength

// SplitHTML cuts Telegram HTML text into parts of at most limit visible
// characters each. It cuts at a line break where one is in the second half of
// a part, else at a space, else anywhere between characters; tags open at a
// cut are closed at the end of the part and opened again in the next, and an
// entity such as &amp; is never cut. Text that fits is returned as it is.
func SplitHTML(text string, limit int) []string {
	if visibleLength(text) <= limit {
		return []string{text}
	}
	var (
		parts []string
		open  []string // opening tags in effect, outermost first
		b     strings.Builder
		n     int // visible length of the current part
		// cut points in the current part: byte length, open tags, next atom
		lineCut, spaceCut cutPoint
	)
	startPart := func() {
		b.Reset()
		n = 0
		lineCut, spaceCut = cutPoint{}, cutPoint{}
		for _, t := range open {
			b.WriteString(t)
		}
	}
	finish := func(upto int, tags []string) {
		part := b.String()[:upto]
		for i := len(tags) - 1; i >= 0; i-- {
			part += "</" + tagName(tags[i]) + ">"
		}
		if strings.TrimSpace(stripTags(part)) != "" {
			parts = append(parts, part)
		}
	}
	startPart()
	for i := 0; i < len(text); {
		atom, width, kind := nextAtom(text[i:])
		switch kind {
		case atomOpen:
			open = append(open, atom)
			b.WriteString(atom)
			i += len(atom)
			continue
		case atomClose:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			b.WriteString(atom)
			i += len(atom)
			continue
		}
		if n+width > limit {
			cut := cutPoint{pos: b.Len(), tags: clone(open), next: i}
			if lineCut.pos > 0 && lineCut.n > limit/2 {
				cut = lineCut
			} else if spaceCut.pos > 0 && spaceCut.n > limit/2 {
				cut = spaceCut
			}
			finish(cut.pos, cut.tags)
			open = cut.tags
			i = cut.next
			startPart()
			continue
		}
		b.WriteString(atom)
		n += width
		i += len(atom)
		if atom == "\n" {
			lineCut = cutPoint{pos: b.Len(), tags: clone(open), next: i, n: n}
		} else if atom == " " {
			spaceCut = cutPoint{pos: b.Len(), tags: clone(open), next: i, n: n}
		}
	}
	finish(b.Len(), open)
	return parts
}

type cutPoint struct {
	pos  int      // byte length of the part up to the cut
	tags []string // tags open at the cut
	next int      // index in text where the next part starts
	n    int      // visible length up to the cut
}

const (
	atomText = iota
	atomOpen
	atomClose
)

// nextAtom returns the first tag, entity or character of s, its visible width
// in UTF-16 code units and its kind.
func nextAtom(s string) (string, int, int) {
	switch s[0] {
	case '<':
		if end := strings.IndexByte(s, '>'); end > 0 {
			if strings.HasPrefix(s, "</") {
				return s[:end+1], 0, atomClose
			}
			return s[:end+1], 0, atomOpen
		}
	case '&':
		if end := strings.IndexByte(s, ';'); end > 1 && end <= 10 {
			return s[:end+1], 1, atomText
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	if r > 0xFFFF {
		return s[:size], 2, atomText
	}
	return s[:size], 1, atomText
}

// visibleLength is the length Telegram counts for HTML text.
func visibleLength(text string) int { return domain.TextLength(text) }

func stripTags(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		atom, _, kind := nextAtom(s[i:])
		if kind == atomText {
			b.WriteString(atom)
		}
		i += len(atom)
	}
	return b.String()
}

// tagName is the element name of an opening tag such as `<a href="x">`.
func tagName(open string) string {
	name := strings.TrimSuffix(strings.TrimPrefix(open, "<"), ">")
	if i := strings.IndexAny(name, " \t\n"); i >= 0 {
		name = name[:i]
	}
	return name
}

func clone(s []string) []string { return append([]string(nil), s...) }
