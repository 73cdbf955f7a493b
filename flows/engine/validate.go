package engine

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of free-text answers, in characters.
const (
	minText = 2
	maxText = 100
)

// CleanText trims s and turns every run of white space (also line breaks)
// into one space. It returns the cleaned text, or the key of the problem
// when s is empty, too short or too long, holds control characters or
// something that looks like an HTML tag, or has no letter at all (digits,
// symbols or emojis only).
func CleanText(s string) (string, string) {
	if !utf8.ValidString(s) {
		return "", keyInvalidControl
	}
	s = strings.Join(strings.Fields(s), " ")
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return "", keyInvalidEmpty
	case strings.IndexFunc(s, isForbiddenRune) >= 0:
		return "", keyInvalidControl
	case looksLikeMarkup(s):
		return "", keyInvalidMarkup
	case n < minText:
		return "", keyInvalidTooShort
	case n > maxText:
		return "", keyInvalidTooLong
	case strings.IndexFunc(s, unicode.IsLetter) < 0:
		return "", keyInvalidNoLetters
	}
	return s, ""
}

// CleanName is CleanText for a person's name: besides letters (of any
// script, with their combining marks) it allows only spaces, hyphens,
// apostrophes and full stops.
func CleanName(s string) (string, string) {
	s, problem := CleanText(s)
	if problem != "" {
		return "", problem
	}
	if strings.IndexFunc(s, func(r rune) bool { return !isNameRune(r) }) >= 0 {
		return "", keyInvalidNameChars
	}
	return s, ""
}

func isNameRune(r rune) bool {
	switch r {
	case ' ', '-', '\'', '.', '’', '‐', '\u200c', '\u200d': // ZWNJ and ZWJ occur in Persian and Indic names
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.M, r)
}

// isForbiddenRune reports control characters and the invisible characters
// that reorder or hide text (bidi overrides and isolates, line separators).
func isForbiddenRune(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	case r == '\u2028', r == '\u2029', r == '\ufeff':
		return true
	}
	return false
}

// looksLikeMarkup reports whether s holds something like an HTML tag, an
// opening "<" followed by a letter, "/" or "!", and later a ">".
func looksLikeMarkup(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!') &&
			strings.IndexByte(s[i+1:], '>') >= 0 {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
