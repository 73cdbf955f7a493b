package engine

import (
	"strings"

	"github.com/miglobe/miglobe-bot/flows/domain"
)

// Global values every text may use without its caller passing them: how to
// reach the programme office and how long its review usually takes, from
// the configuration (Config.Office). Wherever a text sends the user to the
// office, it names the contact too, so that nobody is left without a way
// on.
//
//	{{.Office}}     "die Programmstelle (E-Mail …, Telefon …, Mo–Fr 9–15 Uhr)", or
//	                "die Programmstelle" when no contact is configured
//	{{.OfficeLine}} a line with the contact, "" when none is configured
//	{{.ReviewTime}} a sentence on the usual review time, "" when not configured
var globalNames = []string{"Office", "OfficeLine", "ReviewTime"}

// Keys of the office texts.
const (
	keyOfficeName       = "office.name"
	keyOfficeWith       = "office.with_contact"
	keyOfficeLine       = "office.line"
	keyOfficeEmail      = "office.email"
	keyOfficePhone      = "office.phone"
	keyOfficeReviewTime = "office.review_time"
)

// usesGlobal reports whether the template source src uses a global value.
func usesGlobal(src string) bool {
	for _, n := range globalNames {
		if strings.Contains(src, "."+n) {
			return true
		}
	}
	return false
}

// withGlobals returns data with the global values of lang added (a key in
// data wins), for a text that uses them; data itself otherwise.
func (t *Texts) withGlobals(lang string, m *text, data map[string]any) map[string]any {
	g := t.globals[lang]
	if g == nil {
		g = t.globals[t.def]
	}
	if !m.global || len(g) == 0 {
		return data
	}
	out := make(map[string]any, len(data)+len(g))
	for k, v := range g {
		out[k] = v
	}
	for k, v := range data {
		out[k] = v
	}
	return out
}

// setOffice makes the office's contact and review time global values, in
// every language.
func (t *Texts) setOffice(o domain.Office) {
	t.globals = make(map[string]map[string]any, len(t.langs))
	for _, lang := range t.langs {
		var parts []string
		if o.Email != "" {
			parts = append(parts, t.T(lang, keyOfficeEmail, map[string]any{"Email": o.Email}))
		}
		if o.Phone != "" {
			parts = append(parts, t.T(lang, keyOfficePhone, map[string]any{"Phone": o.Phone}))
		}
		if o.Hours != "" {
			parts = append(parts, Escape(o.Hours))
		}
		g := map[string]any{"Office": t.T(lang, keyOfficeName, nil), "OfficeLine": "", "ReviewTime": ""}
		if len(parts) > 0 {
			contact := HTML(strings.Join(parts, " · "))
			g["Office"] = t.T(lang, keyOfficeWith, map[string]any{"Contact": contact})
			g["OfficeLine"] = t.T(lang, keyOfficeLine, map[string]any{"Contact": contact})
		}
		if o.ReviewDays > 0 {
			g["ReviewTime"] = t.T(lang, keyOfficeReviewTime, map[string]any{"Days": o.ReviewDays})
		}
		t.globals[lang] = g
	}
}
