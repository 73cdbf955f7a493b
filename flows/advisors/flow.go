package advisors

import (
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/miglobe/miglobe-bot/flows/domain"
	"github.com/miglobe/miglobe-bot/flows/engine"
)

// flowProfile is stored in sessions: keep it.
const flowProfile = "advisor"

// Keys of the flow's answers in the session.
const (
	dataExpertise = "exp"     // topics, a multi-select answer
	dataLanguages = "langs"   // language codes (see languages) and typed names
	dataCity      = "city"    // home city
	dataState     = "state"   // home Bundesland code
	dataFormats   = "formats" // on_site and/or online
	dataTravels   = "travels" // Bundesland codes besides the home one; asked when on site
	dataQuota     = "quota"   // 1-6, or "0" for no limit
	dataPause     = "pause"   // ISO date, or none
	dataReach     = "reach"   // how a municipality may reach them
)

// none is the answer of the pause when there is none, and of the travels
// when they stay in their Bundesland (engine.Values reads it as empty).
const none = "-"

// choiceNoPause is the value of the "no pause" button.
const choiceNoPause = "none"

// maxQuota is the highest limit per quarter offered; more is no limit.
const maxQuota = 6

// Rules of the typed answers.
var (
	ruleCity  = engine.TextRule{Min: 2, Max: 100}
	ruleReach = engine.TextRule{Min: 5, Max: domain.MaxReachLen}
)

// languages are the codes of the languages offered as buttons, with their
// German names, which the profile stores (the pool matches them with the
// requests' languages, typed in German).
var languages = []struct{ code, name, key string }{
	{"de", "Deutsch", "advlang.de"}, {"en", "Englisch", "advlang.en"}, {"ar", "Arabisch", "advlang.ar"},
	{"tr", "Türkisch", "advlang.tr"}, {"ru", "Russisch", "advlang.ru"}, {"uk", "Ukrainisch", "advlang.uk"},
	{"fa", "Persisch", "advlang.fa"}, {"fr", "Französisch", "advlang.fr"}, {"pl", "Polnisch", "advlang.pl"},
	{"ku", "Kurdisch", "advlang.ku"}, {"es", "Spanisch", "advlang.es"}, {"it", "Italienisch", "advlang.it"},
}

// profileFlow asks every field of the profile, shows the summary and
// saves it (finish).
func (d Deps) profileFlow() *engine.Flow {
	travels := engine.MultiSelectStep(engine.MultiSelectSpec{Name: dataTravels, Label: keyFieldTravels,
		PromptKey: keyTravelsPrompt, Options: stateOptions})
	travels.Skip = func(t *engine.Turn) bool { return !onSite(t) }
	return &engine.Flow{
		Name: flowProfile, Title: keyBtnProfile, Intro: keyIntro,
		Steps: []engine.Step{
			engine.MultiSelectStep(engine.MultiSelectSpec{Name: dataExpertise, Label: keyFieldExpertise,
				PromptKey: keyExpertisePrompt, Options: topicOptions, Min: 1, PerRow: 1}),
			engine.MultiSelectStep(engine.MultiSelectSpec{Name: dataLanguages, Label: keyFieldLanguages,
				PromptKey: keyLanguagesPrompt, Options: languageOptions, Min: 1, Max: 20, PerRow: 3, Typed: typedLanguages}),
			engine.RuleStep(dataCity, engine.KeyFieldCity, keyCityPrompt, ruleCity),
			engine.StateStep(dataState, engine.KeyFieldState, func(t *engine.Turn) string {
				return t.T(keyStatePrompt, map[string]any{"City": t.Get(dataCity)})
			}),
			engine.MultiSelectStep(engine.MultiSelectSpec{Name: dataFormats, Label: keyFieldFormats,
				PromptKey: keyFormatsPrompt, Options: formatOptions, Min: 1}),
			travels,
			engine.ChoiceStep(dataQuota, keyFieldQuota, func(t *engine.Turn) string { return t.T(keyQuotaPrompt, nil) },
				quotaChoices, nil),
			pauseStep(),
			engine.RuleStep(dataReach, keyFieldReach, keyReachPrompt, ruleReach),
		},
		Summary: func(t *engine.Turn, lines string) string {
			return t.T(keySummary, map[string]any{"Lines": engine.HTML(lines)})
		},
		Finish: d.finish,
	}
}

// onSite reports whether the answers offer on-site work.
func onSite(t *engine.Turn) bool {
	return slices.Contains(engine.Values(t.Get(dataFormats)), string(domain.FormatOnSite))
}

// topicOptions are the topics of the catalogue but "other".
func topicOptions(t *engine.Turn) []engine.Choice {
	out := make([]engine.Choice, 0, len(domain.Topics))
	for _, tp := range domain.Topics {
		if tp != domain.TopicOther {
			out = append(out, engine.Choice{Label: t.Texts().TopicName(t.Lang(), tp), Value: string(tp)})
		}
	}
	return out
}

// languageOptions are the common languages, labelled in the user's language.
func languageOptions(t *engine.Turn) []engine.Choice {
	out := make([]engine.Choice, 0, len(languages))
	for _, l := range languages {
		out = append(out, engine.Choice{Label: t.Plain(l.key, nil), Value: l.code})
	}
	return out
}

// typedLanguages takes typed languages, separated by commas: each 3-30
// letters (spaces, hyphens and apostrophes between), at most 10. One that
// names a language of the buttons (in German or the user's language)
// becomes that button's.
func typedLanguages(t *engine.Turn, text string) ([]string, string) {
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '\n' })
	if len(parts) == 0 || len(parts) > 10 {
		return nil, keyLanguageInvalid
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.Join(strings.Fields(p), " ")
		n := utf8.RuneCountInString(p)
		if n < 3 || n > 30 || strings.IndexFunc(p, unicode.IsLetter) < 0 || strings.IndexFunc(p, func(r rune) bool {
			return !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '\''
		}) >= 0 {
			return nil, keyLanguageInvalid
		}
		out = append(out, languageValue(t, p))
	}
	return out, ""
}

// languageValue is the code of the button language named, else name.
func languageValue(t *engine.Turn, name string) string {
	for _, l := range languages {
		if strings.EqualFold(name, l.name) || strings.EqualFold(name, t.Plain(l.key, nil)) {
			return l.code
		}
	}
	return name
}

// formatOptions are the formats an advisor offers.
func formatOptions(t *engine.Turn) []engine.Choice {
	return []engine.Choice{{Label: t.Plain(keyOnSite, nil), Value: string(domain.FormatOnSite)},
		{Label: t.Plain(keyOnline, nil), Value: string(domain.FormatOnline)}}
}

// stateOptions are the Bundesländer but the home one.
func stateOptions(t *engine.Turn) []engine.Choice {
	out := make([]engine.Choice, 0, len(domain.States))
	for _, s := range domain.States {
		if s != t.Get(dataState) {
			out = append(out, engine.Choice{Label: t.StateName(s), Value: s})
		}
	}
	return out
}

// quotaChoices are 1 to maxQuota in a row, and no limit.
func quotaChoices(t *engine.Turn) [][]engine.Choice {
	row := make([]engine.Choice, 0, maxQuota)
	for i := 1; i <= maxQuota; i++ {
		row = append(row, engine.Choice{Label: strconv.Itoa(i), Value: strconv.Itoa(i)})
	}
	return [][]engine.Choice{row, {{Label: t.Plain(keyBtnNoLimit, nil), Value: "0"}}}
}

// pauseStep asks until when the advisor pauses, with a calendar, or no
// pause with a button.
func pauseStep() engine.Step {
	st := engine.DateStep(engine.DateSpec{Name: dataPause, Label: keyFieldPause, PromptKey: keyPausePrompt})
	prompt, handle, show, button := st.Prompt, st.Handle, st.Show, st.Button
	st.Prompt = func(t *engine.Turn) engine.Prompt {
		p := prompt(t)
		if len(p.Choices) == 0 { // not while the question about next year shows
			p.Choices = [][]engine.Choice{{{Label: t.Plain(keyBtnNoPause, nil), Value: choiceNoPause}}}
		}
		return p
	}
	// The calendar's days are pressed like choices; "no pause" is no day
	// and goes to the engine, which checks it against the prompt.
	st.Button = func(t *engine.Turn, action, arg string) bool {
		return arg != choiceNoPause && button(t, action, arg)
	}
	st.Handle = func(t *engine.Turn, in engine.Input) string {
		if in.Pressed && in.Choice == choiceNoPause {
			t.Set(dataPause, none)
			return ""
		}
		return handle(t, in)
	}
	st.Show = func(t *engine.Turn, v string) any {
		if v == none {
			return t.Plain(keyNoPause, nil)
		}
		return show(t, v)
	}
	return st
}

// finish saves the profile from the answers and shows the menu.
func (d Deps) finish(t *engine.Turn) {
	a, ok := t.Actor()
	if !ok || !domain.MayKeepAdvisorProfile(a) {
		if !t.Failed() {
			t.EndFlow()
			t.Note(keyRefused, nil)
		}
		return
	}
	p := profileOf(t, a.ID)
	if err := d.Advisors.SaveAdvisorProfile(t.Ctx(), p); err != nil {
		t.Fail(err)
		return
	}
	t.Log().Info("advisor profile saved", slog.Int64("user_id", a.ID))
	t.EndFlow()
	t.Note(keySaved, nil)
	t.ShowMenu(false)
}
