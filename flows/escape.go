package flows

import "strings"

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// Escape makes s safe to put into a Telegram HTML text: it replaces & < > and
// " with their entities. User text is escaped once, when it is put into a
// template; Texts.T does that for every string value it is given.
func Escape(s string) string { return htmlEscaper.Replace(s) }
