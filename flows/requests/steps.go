package requests

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/flows/engine"
)

// functionStep asks for the contact's function, offering the profile's to
// keep with a button; a typed answer replaces it.
func functionStep() engine.Step {
	st := engine.RuleStep(dataFunction, engine.KeyFieldFunction, keyRequestFunctionPrompt, ruleFunction)
	typed := st.Handle
	st.Prompt = func(t *engine.Turn) engine.Prompt {
		p := engine.Prompt{Text: t.T(keyRequestFunctionPrompt, nil)}
		if fn := t.Get(dataFnProfile); fn != "" {
			p.Choices = [][]engine.Choice{{{Label: t.Plain(keyBtnKeep, map[string]any{"Value": fn}), Value: choiceKeep}}}
		}
		return p
	}
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		if in.Pressed && in.Choice == choiceKeep {
			t.Set(dataFunction, t.Get(dataFnProfile))
			return ""
		}
		return typed(t, in)
	}
	return st
}

// optionalStep declares a long text step that may be skipped with a button.
func optionalStep(name, label, promptKey string) engine.Step {
	st := engine.RuleStep(name, label, promptKey, ruleOptional)
	typed := st.Handle
	st.Prompt = func(t *engine.Turn) engine.Prompt {
		return engine.Prompt{Text: t.T(promptKey, nil),
			Choices: [][]engine.Choice{{{Label: t.Plain(keyBtnSkip, nil), Value: choiceSkip}}}}
	}
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		if in.Pressed && in.Choice == choiceSkip {
			t.Set(name, skipped)
			return ""
		}
		return typed(t, in)
	}
	st.Show = func(_ *engine.Turn, v string) any {
		if v == skipped {
			return nil // no line: the summary stays short
		}
		return engine.Excerpt(v, briefLen)
	}
	return st
}

// briefLen is how many characters of a long answer the summary shows, on
// one line, so that the summary fits one phone screen.
const briefLen = 35

// brief makes st's long answer show in the summary as its first briefLen
// characters on one line.
func brief(st engine.Step) engine.Step {
	st.Show = func(_ *engine.Turn, v string) any { return engine.Excerpt(v, briefLen) }
	return st
}

// grouped puts steps under the summary's heading group.
func grouped(group string, steps ...engine.Step) []engine.Step {
	for i := range steps {
		steps[i].Group = group
	}
	return steps
}

// languagesStep asks for the wanted languages as a list (optional).
func languagesStep() engine.Step {
	st := optionalStep(dataLanguages, keyFieldLanguages, keyRequestLanguagesPrompt)
	skipOrType := st.Handle
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		if in.Pressed {
			return skipOrType(t, in)
		}
		v, ok := t.CheckAnswer(in.Text, ruleLanguages)
		if !ok {
			return engine.ProblemNoted
		}
		list, ok := splitLanguages(v)
		if !ok {
			return keyRequestLanguagesInvalid
		}
		t.Set(dataLanguages, joinList(list))
		return ""
	}
	return st
}

// timeframeSteps asks for the earliest and the latest date of an
// assignment. The latest may not be before the earliest; when an edited
// earliest date passes the latest, the latest is dropped with a note and
// asked again.
func timeframeSteps() []engine.Step {
	earliest := engine.DateStep(engine.DateSpec{Name: dataEarliest, Label: keyFieldEarliest, PromptKey: keyTimeframeEarliestPrompt})
	check := earliest.Handle
	earliest.Handle = func(t *engine.Turn, in engine.Input) string {
		if problem := check(t, in); problem != "" {
			return problem
		}
		// ISO dates compare as strings.
		if l := t.Get(dataLatest); l != "" && l < t.Get(dataEarliest) {
			t.Del(dataLatest)
			t.Note(keyTimeframeLatestCleared, nil)
		}
		return ""
	}
	latest := engine.DateStep(engine.DateSpec{
		Name: dataLatest, Label: keyFieldLatest, PromptKey: keyTimeframeLatestPrompt,
		Data: func(t *engine.Turn) map[string]any {
			if d, ok := engine.ParseISO(t.Get(dataEarliest)); ok {
				return map[string]any{"Earliest": t.FormatDate(d)}
			}
			return nil
		},
		After: dataEarliest, AfterKey: keyTimeframeLatestBeforeEarliest,
	})
	return []engine.Step{earliest, latest}
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

// joinList joins a list of languages the way the flow stores and shows it.
func joinList(l []string) string { return strings.Join(l, ", ") }
