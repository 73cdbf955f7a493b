package telegramfake

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// Telegram's length limits, in UTF-16 code units after entity parsing.
const (
	maxTextLen     = 4096
	maxCaptionLen  = 1024
	maxAnswerLen   = 200
	maxCallbackLen = 64 // bytes
)

// rendered is a text or caption as sent (source) and as shown (plain, ents).
type rendered struct {
	source string
	plain  string
	ents   []models.MessageEntity
}

// same reports whether two texts show the same content.
func (r rendered) same(o rendered) bool {
	return r.plain == o.plain && slices.Equal(r.ents, o.ents)
}

// checkParseMode accepts no parse mode and HTML, in any letter case.
func checkParseMode(v string) (html bool, e *apiError) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return false, nil
	case "html":
		return true, nil
	case "markdown", "markdownv2":
		return false, badRequest("the fake Bot API supports only parse_mode HTML")
	}
	return false, badRequest("unsupported parse_mode")
}

// renderText checks a message text as Telegram does and returns it parsed.
func renderText(text, parseMode string) (rendered, *apiError) {
	r, e := render(text, parseMode)
	if e != nil {
		return r, e
	}
	if strings.TrimSpace(r.plain) == "" {
		return r, badRequest("message text is empty")
	}
	if utf16Count(r.plain) > maxTextLen {
		return r, badRequest("message is too long")
	}
	return r, nil
}

// renderCaption checks a caption, which may be empty.
func renderCaption(caption, parseMode string) (rendered, *apiError) {
	r, e := render(caption, parseMode)
	if e != nil {
		return r, e
	}
	if utf16Count(r.plain) > maxCaptionLen {
		return r, badRequest("message caption is too long")
	}
	return r, nil
}

func render(src, parseMode string) (rendered, *apiError) {
	html, e := checkParseMode(parseMode)
	if e != nil {
		return rendered{}, e
	}
	if !utf8.ValidString(src) {
		return rendered{}, badRequest("strings must be encoded in UTF-8")
	}
	if !html {
		return rendered{source: src, plain: src}, nil
	}
	plain, ents, err := parseHTML(src)
	if err != nil {
		return rendered{}, badRequest("can't parse entities: %s", err.Error())
	}
	return rendered{source: src, plain: plain, ents: ents}, nil
}

// sortEntities orders entities as Telegram returns them: by offset, the
// longer (outer) one first.
func sortEntities(ents []models.MessageEntity) {
	slices.SortStableFunc(ents, func(a, b models.MessageEntity) int {
		if c := cmp.Compare(a.Offset, b.Offset); c != 0 {
			return c
		}
		return cmp.Compare(b.Length, a.Length)
	})
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// utf16Count counts the UTF-16 code units of s.
func utf16Count(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}
