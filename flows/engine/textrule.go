package engine

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextRule is how a free-text answer is checked. Short answers (a
// department, a place) are one line and refuse HTML-like tags. Long
// answers (a description, a question) keep their line breaks and may
// contain "<" and ">" (a description may say "<5 Personen"): they are
// stored as typed and escaped wherever they are shown.
type TextRule struct {
	Min, Max  int
	Multiline bool // keep line breaks, allow < and >
}

// problemLength is what cleanFree returns for an answer of the wrong
// length; the step notes keyInvalidLength filled with the limits.
const problemLength = "length"

// cleanFree cleans s by rule r and returns it with its length in
// characters, or the key of its problem: empty, control characters, markup
// (short answers only), problemLength, or no letter at all.
func cleanFree(s string, r TextRule) (string, int, string) {
	if !utf8.ValidString(s) {
		return "", 0, keyInvalidControl
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if !r.Multiline {
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
	case !r.Multiline && looksLikeMarkup(s):
		return "", n, keyInvalidMarkup
	case n < r.Min || n > r.Max:
		return "", n, problemLength
	case strings.IndexFunc(s, unicode.IsLetter) < 0:
		return "", n, keyInvalidNoLetters
	}
	return s, n, ""
}

// CheckAnswer cleans text by r; a problem is noted (the length with its
// limits) and false returned (the step then returns ProblemNoted).
func (t *Turn) CheckAnswer(text string, r TextRule) (string, bool) {
	v, n, problem := cleanFree(text, r)
	switch problem {
	case "":
		return v, true
	case problemLength:
		t.Note(keyInvalidLength, map[string]any{"Min": r.Min, "Max": r.Max, "Count": n})
	default:
		t.Note(problem, nil)
	}
	return "", false
}

// RuleStep declares a text step checked by r: a problem is noted with
// CheckAnswer. A long answer (Multiline) shows shortened to summaryLen
// characters in the summary; editing the field shows all of it.
func RuleStep(name, label, promptKey string, r TextRule) Step {
	st := Step{
		Name: name, Label: label, InSummary: true,
		Prompt: func(t *Turn) Prompt { return Prompt{Text: t.T(promptKey, nil)} },
		Handle: func(t *Turn, in Input) string {
			if in.Pressed {
				return keyFlowUseButtons
			}
			v, ok := t.CheckAnswer(in.Text, r)
			if !ok {
				return ProblemNoted
			}
			t.Set(name, v)
			return ""
		},
	}
	if r.Multiline {
		st.Show = func(_ *Turn, v string) any { return Shorten(v, summaryLen) }
	}
	return st
}

// summaryLen is how many characters of a long answer the summary shows (four
// at full length would not fit into one message).
const summaryLen = 300

// Excerpt returns the first max characters of s, with "…" when cut, on one
// line.
func Excerpt(s string, max int) string {
	return Shorten(strings.Join(strings.Fields(s), " "), max)
}

// Shorten returns the first max characters of s, with "…" when cut; line
// breaks stay.
func Shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:max])) + "…"
}
