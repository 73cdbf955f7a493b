package flows

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// textRule is how a free-text answer of the request flow is checked.
// Short answers (department, function, place, another topic, languages) are
// one line and refuse HTML-like tags, like the onboarding fields. Long
// answers (description, goal, target groups, associations) keep their line
// breaks and may contain "<" and ">" (a description may say "<5 Personen"):
// they are stored as typed and escaped wherever they are shown.
type textRule struct {
	min, max  int
	multiline bool // keep line breaks, allow < and >
}

// problemLength is what cleanFree returns for an answer of the wrong
// length; the step notes keyRequestLength filled with the limits.
const problemLength = "length"

// cleanFree cleans s by rule r and returns it with its length in
// characters, or the key of its problem: empty, control characters, markup
// (short answers only), problemLength, or no letter at all.
func cleanFree(s string, r textRule) (string, int, string) {
	if !utf8.ValidString(s) {
		return "", 0, keyInvalidControl
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if !r.multiline {
		lines = []string{strings.Join(lines, " ")}
	}
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	s = strings.Join(out, "\n")
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return "", 0, keyInvalidEmpty
	case strings.IndexFunc(s, func(c rune) bool { return c != '\n' && isForbiddenRune(c) }) >= 0:
		return "", n, keyInvalidControl
	case !r.multiline && looksLikeMarkup(s):
		return "", n, keyInvalidMarkup
	case n < r.min || n > r.max:
		return "", n, problemLength
	case strings.IndexFunc(s, unicode.IsLetter) < 0:
		return "", n, keyInvalidNoLetters
	}
	return s, n, ""
}

// checkAnswer cleans text by r; a problem is noted (the length with its
// limits) and reported as problemNoted.
func (t *turn) checkAnswer(text string, r textRule) (string, bool) {
	v, n, problem := cleanFree(text, r)
	switch problem {
	case "":
		return v, true
	case problemLength:
		t.notes = append(t.notes, t.tr(keyRequestLength, map[string]any{"Min": r.min, "Max": r.max, "Count": n}))
	default:
		t.note(problem)
	}
	return "", false
}

// Limits of the wanted languages.
const (
	maxLanguages   = 10
	maxLanguageLen = 50
)

// splitLanguages splits a cleaned list of languages at commas, semicolons
// and slashes. It reports false for an empty item, one without letters or
// longer than maxLanguageLen, or more than maxLanguages items.
func splitLanguages(s string) ([]string, bool) {
	if s == "" {
		return nil, true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '/' })
	if len(parts) == 0 || len(parts) > maxLanguages {
		return nil, false
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || utf8.RuneCountInString(p) > maxLanguageLen || strings.IndexFunc(p, unicode.IsLetter) < 0 {
			return nil, false
		}
		out = append(out, p)
	}
	return out, true
}

// excerpt returns the first max characters of s, with "…" when cut, on one
// line.
func excerpt(s string, max int) string {
	return shorten(strings.Join(strings.Fields(s), " "), max)
}

// shorten returns the first max characters of s, with "…" when cut; line
// breaks stay.
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:max])) + "…"
}
