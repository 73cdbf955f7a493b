package engine

import (
	"html"
	"strings"
)

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// Escape makes s safe to put into a Telegram HTML text: it replaces & < > and
// " with their entities. User text is escaped once, when it is put into a
// template; Texts.T does that for every string value it is given.
func Escape(s string) string { return htmlEscaper.Replace(s) }

// HTML is a piece of Telegram HTML that Texts.T inserts as it is. Every
// other string passed to T in data is escaped.
type HTML string

// PlainText returns what Telegram shows of the HTML text s: tags removed,
// entities decoded. Button labels and callback answers (toasts) are plain
// text, where "&amp;" would show as it is.
func PlainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		s = s[i+j+1:]
	}
	return html.UnescapeString(b.String())
}
