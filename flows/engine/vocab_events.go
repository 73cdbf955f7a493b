package engine

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// The languages of an event (spoken there, or interpreted into) and the
// needs an association may ask for are named by the organiser's side and
// by the associations' side of events: an event stores codes ("ar",
// "interpreting"), and each reader sees the names in their own language.

// Languages are the codes of the languages offered for an event, in the
// order they are offered.
var Languages = []string{"de", "en", "ar", "tr", "uk", "ru", "fa", "fr", "ku", "ti"}

// LanguageKeys are the keys of the names of Languages, by code.
var LanguageKeys = map[string]string{
	"de": "spoken.de", "en": "spoken.en", "ar": "spoken.ar", "tr": "spoken.tr", "uk": "spoken.uk",
	"ru": "spoken.ru", "fa": "spoken.fa", "fr": "spoken.fr", "ku": "spoken.ku", "ti": "spoken.ti",
}

// LanguageName is the plain name of language code in lang ("Arabisch"),
// or code itself when it is none of Languages (a language a user typed
// stays as typed).
func (t *Texts) LanguageName(lang, code string) string {
	if k, ok := LanguageKeys[code]; ok {
		return t.Plain(lang, k, nil)
	}
	return code
}

// LanguageNames are the names of codes in lang, joined by ", ".
func (t *Texts) LanguageNames(lang string, codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = t.LanguageName(lang, c)
	}
	return strings.Join(names, ", ")
}

// LanguageChoices are codes as choices, named in the turn's language.
func LanguageChoices(t *Turn, codes []string) []Choice {
	out := make([]Choice, len(codes))
	for i, c := range codes {
		out[i] = Choice{Label: t.Texts().LanguageName(t.Lang(), c), Value: c}
	}
	return out
}

// NeedKeys are the keys of the names of the needs, by need.
var NeedKeys = map[domain.EventNeed]string{
	domain.NeedInterpreting: "need.interpreting", domain.NeedChildcare: "need.childcare",
	domain.NeedStepFree: "need.step_free",
}

// NeedName is the plain name of need n in lang (n itself when unknown).
func (t *Texts) NeedName(lang string, n domain.EventNeed) string {
	if k, ok := NeedKeys[n]; ok {
		return t.Plain(lang, k, nil)
	}
	return string(n)
}
